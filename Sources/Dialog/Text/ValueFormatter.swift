/// Shows a value to the inwoner in their language.
struct ValueFormatter {
    let catalog: Catalog
    let language: Language

    func format(_ value: Value) -> String {
        switch value {
        case .text(let s): return s
        case .number(let n): return String(n)
        case .bool(let b): return catalog.text(b ? "value.yes" : "value.no", language)
        case .none: return catalog.text("value.none", language)
        case .option(let list, let key): return catalog.text("\(list).\(key)", language)
        case .record(let fields):
            return (fields["label"] ?? fields["name"] ?? fields["text"]).map(format) ?? ""
        case .list(let items):
            let shown = items.map(format)
            guard shown.count > 1 else { return shown.first ?? catalog.text("value.none", language) }
            return shown.dropLast().joined(separator: ", ") + " " + catalog.text("value.and", language) + " " + shown.last!
        case .date(let date, let time):
            return formatDate(date, time)
        }
    }

    /// `di 15 december, 14:30`; weekday from the date itself (Zeller), no Calendar needed.
    func formatDate(_ date: LocalDate, _ time: LocalTime?) -> String {
        let weekday = catalog.text("date.weekday.\(Self.isoWeekday(date))", language)
        let month = catalog.text("date.month.\(date.month)", language)
        var text = "\(weekday) \(date.day) \(month)"
        if let time { text += ", " + time.description }
        return text
    }

    /// `maandag 28 december`: a day proposed to the inwoner, in full.
    func formatLongDate(_ date: LocalDate) -> String {
        "\(catalog.text("date.day.\(Self.isoWeekday(date))", language)) \(date.day) \(catalog.text("date.month.\(date.month)", language))"
    }

    /// 1 = Monday ... 7 = Sunday.
    static func isoWeekday(_ d: LocalDate) -> Int {
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = d.month < 3 ? d.year - 1 : d.year
        let sundayBased = (y + y / 4 - y / 100 + y / 400 + t[d.month - 1] + d.day) % 7
        return sundayBased == 0 ? 7 : sundayBased
    }
}
