import CosModel
import CosPostgres

/// The shell's settings: what `set` lists and changes, and what the command line presets.
///
/// Each setting is validated when set; a bad value leaves the setting as it was and gets a message
/// naming the setting and what it accepts.
public struct Settings: Equatable, Sendable {
    public var format: String = "table"
    /// The as-of date: `--as-of`, else the data's manifest, else today (UTC).
    public var asOf: CivilDate
    /// The period; nil means the default, the 12 months ending with the as-of month.
    public var explicitPeriod: Period?
    /// Rows shown of a long ticket list before "N more"; nil means no limit.
    public var limit: Int? = 50
    public var pager: Bool = true
    /// `auto`, `always` or `never`.
    public var color: String = "auto"
    /// Draw with ASCII only (no box drawing, no block characters).
    public var ascii: Bool = false
    /// Output width; nil means the terminal's, else `$COLUMNS`, else 80.
    public var width: Int?
    /// The statement timeout of a PostgreSQL source (`statement_timeout`), in milliseconds; 0 is none.
    public var timeoutMilliseconds: Int = 30_000

    public init(asOf: CivilDate) { self.asOf = asOf }

    /// The period in force.
    public var period: Period { explicitPeriod ?? Period.defaultPeriod(asOf: asOf) }

    /// Setting names, in the order `set` lists them.
    public static let names = ["format", "period", "as-of", "limit", "pager", "color", "ascii", "width", "timeout"]

    /// The values a setting accepts, for `help set`, completion and error messages.
    public static func accepted(_ name: String) -> [String] {
        switch name {
        case "format": return ["table", "csv", "json", "markdown"]
        case "pager", "ascii": return ["on", "off"]
        case "color": return ["auto", "always", "never"]
        case "limit": return ["none"]
        case "width": return ["auto"]
        case "timeout": return ["30s", "2min", "off"]
        case "period": return ["default", "last 12"]
        default: return []
        }
    }

    /// The current value of a setting as text.
    public func value(of name: String) -> String? {
        switch name {
        case "format": return format
        case "period": return period.description + (explicitPeriod == nil ? " (default: 12 months to the as-of month)" : "")
        case "as-of": return asOf.description
        case "limit": return limit.map(String.init) ?? "none"
        case "pager": return pager ? "on" : "off"
        case "color": return color
        case "ascii": return ascii ? "on" : "off"
        case "width": return width.map(String.init) ?? "auto"
        case "timeout": return TimeoutText.describe(milliseconds: timeoutMilliseconds)
        default: return nil
        }
    }

    /// Changes a setting, or throws a message and changes nothing.
    public mutating func set(_ name: String, to value: String) throws {
        let lower = value.lowercased()
        func onOff() throws -> Bool {
            switch lower {
            case "on", "true", "yes", "1": return true
            case "off", "false", "no", "0": return false
            default: throw SettingError("\(name) takes on or off, not \"\(value)\"")
            }
        }
        switch name {
        case "format":
            guard Self.accepted("format").contains(lower) else {
                throw SettingError("format takes table, csv, json or markdown, not \"\(value)\"")
            }
            format = lower
        case "period":
            if lower == "default" {
                explicitPeriod = nil
            } else {
                do { explicitPeriod = try Period.parse(value, asOf: asOf) } catch let error as PeriodError {
                    throw SettingError("period: \(error.message)")
                }
            }
        case "as-of":
            guard let date = CivilDate(parsing: value) else {
                throw SettingError("as-of takes a date YYYY-MM-DD, not \"\(value)\"")
            }
            asOf = date
        case "limit":
            if lower == "none" || lower == "off" {
                limit = nil
            } else {
                guard let number = Int(value), number >= 1, number <= 1_000_000 else {
                    throw SettingError("limit takes a number of rows from 1 to 1000000, or none, not \"\(value)\"")
                }
                limit = number
            }
        case "pager": pager = try onOff()
        case "ascii": ascii = try onOff()
        case "color", "colour":
            guard Self.accepted("color").contains(lower) else {
                throw SettingError("color takes auto, always or never, not \"\(value)\"")
            }
            color = lower
        case "width":
            if lower == "auto" {
                width = nil
            } else {
                guard let number = Int(value), number >= 20, number <= 1000 else {
                    throw SettingError("width takes a number of columns from 20 to 1000, or auto, not \"\(value)\"")
                }
                width = number
            }
        case "timeout":
            guard let milliseconds = TimeoutText.parse(value) else {
                throw SettingError("timeout takes a duration (500ms, 30s, 2min, 1h) or off, not \"\(value)\"")
            }
            timeoutMilliseconds = milliseconds
        default:
            let hint = ProgramOptions.closest(name, among: Self.names).map { "; did you mean \"\($0)\"?" } ?? ""
            throw SettingError("unknown setting \"\(name)\"\(hint) (settings: \(Self.names.joined(separator: ", ")))")
        }
    }
}

/// A setting that could not be changed.
public struct SettingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
