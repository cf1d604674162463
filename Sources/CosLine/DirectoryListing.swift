import Foundation

/// Directory entries for file-name completion (`source`, `save`).
public enum DirectoryListing {
    /// The entries of `directory` as typed: `""` is the working directory, a leading `~/` is the home
    /// directory. Names only, with whether each is a directory; empty when it cannot be read.
    public static func entries(in directory: String) -> [(name: String, isDirectory: Bool)] {
        let path = expandingHome(directory.isEmpty ? "." : directory)
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path) else { return [] }
        return names.sorted().map { name in
            var isDirectory: ObjCBool = false
            let full = (path as NSString).appendingPathComponent(name)
            _ = manager.fileExists(atPath: full, isDirectory: &isDirectory)
            return (name, isDirectory.boolValue)
        }
    }

    /// `~` or `~/...` with the home directory put in; any other path unchanged.
    public static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + path.dropFirst()
    }
}
