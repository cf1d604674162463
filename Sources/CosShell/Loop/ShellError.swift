/// A command that failed: the message for the user and, when known, the column it points at.
///
/// Handlers throw it; the main loop prints it (as `FILE:LINE:COLUMN: message` in scripts, as
/// `error: message at column N` at the prompt) and goes on at the prompt, or stops a script.
public struct ShellError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message without the column.
    public let message: String
    public let column: Int?
    /// The message as shown at the prompt, when it differs (it names the column).
    let interactiveMessage: String?

    public init(_ message: String, column: Int? = nil, interactiveMessage: String? = nil) {
        self.message = message
        self.column = column
        self.interactiveMessage = interactiveMessage
    }

    public var description: String { interactiveMessage ?? message }
}

/// What one command did, as the main loop sees it (psql's backslash-command result, in small).
enum CommandOutcome: Equatable {
    case done
    case failed(ShellError)
    case interrupted
    case quit
}
