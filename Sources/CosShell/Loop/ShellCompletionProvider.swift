import CosCommand
import CosLine
import CosQuery

/// Answers the completer's questions from the shell's state and the aggregation core: organization
/// names ranked like `find`, the names under a path, settings and files. Completion itself is a plain
/// function in CosCommand (`Completer.complete`), tested without a terminal.
final class ShellCompletionProvider: CompletionProvider {
    unowned let shell: Shell

    init(shell: Shell) { self.shell = shell }

    /// The line reader's answer for TAB.
    func complete(line: String, cursor: Int) -> LineCompletion {
        let answer = Completer.complete(
            line: line, cursor: cursor, specs: CommandTable.specs, provider: self, variables: shell.variables, limit: 200)
        return LineCompletion(
            replaceStart: answer.replaceStart, replaceEnd: answer.replaceEnd,
            candidates: answer.candidates.map { LineCompletion.Candidate(insertion: $0.insertion, display: $0.display) },
            commonInsertion: answer.commonInsertion, moreCount: answer.moreCount)
    }

    func organizationNames(matching text: String, limit: Int) -> RankedNames {
        guard let found = try? shell.overview.searchOrganizations(text, limit: limit) else {
            return RankedNames(names: [], total: 0)
        }
        return RankedNames(names: found.matches.map(\.name), total: found.total)
    }

    /// The names under a path, from the navigation graph (`PathResolver.children`): what `cd` accepts.
    func children(of path: NavigationPath, matching typed: String, limit: Int) -> PathChildren {
        shell.resolver.children(of: path, matching: typed, from: shell.stack.current, previous: shell.stack.previous, limit: limit)
    }

    func settingNames() -> [String] { Settings.names }

    func settingValues(for setting: String) -> [String] { Settings.accepted(setting.lowercased()) }

    func fileEntries(in directory: String) -> [FileEntry] {
        DirectoryListing.entries(in: directory).map { FileEntry($0.name, isDirectory: $0.isDirectory) }
    }
}
