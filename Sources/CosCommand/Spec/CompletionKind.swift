/// How a command's arguments complete.
public enum CompletionKind: Sendable, Equatable {
    /// Each positional argument completes by its `ArgumentKind`; flags complete after `--`.
    case arguments
    /// Only flags complete; arguments are left to the user.
    case flagsOnly
    /// Nothing completes after the command name.
    case none
}
