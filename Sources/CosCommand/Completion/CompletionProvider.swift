/// A name found under a path, for path completion.
public struct PathChild: Equatable, Sendable {
    public var name: String
    /// Has children of its own: completion appends `/` instead of a space.
    public var hasChildren: Bool
    /// `TextFolding.fold(name)`, when the provider keeps it already (it saves folding every name
    /// on every TAB); nil lets completion fold the name.
    public var key: String?

    public init(_ name: String, hasChildren: Bool, key: String? = nil) {
        self.name = name
        self.hasChildren = hasChildren
        self.key = key
    }
}

/// The names under a path that match what was typed, for path completion.
public struct PathChildren: Equatable, Sendable {
    /// At most the limit asked for, in the order to offer them.
    public var children: [PathChild]
    /// How many match in all (at least `children.count`).
    public var total: Int

    public init(_ children: [PathChild], total: Int) {
        self.children = children
        self.total = max(total, children.count)
    }
}

/// A directory entry, for file completion.
public struct FileEntry: Equatable, Sendable {
    public var name: String
    public var isDirectory: Bool

    public init(_ name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// Ranked organization names for completion.
public struct RankedNames: Equatable, Sendable {
    /// The best matches, best first.
    public var names: [String]
    /// How many organizations match in all (at least `names.count`).
    public var total: Int

    public init(names: [String], total: Int) {
        self.names = names
        self.total = max(total, names.count)
    }
}

/// What completion asks the shell about: the data and the file system. `Completer` does the
/// parsing, matching and quoting; a provider only answers.
public protocol CompletionProvider {
    /// Organizations whose name matches `text` (typed so far, unquoted; may be empty), ranked like
    /// `find`, at most `limit`.
    func organizationNames(matching text: String, limit: Int) -> RankedNames
    /// The names under `path` (relative to the current context, absolute, or from the previous one)
    /// that start with `typed` (folded; else that contain it), at most `limit`, with how many match
    /// in all; none when the path does not resolve. The provider matches: it may answer from an index.
    func children(of path: NavigationPath, matching typed: String, limit: Int) -> PathChildren
    /// The setting names.
    func settingNames() -> [String]
    /// The values a setting takes, for completion (empty when free).
    func settingValues(for setting: String) -> [String]
    /// The entries of `directory` as typed (`""` is the working directory, `"~/"` is home).
    func fileEntries(in directory: String) -> [FileEntry]
}
