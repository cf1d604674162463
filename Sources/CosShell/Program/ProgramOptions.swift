import CosCommand

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
    public var format: String?
    public var asOf: String?
    public var period: String?
    public var width: Int?
    public var color: String?
    /// `--var NAME=VALUE`.
    public var variables: [String: String] = [:]
    public var echo = false
    public var keepGoing = false
    public var noRC = false
    /// `--strict`: a script's `expect-data` fails (exit status 1) when the data differs, instead of warning.
    public var strict = false
    /// `--table NAME`: with `--format csv`, print only this table.
    public var table: String?

    public init() {}

    /// Parses the arguments after the program name.
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
            switch name {
            case "-h", "--help": options.mode = .help
            case "--version": options.mode = .version
            case "-c", "--command": options.commands.append(try value(name, inline))
            case "-f", "--file":
                guard options.scriptFile == nil else { throw UsageError("-f can be given once") }
                options.scriptFile = try value(name, inline)
            case "--format":
                let format = try value(name, inline)
                guard ["table", "csv", "json", "markdown"].contains(format) else {
                    throw UsageError("--format takes table, csv, json or markdown, not \"\(format)\"")
                }
                options.format = format
            case "--as-of": options.asOf = try value(name, inline)
            case "--period": options.period = try value(name, inline)
            case "--width":
                let text = try value(name, inline)
                guard let width = Int(text), width >= 20, width <= 1000 else {
                    throw UsageError("--width takes a number of columns from 20 to 1000, not \"\(text)\"")
                }
                options.width = width
            case "--color", "--colour":
                let color = try value(name, inline)
                guard ["auto", "always", "never"].contains(color) else {
                    throw UsageError("--color takes auto, always or never, not \"\(color)\"")
                }
                options.color = color
            case "--var":
                let assignment = try value(name, inline)
                guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                    throw UsageError("--var takes NAME=VALUE, not \"\(assignment)\"")
                }
                let variable = String(assignment[..<equals])
                guard VariableName.isValid(variable) else {
                    throw UsageError("--var: \"\(variable)\" is not a variable name (letters, digits and _, not starting with a digit)")
                }
                options.variables[variable] = String(assignment[assignment.index(after: equals)...])
            case "--table": options.table = try value(name, inline)
            case "--schema": options.schema = try value(name, inline)
            case "--echo": options.echo = true
            case "--keep-going": options.keepGoing = true
            case "--no-rc": options.noRC = true
            case "--strict": options.strict = true
            case "--":
                if let data = rest.first {
                    rest.removeFirst()
                    try options.setData(data)
                }
            default:
                if argument.hasPrefix("-") && argument != "-" {
                    let known = ["--help", "--version", "--command", "--file", "--format", "--as-of", "--period",
                        "--width", "--color", "--var", "--table", "--schema", "--echo", "--keep-going", "--no-rc", "--strict"]
                    let hint = closest(name, among: known).map { " (did you mean \($0)?)" } ?? ""
                    throw UsageError("unknown option \(name)\(hint)")
                }
                try options.setData(argument)
            }
            if inline != nil, ["-h", "--help", "--version", "--echo", "--keep-going", "--no-rc", "--strict"].contains(name) {
                throw UsageError("\(name) takes no value")
            }
        }
        return options
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
            case "-h", "--help":
                var options = ProgramOptions()
                options.mode = .help
                return options
            default:
                if argument.hasPrefix("-") {
                    let known = ["--output", "--to", "--schema", "--from-schema", "--distributed"]
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
        return options
    }

    /// The nearest of `candidates` to `word`, if it is close enough to be a likely typo (the same
    /// suggestions as for commands and names in the shell).
    static func closest(_ word: String, among candidates: [String]) -> String? {
        suggest(for: word, among: candidates, limit: 1).first
    }

    /// The text of `cos --help`.
    public static let usage = """
        usage: cos [DATA] [options]          explore a billing export (a CSV directory, a store file or
                                             a PostgreSQL database: postgresql://... or key=value pairs)
               cos import DIR -o FILE        check a CSV directory and build an indexed store file
               cos import DIR --to URL       ... and load it into a PostgreSQL schema (swapped in atomically)
               cos import --from-schema SCHEMA --to URL
                                             build it inside the database from the data contract's tables
               cos generate -o DIR [...]     write a deterministic sample export (cos generate --help)

        DATA defaults to $COS_DATA, else the sample data shipped with cos.
        import --to takes --schema NAME (default cos) and --distributed (Citus).

        options:
          -c, --command COMMANDS   run COMMANDS (repeatable) and exit
          -f, --file FILE          run the script FILE and exit (also: #!/usr/bin/env -S cos -f)
          --var NAME=VALUE         set the script variable $NAME (repeatable)
          --format FORMAT          table, csv, json or markdown (default: table)
          --table NAME             with --format csv: only the table NAME
          --schema NAME            the schema of a PostgreSQL DATA (default: cos)
          --as-of DATE             the as-of date (YYYY-MM-DD); default: the data's manifest, else today
          --period FROM..TO        the period in months (2026-01..2026-06, or "last 6")
          --width N                output width (default: the terminal's, else $COLUMNS, else 80)
          --color auto|always|never  colours (default auto: on a terminal, unless NO_COLOR is set)
          --echo                   print each command before its output
          --keep-going             run a script to its end even when a command fails
          --no-rc                  do not run ~/.cosrc at start
          --strict                 a script's expect-data fails when the data differs (else it warns)
          -h, --help               this text
          --version                the version

        Without -c or -f, cos reads commands from standard input when it is not a terminal, and runs an
        interactive shell when it is. Type help in the shell for its commands.

        exit status: 0 success, 1 a command failed, 2 bad usage or unreadable data.
        """
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
