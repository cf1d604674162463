import CosModel

/// `period`, `as-of`, `set`, `let`: the settings and script variables.
enum SettingsCommands {
    static func period(_ shell: Shell, _ invocation: Invocation) throws {
        if let text = invocation.argument("PERIOD") {
            do { try shell.settings.set("period", to: text) } catch let error as SettingError {
                throw ShellError(error.message, column: invocation.column(of: "PERIOD"))
            }
        }
        shell.say("period \(shell.settings.period)" + (shell.settings.explicitPeriod == nil ? " (the 12 months to the as-of date \(shell.settings.asOf))" : ""), command: invocation.text)
    }

    static func asOf(_ shell: Shell, _ invocation: Invocation) throws {
        if let text = invocation.argument("DATE") {
            do { try shell.settings.set("as-of", to: text) } catch let error as SettingError {
                throw ShellError(error.message, column: invocation.column(of: "DATE"))
            }
        }
        shell.say("as-of \(shell.settings.asOf), period \(shell.settings.period)", command: invocation.text)
    }

    static func set(_ shell: Shell, _ invocation: Invocation) throws {
        guard let key = invocation.argument("KEY") else {
            // The data and its fingerprint are facts of the data, listed after the settings (read-only).
            // A PostgreSQL source is named too, its password masked.
            let facts = [("data", shell.data.name)] + (shell.sourceDescription.map { [("source", $0)] } ?? [])
                + [("fingerprint", shell.data.fingerprint ?? "none")]
            let width = (Settings.names + facts.map(\.0)).map(\.count).max() ?? 0
            let lines = Settings.names.map { name in
                name + String(repeating: " ", count: width - name.count + 2) + (shell.settings.value(of: name) ?? "")
            } + facts.map { name, value in name + String(repeating: " ", count: width - name.count + 2) + value }
            shell.say(lines.joined(separator: "\n"), command: invocation.text)
            return
        }
        if ["data", "fingerprint"].contains(key.lowercased()) {
            guard invocation.argument("VALUE") == nil else {
                throw ShellError("\(key.lowercased()) is a fact of the data, not a setting: it cannot be set", column: invocation.column(of: "KEY"))
            }
            let value = key.lowercased() == "data" ? shell.data.name : shell.data.fingerprint ?? "none"
            shell.say("\(key.lowercased()) \(value)", command: invocation.text)
            return
        }
        guard let value = invocation.argument("VALUE") else {
            guard let current = shell.settings.value(of: key.lowercased()) else {
                try shell.settings.set(key.lowercased(), to: "")  // throws the unknown-setting message
                return
            }
            shell.say("\(key.lowercased()) \(current)", command: invocation.text)
            return
        }
        let before = shell.settings
        do { try shell.settings.set(key.lowercased(), to: value) } catch let error as SettingError {
            throw ShellError(error.message, column: invocation.column(of: "VALUE"))
        }
        if shell.settings.timeoutMilliseconds != before.timeoutMilliseconds {
            do { try shell.applyTimeout() } catch {
                shell.settings = before
                throw error
            }
        }
    }

    static func letVariable(_ shell: Shell, _ invocation: Invocation) throws {
        let name = invocation.argument("NAME") ?? ""
        guard VariableName.isValid(name) else {
            throw ShellError(
                "\"\(name)\" is not a variable name (letters, digits and _, not starting with a digit)",
                column: invocation.column(of: "NAME"))
        }
        shell.variables[name] = invocation.argument("VALUE") ?? ""
    }
}
