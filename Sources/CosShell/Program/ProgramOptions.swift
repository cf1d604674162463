import CosCommand
import CosModel

/// What the command line asked for. Parsed by `ProgramOptions.parse`, which never exits the process:
/// bad usage is a `UsageError` and the program exits 2.
public struct ProgramOptions: Equatable, Sendable {
    /// What the program does.
    public enum Mode: Equatable, Sendable {
        /// Open DATA and run the shell (interactive, or the commands of -c / -f / standard input).
        case shell
        /// `cos import DIR -o FILE`.
        case importData(directory: String, output: String)
        /// `cos import DIR --to URL` or `cos import --from-schema SCHEMA --to URL`, into `schema` (default `cos`).
        case importPostgres(source: ImportSource, to: String, schema: String?, distributed: Bool)
        /// `cos generate ...`: the arguments after `generate`.
        case generate([String])
        case help
        case version
        /// `cos --man-page`: the manual page, in roff, made from the command and settings tables.
        case manual
        /// `cos --completion bash|zsh`: the shell's completion script for the program's flags.
        case completion(String)
    }

    /// Where `cos import --to` reads from.
    public enum ImportSource: Equatable, Sendable {
        case directory(String)
        case schema(String)
    }

    public var mode: Mode = .shell
    /// `--schema NAME`: the schema of a PostgreSQL DATA (default `cos`).
    public var schema: String?
    /// A CSV directory or a store file; nil means `$COS_DATA`, else the shipped sample data.
    public var data: String?
    /// `-c COMMANDS`, in order.
    public var commands: [String] = []
    /// `-f FILE`.
    public var scriptFile: String?
    /// The settings the command line presets (`--format csv`, `--as-of 2026-06-30`), by the settings
    /// table's names, in the order given; checked by the table when parsed, applied by the shell.
    public var settings: [SettingAssignment] = []
    /// `--var NAME=VALUE`.
    public var variables: [String: String] = [:]
    public var echo = false
    public var keepGoing = false
    public var noRC = false
    /// `--strict`: a script's `expect-data` fails (exit status 1) when the data differs, instead of warning.
    public var strict = false
    /// `cos import --force`: replace a destination that is not a cos store (never a device, a
    /// directory or an input file).
    public var force = false
    /// `--table NAME`: with `--format csv`, print only this table.
    public var table: String?

    public init() {}

    /// The value the command line gives the setting `name` (the last one given), or nil. Setting it
    /// replaces what was given (for callers that build options in code, as tests do).
    public subscript(setting name: String) -> String? {
        get { settings.last { $0.name == name }?.value }
        set {
            settings.removeAll { $0.name == name }
            if let newValue { settings.append(SettingAssignment(name: name, value: newValue)) }
        }
    }

    /// `--format`, `--color`, `--width`, `--as-of`, `--period` as given (conveniences over `settings`).
    public var format: String? {
        get { self[setting: "format"] }
        set { self[setting: "format"] = newValue }
    }
    public var color: String? {
        get { self[setting: "color"] }
        set { self[setting: "color"] = newValue }
    }
    public var width: Int? {
        get { self[setting: "width"].flatMap { Int($0) } }
        set { self[setting: "width"] = newValue.map(String.init) }
    }
    public var asOf: String? {
        get { self[setting: "as-of"] }
        set { self[setting: "as-of"] = newValue }
    }
    public var period: String? {
        get { self[setting: "period"] }
        set { self[setting: "period"] = newValue }
    }

    /// Parses the arguments after the program name. The options are `ProgramFlags.table` and one
    /// flag per setting of `SettingsTable` (`--format`, `--as-of`, `--limit`, ...).
    public static func parse(_ arguments: [String]) throws -> ProgramOptions {
        var options = ProgramOptions()
        var rest = arguments[...]
        if let first = rest.first {
            if first == "import" {
                rest.removeFirst()
                return try parseImport(rest)
            }
            if first == "generate" {
                options.mode = .generate(Array(rest.dropFirst()))
                return options
            }
        }
        func value(_ name: String, _ inline: String?) throws -> String {
            if let inline { return inline }
            guard let next = rest.first else { throw UsageError("\(name) needs a value") }
            rest.removeFirst()
            return next
        }
        while let argument = rest.first {
            rest.removeFirst()
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            if name == "--" {
                if let data = rest.first {
                    rest.removeFirst()
                    try options.setData(data)
                }
            } else if let flag = ProgramFlags.flag(named: name) {
                guard flag.value != nil || inline == nil else { throw UsageError("\(name) takes no value") }
                try options.apply(flag, flag.value == nil ? nil : try value(name, inline), given: name)
            } else if let setting = SettingsTable.entry(flag: name) {
                let text = try value(name, inline)
                // Checked now, against any as-of date, so a bad value stops before the data is opened
                // (the rules between settings are checked when the shell applies them together).
                var scratch = Settings(asOf: CivilDate.reference)
                do { try setting.assign(&scratch, text) } catch let error as SettingError {
                    throw UsageError("--" + error.message)
                }
                options.settings.append(SettingAssignment(name: setting.name, value: text))
            } else if argument.hasPrefix("-") && argument != "-" {
                let hint = closest(name, among: ProgramFlags.allNames).map { " (did you mean \($0)?)" } ?? ""
                throw UsageError("unknown option \(name)\(hint)")
            } else {
                try options.setData(argument)
            }
        }
        return options
    }

    /// Records one flag of `ProgramFlags.table`.
    private mutating func apply(_ flag: ProgramFlag, _ value: String?, given name: String) throws {
        let text = value ?? ""
        switch flag.name {
        case "--help": mode = .help
        case "--version": mode = .version
        case "--man-page": mode = .manual
        case "--completion":
            guard CompletionScripts.shells.contains(text) else {
                throw UsageError("--completion takes \(SettingsTable.alternatives(CompletionScripts.shells)), not \"\(text)\"")
            }
            mode = .completion(text)
        case "--command": commands.append(text)
        case "--file":
            guard scriptFile == nil else { throw UsageError("-f can be given once") }
            scriptFile = text
        case "--var":
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw UsageError("--var takes NAME=VALUE, not \"\(text)\"")
            }
            let variable = String(text[..<equals])
            guard VariableName.isValid(variable) else {
                throw UsageError("--var: \"\(variable)\" is not a variable name (letters, digits and _, not starting with a digit)")
            }
            variables[variable] = String(text[text.index(after: equals)...])
        case "--table": table = text
        case "--schema": schema = text
        case "--echo": echo = true
        case "--keep-going": keepGoing = true
        case "--no-rc": noRC = true
        case "--strict": strict = true
        default: throw UsageError("\(name) is not handled")  // a table entry without a case: a defect
        }
    }

    private mutating func setData(_ path: String) throws {
        guard data == nil else { throw UsageError("only one DATA path can be given (got \"\(data ?? "")\" and \"\(path)\")") }
        data = path
    }

    private static func parseImport(_ arguments: ArraySlice<String>) throws -> ProgramOptions {
        let usage = "usage: cos import DIR -o FILE, or cos import DIR|--from-schema SCHEMA --to URL"
        var directory: String?
        var output: String?
        var target: String?
        var schema: String?
        var fromSchema: String?
        var distributed = false
        var force = false
        var rest = arguments
        func value(_ name: String, _ what: String) throws -> String {
            guard let next = rest.first else { throw UsageError("cos import: \(name) needs \(what)") }
            rest.removeFirst()
            return next
        }
        while let argument = rest.first {
            rest.removeFirst()
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "-o", "--output": output = try inline ?? value(name, "a FILE")
            case "--to": target = try inline ?? value(name, "a PostgreSQL connection string (postgresql://...)")
            case "--schema": schema = try inline ?? value(name, "a schema NAME")
            case "--from-schema": fromSchema = try inline ?? value(name, "a SCHEMA holding the data contract's tables")
            case "--distributed": distributed = true
            case "--force": force = true
            case "-h", "--help":
                var options = ProgramOptions()
                options.mode = .help
                return options
            default:
                if argument.hasPrefix("-") {
                    let known = ProgramFlags.importTable.flatMap(\.names).filter { $0.hasPrefix("--") }
                    let hint = closest(name, among: known).map { " (did you mean \($0)?)" } ?? ""
                    throw UsageError("cos import: unknown option \(argument)\(hint) (\(usage))")
                } else if directory == nil {
                    directory = argument
                } else {
                    throw UsageError("cos import: one DIR only (\(usage))")
                }
            }
        }
        var options = ProgramOptions()
        if let target {
            guard output == nil else { throw UsageError("cos import: -o FILE and --to URL cannot be combined (\(usage))") }
            if let fromSchema {
                guard directory == nil else {
                    throw UsageError("cos import: --from-schema builds from the database, without a DIR (\(usage))")
                }
                options.mode = .importPostgres(source: .schema(fromSchema), to: target, schema: schema, distributed: distributed)
            } else {
                guard let directory else { throw UsageError("cos import: missing DIR or --from-schema SCHEMA (\(usage))") }
                options.mode = .importPostgres(source: .directory(directory), to: target, schema: schema, distributed: distributed)
            }
            return options
        }
        if fromSchema != nil || schema != nil || distributed {
            throw UsageError("cos import: --from-schema, --schema and --distributed go with --to URL (\(usage))")
        }
        guard let directory else { throw UsageError("cos import: missing DIR (\(usage))") }
        guard let output else { throw UsageError("cos import: missing -o FILE or --to URL (\(usage))") }
        options.mode = .importData(directory: directory, output: output)
        options.force = force
        return options
    }

    /// The nearest of `candidates` to `word`, if it is close enough to be a likely typo (the same
    /// suggestions as for commands and names in the shell).
    static func closest(_ word: String, among candidates: [String]) -> String? {
        suggest(for: word, among: candidates, limit: 1).first
    }

    /// The text of `cos --help`: the subcommands, then every option of `ProgramFlags.table` and of
    /// `SettingsTable`.
    public static var usage: String {
        let head = """
            usage: cos [DATA] [options]          explore a billing export (a CSV directory, a store file or
                                                 a PostgreSQL database: postgresql://... or key=value pairs)
                   cos import DIR -o FILE        check a CSV directory and build an indexed store file
                                                 (FILE: a new path or a cos store; --force: any file)
                   cos import DIR --to URL       ... and load it into a PostgreSQL schema (swapped in atomically)
                   cos import --from-schema SCHEMA --to URL
                                                 build it inside the database from the data contract's tables
                   cos generate -o DIR [...]     write a deterministic sample export (cos generate --help)

            DATA defaults to $COS_DATA, else the sample data shipped with cos.
            import --to takes --schema NAME (default cos) and --distributed (Citus).

            options:
            """
        let tail = """

            settings (--NAME VALUE presets one, as --format csv; in the shell, set NAME VALUE):
            \(SettingsTable.helpLines.joined(separator: "\n"))

            Without -c or -f, cos reads commands from standard input when it is not a terminal, and runs an
            interactive shell when it is. Type help in the shell for its commands.

            exit status: 0 success, 1 a command failed, 2 bad usage or unreadable data.
            """
        return head + "\n" + ProgramFlags.usageLines.joined(separator: "\n") + "\n" + tail
    }
}

/// A setting the command line presets: the settings table's name and the text given.
public struct SettingAssignment: Equatable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One option of the program's command line (the settings' flags come from `SettingsTable`).
public struct ProgramFlag: Equatable, Sendable {
    /// Its names, a short one first when it has one (`-c`, `--command`).
    public let names: [String]
    /// The placeholder of its value (`COMMANDS`); nil for a flag that takes none.
    public let value: String?
    /// Its value is a file name (shell completion offers files).
    public let takesFile: Bool
    /// The values shell completion offers (`bash`, `zsh`).
    public let values: [String]
    /// It may be given more than once (`-c`, `--var`).
    public let repeatable: Bool
    public let summary: String

    init(
        _ names: [String], value: String? = nil, file: Bool = false, values: [String] = [], repeatable: Bool = false,
        _ summary: String
    ) {
        self.names = names
        self.value = value
        self.takesFile = file
        self.values = values
        self.repeatable = repeatable
        self.summary = summary
    }

    /// The long name, by which `ProgramOptions` handles it.
    public var name: String { names.last ?? "" }
}

/// The one table of the program's own options: parsing, `cos --help`, the man page and the bash and
/// zsh completions read it, with `SettingsTable` for the settings' flags.
public enum ProgramFlags {
    public static let table: [ProgramFlag] = [
        ProgramFlag(["-c", "--command"], value: "COMMANDS", repeatable: true, "run COMMANDS (repeatable) and exit"),
        ProgramFlag(["-f", "--file"], value: "FILE", file: true, "run the script FILE and exit (also: #!/usr/bin/env -S cos -f)"),
        ProgramFlag(["--var"], value: "NAME=VALUE", repeatable: true, "set the script variable $NAME (repeatable)"),
        ProgramFlag(["--table"], value: "NAME", "with --format csv: only the table NAME"),
        ProgramFlag(["--schema"], value: "NAME", "the schema of a PostgreSQL DATA (default: cos)"),
        ProgramFlag(["--echo"], "print each command before its output"),
        ProgramFlag(["--keep-going"], "run a script to its end even when a command fails"),
        ProgramFlag(["--no-rc"], "do not run ~/.cosrc at start"),
        ProgramFlag(["--strict"], "a script's expect-data fails when the data differs (else it warns)"),
        ProgramFlag(["-h", "--help"], "this text"),
        ProgramFlag(["--version"], "the version and the store format it reads"),
        ProgramFlag(["--man-page"], "print the manual page (roff), made from the command and settings tables"),
        ProgramFlag(["--completion"], value: "SHELL", values: CompletionScripts.shells, "print the completion script of bash or zsh"),
    ]

    /// The options of `cos import` (parsed by `ProgramOptions.parseImport`).
    public static let importTable: [ProgramFlag] = [
        ProgramFlag(["-o", "--output"], value: "FILE", file: true, "the store file to build"),
        ProgramFlag(["--to"], value: "URL", "load into a PostgreSQL database (postgresql://...) instead"),
        ProgramFlag(["--schema"], value: "NAME", "with --to: the schema to load (default cos), swapped in atomically"),
        ProgramFlag(["--from-schema"], value: "SCHEMA", "with --to: build from the data contract's tables in SCHEMA, without a DIR"),
        ProgramFlag(["--distributed"], "with --to: distribute the tables over a Citus cluster"),
        ProgramFlag(["--force"], "with -o: replace FILE even when it is not a cos store"),
        ProgramFlag(["-h", "--help"], "the usage"),
    ]

    /// The flag called `name`.
    public static func flag(named name: String) -> ProgramFlag? { table.first { $0.names.contains(name) } }

    /// Every option name, the settings' flags included (for "did you mean" and completion).
    public static var allNames: [String] { table.flatMap(\.names) + SettingsTable.all.flatMap(\.flags) }

    /// `  -c, --command COMMANDS   run COMMANDS ...`: the program's own options (the settings' flags
    /// are listed with the settings).
    static var usageLines: [String] {
        let rows = table.map { flag in (flag.names.joined(separator: ", ") + (flag.value.map { " " + $0 } ?? ""), flag.summary) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, summary in
            "  " + label + String(repeating: " ", count: width - label.count + 3) + summary
        }
    }
}

/// Bad command-line usage; the program prints the message and exits 2.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Script variable names: letters, digits and `_`, not starting with a digit.
enum VariableName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
