/// `n` with leading zeros to `width` digits ("2026-03-05", "09:00"), without a formatter.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}
