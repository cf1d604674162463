/// An error in a command line, pointing at the column where it was found.
///
/// `description` is the message for the user (`unterminated quote at column 6`); a script runner
/// that prints `FILE:LINE:COLUMN: ...` itself uses `column` and `messageWithoutColumn`.
public struct CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        case unterminatedQuote
        case danglingBackslash
        case unterminatedVariable
        case badVariableName(String)
        case undefinedVariable(String)
        case unknownCommand(String, suggestions: [String])
        case unknownFlag(command: String, flag: String, suggestions: [String], known: [String])
        case missingArgument(command: String, argument: String, usage: String)
        /// `quoted` is the command again with the words from the last argument on quoted as one
        /// (`open "Acme AB"`), when that argument is a name.
        case tooManyArguments(command: String, word: String, usage: String, quoted: String?)
        case flagNeedsValue(command: String, flag: String, valueName: String)
        case flagTakesNoValue(command: String, flag: String)
        case emptyPathSegment
        case emptyID
        case redirectNeedsFile
        case secondRedirect
        case redirectWithoutCommand
        /// A line longer than `CommandLimits.lineBytes`.
        case lineTooLong(bytes: Int, limit: Int)
        /// A word (an argument) longer than `CommandLimits.wordBytes`.
        case wordTooLong(bytes: Int, limit: Int)
    }

    /// What went wrong.
    public let kind: Kind
    /// The 1-based column (in characters) the error points at.
    public let column: Int

    public init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
    }

    /// The message with its column, for the user.
    public var description: String {
        let (head, tail) = parts
        return "\(head) at column \(column)\(tail.map { "; \($0)" } ?? "")"
    }

    /// The message without the column, for callers that print the column themselves.
    public var messageWithoutColumn: String {
        let (head, tail) = parts
        return head + (tail.map { "; \($0)" } ?? "")
    }

    /// The message split around the place where " at column N" goes.
    private var parts: (String, String?) {
        switch kind {
        case .unterminatedQuote:
            return ("unterminated quote", nil)
        case .danglingBackslash:
            return ("nothing follows the backslash", "write \\\\ for a backslash")
        case .unterminatedVariable:
            return ("unterminated ${", "write ${NAME}")
        case .badVariableName(let name):
            return ("bad variable name \"\(name)\"", "names are letters, digits and _")
        case .undefinedVariable(let name):
            return ("undefined variable $\(name)", "set it with --var \(name)=VALUE or let \(name) VALUE")
        case .unknownCommand(let name, let suggestions):
            return ("unknown command \"\(name)\"",
                    suggestions.isEmpty ? "type help for the list of commands" : "did you mean \(Self.alternatives(suggestions))?")
        case .unknownFlag(let command, let flag, let suggestions, let known):
            let hint: String
            if !suggestions.isEmpty {
                hint = "did you mean \(Self.alternatives(suggestions.map { "--" + $0 }, quoted: false))?"
            } else if known.isEmpty {
                hint = "\(command) takes no flags"
            } else {
                hint = "its flags are " + known.map { "--" + $0 }.joined(separator: ", ")
            }
            return ("\(command): unknown flag --\(flag)", hint)
        case .missingArgument(let command, let argument, let usage):
            return ("\(command): missing \(argument)", "usage: \(usage)")
        case .tooManyArguments(let command, let word, let usage, let quoted):
            if usage == command { return ("\(command): unexpected argument \"\(word)\"", "\(command) takes no arguments") }
            let hint = quoted.map { "; to give a name with spaces, quote it: \($0)" } ?? ""
            return ("\(command): too many arguments, \"\(word)\" is one too many", "usage: \(usage)\(hint)")
        case .flagNeedsValue(let command, let flag, let valueName):
            return ("\(command): --\(flag) needs a value", "write --\(flag) \(valueName) or --\(flag)=\(valueName)")
        case .flagTakesNoValue(let command, let flag):
            return ("\(command): --\(flag) takes no value", nil)
        case .emptyPathSegment:
            return ("empty name in path", nil)
        case .emptyID:
            return ("id: needs an id after it", "write id:ID")
        case .redirectNeedsFile:
            return ("> needs a FILE after it", "write COMMAND > FILE, or quote a > that is part of a name")
        case .secondRedirect:
            return ("a command writes to one file only", "write COMMAND > FILE once")
        case .redirectWithoutCommand:
            return ("> FILE needs a command before it", "write COMMAND > FILE (last > FILE writes the last output again)")
        case .lineTooLong(let bytes, let limit):
            return ("the line is \(bytes) bytes long, longer than the limit of \(limit) bytes", "nothing was run")
        case .wordTooLong(let bytes, let limit):
            return (
                "an argument of \(bytes) bytes, longer than the limit of \(limit) bytes",
                "no name, id or path is that long")
        }
    }

    /// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
    static func alternatives(_ names: [String], quoted: Bool = true) -> String {
        let shown = names.map { quoted ? "\"\($0)\"" : $0 }
        guard shown.count > 1, let last = shown.last else { return shown.first ?? "" }
        return shown.dropLast().joined(separator: ", ") + " or " + last
    }
}
