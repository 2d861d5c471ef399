import ArgumentParser

/// How inwoners reach a professional, printed on their plan for the fridge.
struct ContactOptions: ParsableArguments {
    @Option(help: "The professional's name as inwoners know it (\"Anna de Vries, wijkteam Noord\").")
    var name: String?

    @Option(help: "A phone number inwoners may call, as it should be printed (a mobile or the team's number).")
    var phone: String?

    func validate() throws {
        if let name, name.isEmpty || name.count > 100 { throw ValidationError("--name must be 1 to 100 characters") }
        // Printed as typed: a landline ("020 123 4567") is as good as a mobile here.
        if let phone, phone.count > 20 || !phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) || !phone.contains(where: \.isNumber) {
            throw ValidationError("--phone must be a phone number (digits, spaces, + - and brackets, at most 20)")
        }
    }
}
