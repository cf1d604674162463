/// Why a view could not be rendered with the options given.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--table NAME` names no table of the view.
    case unknownTable(name: String, available: [String])

    public var description: String {
        switch self {
        case .unknownTable(let name, let available):
            if available.isEmpty { return "this view has no tables, so there is no table \"\(name)\"" }
            return "no table \"\(name)\" in this view (its tables: \(available.joined(separator: ", ")))"
        }
    }
}
