import CosCommand

/// Where a view is in the navigation graph: the names of its path from `/`
/// (`["Acme AB", "categories", "Cloud"]`), kept as segments so that a name holding a `/`, a quote or
/// a space stays one segment.
///
/// `text` is the one writer of paths: the prompt, `pwd`, the JSON `context`, the Markdown and table
/// headers and `save` all show a place through it, so a path reads the same everywhere and can be
/// pasted back into `cd`.
public struct ContextPath: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The names from the top, `[]` for `/`.
    public var segments: [String]

    public init(_ segments: [String]) {
        self.segments = segments
    }

    /// `/`.
    public static let root = ContextPath([])

    /// This path with one more segment.
    public func appending(_ segment: String) -> ContextPath { ContextPath(segments + [segment]) }

    /// The path in the command language, each name quoted where it needs it:
    /// `/"Acme AB"/categories/"A/B"`. It reads back as the same path (`cd` accepts it).
    public var text: String { NavigationPath(start: .root, segments: segments.map { .name($0) }).text }

    public var description: String { text }
}
