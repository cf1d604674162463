/// How long a command line and its words may be. A line or an argument past these is refused by the
/// lexer before anything is looked up, with a message that says so: a 20 MB name used to reach the
/// organization search (13 s, then "LIKE or GLOB pattern too complex"). The limits are far above any
/// name, id or path a billing export holds.
public enum CommandLimits {
    /// Bytes (UTF-8) of one line: 64 KiB.
    public static let lineBytes = 65_536
    /// Bytes (UTF-8) of one word after quotes, escapes and variables are resolved: 4 KiB.
    public static let wordBytes = 4_096
}
