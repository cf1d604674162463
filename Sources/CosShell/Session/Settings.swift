import CosModel
import CosPostgres
import CosRender

/// The shell's settings: what `set` lists and changes, and what the command line presets. Each
/// property is one entry of `SettingsTable`, which holds its name, type, default, parser, the values
/// completion offers and its help; the defaults below are the table's.
public struct Settings: Equatable, Sendable {
    public var format: OutputFormat = SettingsTable.format.defaultValue
    /// The as-of date: `--as-of`, else the data's manifest, else today (UTC).
    public var asOf: CivilDate
    /// The period; nil means the default, the 12 months ending with the as-of month.
    public var explicitPeriod: Period? = SettingsTable.period.defaultValue
    /// Rows shown of a long ticket list in a script before "N more"; nil means no limit.
    public var limit: Int? = SettingsTable.limit.defaultValue
    public var pager: Bool = SettingsTable.pager.defaultValue
    public var color: ColorPolicy = SettingsTable.color.defaultValue
    /// Draw with ASCII only (no box drawing, no block characters).
    public var ascii: Bool = SettingsTable.ascii.defaultValue
    /// Output width; nil means the terminal's, else `$COLUMNS`, else 80.
    public var width: Int? = SettingsTable.width.defaultValue
    /// The statement timeout of a PostgreSQL source (`statement_timeout`), in milliseconds; 0 is none.
    public var timeoutMilliseconds: Int = SettingsTable.timeout.defaultValue

    public init(asOf: CivilDate) { self.asOf = asOf }

    /// The period in force.
    public var period: Period { explicitPeriod ?? Period.defaultPeriod(asOf: asOf) }

    /// Setting names, in the order `set` lists them.
    public static var names: [String] { SettingsTable.all.map(\.name) }

    /// The values completion offers for a setting.
    public static func accepted(_ name: String) -> [String] { SettingsTable.entry(named: name)?.values ?? [] }

    /// The current value of a setting as text (nil for an unknown name).
    public func value(of name: String) -> String? { SettingsTable.entry(named: name)?.read(self) }

    /// Changes a setting, or throws a message and changes nothing.
    public mutating func set(_ name: String, to value: String) throws {
        guard let entry = SettingsTable.entry(named: name) else {
            let hint = ProgramOptions.closest(name, among: Self.names).map { "; did you mean \"\($0)\"?" } ?? ""
            throw SettingError("unknown setting \"\(name)\"\(hint) (settings: \(Self.names.joined(separator: ", ")))")
        }
        try entry.write(&self, value)
    }
}

/// A setting that could not be changed.
public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// How a kind of setting value is read from text, written back and completed.
///
/// `parse` gets the other settings too (a relative period depends on the as-of date) and throws a
/// `SettingError` whose message `SettingsTable` writes as `NAME takes TAKES, not "TEXT"` when it is
/// empty.
public struct SettingType<Value: Sendable>: Sendable {
    /// What the setting takes, as messages and help say it: `table, csv, json or markdown`.
    public let takes: String
    /// The words completion offers.
    public let values: [String]
    /// Its value in usage lines: `table|csv|json|markdown`, `DATE`, `N|none`.
    public let placeholder: String
    public let parse: @Sendable (_ text: String, _ settings: Settings) throws -> Value
    public let write: @Sendable (_ value: Value, _ settings: Settings) -> String

    public init(
        takes: String, values: [String], placeholder: String,
        parse: @escaping @Sendable (String, Settings) throws -> Value, write: @escaping @Sendable (Value, Settings) -> String
    ) {
        self.takes = takes
        self.values = values
        self.placeholder = placeholder
        self.parse = parse
        self.write = write
    }

    /// A refusal; `SettingsTable` writes the message.
    static var refused: SettingError { SettingError("") }
}

extension SettingType {
    /// One of an enumeration's cases, by its name, case-insensitive (`OutputFormat`, `ColorPolicy`).
    static func choice<E: CaseIterable & RawRepresentable & Sendable>(_ type: E.Type, also aliases: [String: E] = [:])
        -> SettingType<E> where E.RawValue == String
    {
        let names = E.allCases.map(\.rawValue)
        return SettingType<E>(
            takes: SettingsTable.alternatives(names), values: names, placeholder: names.joined(separator: "|"),
            parse: { text, _ in
                let lower = text.lowercased()
                if let value = E(rawValue: lower) ?? aliases[lower] { return value }
                throw SettingType<E>.refused
            },
            write: { value, _ in value.rawValue })
    }

    /// `on` or `off` (also `true`/`false`, `yes`/`no`, `1`/`0`).
    static var onOff: SettingType<Bool> {
        SettingType<Bool>(
            takes: "on or off", values: ["on", "off"], placeholder: "on|off",
            parse: { text, _ in
                switch text.lowercased() {
                case "on", "true", "yes", "1": return true
                case "off", "false", "no", "0": return false
                default: throw SettingType<Bool>.refused
                }
            },
            write: { value, _ in value ? "on" : "off" })
    }

    /// A whole number in `range` (`what` names its unit in messages), or the word `none` for no
    /// number (nil); `synonyms` mean the same as `none`.
    static func number(_ what: String, _ range: ClosedRange<Int>, or none: String, synonyms: [String] = []) -> SettingType<Int?> {
        SettingType<Int?>(
            takes: "a number of \(what) from \(range.lowerBound) to \(range.upperBound), or \(none)", values: [none],
            placeholder: "N|\(none)",
            parse: { text, _ in
                let lower = text.lowercased()
                if lower == none || synonyms.contains(lower) { return nil }
                guard let number = Int(text), range.contains(number) else { throw SettingType<Int?>.refused }
                return number
            },
            write: { value, _ in value.map(String.init) ?? none })
    }

    /// A date `YYYY-MM-DD`.
    static var date: SettingType<CivilDate> {
        SettingType<CivilDate>(
            takes: "a date YYYY-MM-DD", values: [], placeholder: "DATE",
            parse: { text, _ in
                guard let date = CivilDate(parsing: text) else { throw SettingType<CivilDate>.refused }
                return date
            },
            write: { value, _ in value.description })
    }

    /// `FROM..TO`, `YYYY-MM`, `last N`, or `default` (nil: the 12 months to the as-of month).
    static var period: SettingType<Period?> {
        SettingType<Period?>(
            takes: "FROM..TO, YYYY-MM, last N or default", values: ["default", "last 12"], placeholder: "FROM..TO",
            parse: { text, settings in
                if text.lowercased() == "default" {
                    if let problem = Period.defaultPeriodProblem(asOf: settings.asOf) {
                        throw SettingError("period default: \(problem); keep a period inside \(Month.earliest)..\(Month.latest)")
                    }
                    return nil
                }
                do { return try Period.parse(text, asOf: settings.asOf) } catch let error as PeriodError {
                    throw SettingError("period: \(error.message)")
                }
            },
            write: { value, settings in
                (value ?? Period.defaultPeriod(asOf: settings.asOf)).description
                    + (value == nil ? " (default: 12 months to the as-of month)" : "")
            })
    }

    /// A duration in milliseconds: `500ms`, `30s`, `30` (seconds), `2min`, `1h`, or `off` (0).
    static var duration: SettingType<Int> {
        SettingType<Int>(
            takes: "a duration (500ms, 30s, 2min, 1h) or off", values: ["30s", "2min", "off"], placeholder: "DURATION",
            parse: { text, _ in
                guard let milliseconds = TimeoutText.parse(text) else { throw SettingType<Int>.refused }
                return milliseconds
            },
            write: { value, _ in TimeoutText.describe(milliseconds: value) })
    }
}

/// One typed setting: its name, where it lives in `Settings`, its type and default, and its help.
public struct Setting<Value: Sendable>: Sendable {
    public let name: String
    /// Other names `set` and the command line accept (`colour`).
    public let aliases: [String]
    public let keyPath: WritableKeyPath<Settings, Value> & Sendable
    public let type: SettingType<Value>
    public let defaultValue: Value
    /// The default as help shows it, when it is not the value written (`the data's, else today`).
    public let defaultText: String?
    /// One line of help.
    public let summary: String
    /// A rule between settings, checked after the value is set (nil: none): the problem, as the
    /// message `set` gives, when the settings do not go together; the value is then not kept.
    public let check: (@Sendable (_ settings: Settings, _ text: String) -> String?)?

    init(
        _ name: String, aliases: [String] = [], _ keyPath: WritableKeyPath<Settings, Value> & Sendable,
        _ type: SettingType<Value>, default defaultValue: Value, defaultText: String? = nil, summary: String,
        check: (@Sendable (Settings, String) -> String?)? = nil
    ) {
        self.check = check
        self.name = name
        self.aliases = aliases
        self.keyPath = keyPath
        self.type = type
        self.defaultValue = defaultValue
        self.defaultText = defaultText
        self.summary = summary
    }

    /// The table's untyped view of this setting.
    var entry: SettingEntry {
        let keyPath = self.keyPath, type = self.type, name = self.name
        let defaultValue = self.defaultValue
        return SettingEntry(
            name: name, aliases: aliases, takes: type.takes, values: type.values, placeholder: type.placeholder,
            summary: summary,
            defaultText: defaultText ?? type.write(defaultValue, Settings(asOf: CivilDate.reference)),
            read: { settings in type.write(settings[keyPath: keyPath], settings) },
            assign: { settings, text in
                do {
                    let value = try type.parse(text, settings)
                    settings[keyPath: keyPath] = value
                } catch let error as SettingError {
                    throw error.message.isEmpty ? SettingError("\(name) takes \(type.takes), not \"\(text)\"") : error
                }
            },
            check: check)
    }
}

/// A setting as `set`, the command line, completion and help see it: names and text only.
public struct SettingEntry: Sendable {
    public let name: String
    public let aliases: [String]
    /// What it takes (`table, csv, json or markdown`).
    public let takes: String
    /// What completion offers.
    public let values: [String]
    /// Its value in usage lines (`table|csv|json|markdown`, `DATE`).
    public let placeholder: String
    public let summary: String
    /// The default, written.
    public let defaultText: String
    /// The current value, written.
    public let read: @Sendable (Settings) -> String
    /// Parses `text` and sets the value, or throws a message and changes nothing; the rule between
    /// settings (`check`) is not applied.
    public let assign: @Sendable (inout Settings, String) throws -> Void
    /// The rule between settings, if any (see `Setting.check`).
    public let check: (@Sendable (Settings, String) -> String?)?

    /// Sets the value as `set` does: parsed, then checked against the other settings; throws a
    /// message and changes nothing when either refuses it.
    public func write(_ settings: inout Settings, _ text: String) throws {
        var changed = settings
        try assign(&changed, text)
        if let problem = check?(changed, text) { throw SettingError(problem) }
        settings = changed
    }

    /// The command-line flags that preset it: `--format`, and one per alias.
    public var flags: [String] { ([name] + aliases).map { "--" + $0 } }
}

/// The one table of settings. `set`, `set` alone, the command-line flags (`--format`, `--as-of`, ...),
/// completion of `set NAME VALUE` and `help set` all read it.
///
/// To add a setting: give `Settings` a property whose default is the new entry's `defaultValue`,
/// declare the entry here with a `SettingType` (one of those above, or a new one: how text parses,
/// how the value is written, what completion offers), and add it to `all` where `set` should list
/// it. The flag `--NAME`, completion, `help set` and the man page follow. A setting whose change must
/// reach something else (the `timeout` of a PostgreSQL source) is applied by `SettingsCommands.set`.
public enum SettingsTable {
    public static let format = Setting(
        "format", \Settings.format, .choice(OutputFormat.self, also: ["md": .markdown]), default: .table,
        summary: "how results are written: tables and charts for people, or CSV, JSON, Markdown")
    public static let asOf = Setting(
        "as-of", \Settings.asOf, .date, default: CivilDate.reference, defaultText: "the data's manifest, else today (UTC)",
        summary: "the date the figures are as of; the default period ends with its month",
        check: { settings, text in
            // The default period must stay in the years 0001..9999 (issue 12): a far-past date needs a period.
            guard settings.explicitPeriod == nil, let problem = Period.defaultPeriodProblem(asOf: settings.asOf) else { return nil }
            return "as-of \(text): \(problem); set a period first (period \(Month.earliest)..\(settings.asOf.monthValue))"
        })
    public static let period = Setting(
        "period", \Settings.explicitPeriod, .period, default: nil, defaultText: "the 12 months to the as-of month",
        summary: "the months the figures cover")
    public static let limit = Setting(
        "limit", \Settings.limit, .number("rows", 1...1_000_000, or: "none", synonyms: ["off"]), default: 50,
        summary: "rows of a ticket list in a script (a terminal shows a screenful); the rest are counted")
    public static let pager = Setting(
        "pager", \Settings.pager, .onOff, default: true,
        summary: "long output on a terminal goes through $PAGER (default less -FRSX)")
    public static let color = Setting(
        "color", aliases: ["colour"], \Settings.color, .choice(ColorPolicy.self), default: .auto,
        summary: "colour: auto is on a terminal unless NO_COLOR is set")
    public static let ascii = Setting(
        "ascii", \Settings.ascii, .onOff, default: false, summary: "draw with ASCII only: no box drawing or block characters")
    public static let width = Setting(
        "width", \Settings.width, .number("columns", 20...1000, or: "auto"), default: nil,
        defaultText: "auto", summary: "the output width; auto is the terminal's, else $COLUMNS, else 80")
    public static let timeout = Setting(
        "timeout", \Settings.timeoutMilliseconds, .duration, default: 30_000,
        summary: "the longest a query may run on a PostgreSQL source (statement_timeout)")

    /// Every setting, in the order `set` lists them. The as-of date comes before the period, so a
    /// relative period on the command line (`--period "last 3"`) counts from the as-of date given.
    public static let all: [SettingEntry] = [
        format.entry, asOf.entry, period.entry, limit.entry, pager.entry, color.entry, ascii.entry, width.entry,
        timeout.entry,
    ]

    /// The entry called `name` or with `name` as an alias (any case).
    public static func entry(named name: String) -> SettingEntry? {
        let lower = name.lowercased()
        return all.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// The entry a command-line flag presets (`--format`, `--colour`).
    public static func entry(flag: String) -> SettingEntry? {
        all.first { $0.flags.contains(flag) }
    }

    /// The lines of `help set` and `cos --help`: each setting, what it takes and its default, then
    /// what it is for.
    static var helpLines: [String] {
        let width = all.map(\.name.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 4)
        var lines: [String] = []
        for entry in all {
            let pad = String(repeating: " ", count: width - entry.name.count + 2)
            lines.append("  " + entry.name + pad + entry.takes + "; default " + entry.defaultText)
            lines.append(indent + entry.summary + (entry.aliases.isEmpty ? "" : " (also: \(entry.aliases.joined(separator: ", ")))"))
        }
        return lines
    }

    /// `a, b or c`.
    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1, let last = words.last else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + last
    }
}

extension CivilDate {
    /// A fixed date for writing defaults that do not depend on it (1970-01-01).
    static let reference = CivilDate(daysSinceEpoch: 0)
}
