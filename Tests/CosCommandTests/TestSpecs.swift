import Foundation
import CosCommand

/// A command table modelled on the shell's commands (README, "The language"), for the language tests.
enum TestSpecs {
    static let all: [CommandSpec] = [
        CommandSpec("open", arguments: [ArgumentSpec("ORG", .organization)], summary: "enter an organization"),
        CommandSpec("find", arguments: [ArgumentSpec("TEXT", .text, variadic: true)], summary: "search organizations"),
        CommandSpec("cd", arguments: [ArgumentSpec("PATH", .path)], summary: "move"),
        CommandSpec("ls", arguments: [ArgumentSpec("WHAT", .path, optional: true)], summary: "list children"),
        CommandSpec("pwd", summary: "where am I"),
        CommandSpec("back", summary: "pop the context stack"),
        CommandSpec("show", summary: "the view again"),
        CommandSpec("cards", summary: "the cards"),
        CommandSpec("trend", summary: "the trends"),
        CommandSpec("summary", arguments: [ArgumentSpec("BY", .collection, optional: true, values: ["categories", "types", "profiles"])],
                    summary: "summary tables"),
        CommandSpec("tickets", flags: [
            FlagSpec("uninvoiced", summary: "only uninvoiced tickets"),
            FlagSpec("invoiced", summary: "only invoiced tickets"),
            FlagSpec("limit", value: "N", summary: "at most N tickets"),
            FlagSpec("all", summary: "all time, not the period"),
            FlagSpec("format", value: "FORMAT", values: ["table", "csv", "json", "markdown"]),
        ], summary: "charge tickets", examples: ["tickets --uninvoiced --limit 20"]),
        CommandSpec("tree", summary: "the organization tree"),
        CommandSpec("period", arguments: [ArgumentSpec("PERIOD", .period, variadic: true, values: ["last"])],
                    summary: "set the period", usage: "period FROM..TO | period last N"),
        CommandSpec("as-of", arguments: [ArgumentSpec("DATE", .date)], summary: "set the as-of date"),
        CommandSpec("set", arguments: [ArgumentSpec("KEY", .setting, optional: true), ArgumentSpec("VALUE", .settingValue, optional: true)],
                    summary: "settings"),
        CommandSpec("source", arguments: [ArgumentSpec("FILE", .file)], summary: "run a script"),
        CommandSpec("save", arguments: [ArgumentSpec("FILE", .file)], summary: "write the session as a script"),
        CommandSpec("history", summary: "command history"),
        CommandSpec("help", arguments: [ArgumentSpec("COMMAND", .command, optional: true)], summary: "help"),
        CommandSpec("quit", aliases: ["exit", "q"], summary: "leave"),
    ]
}

/// A completion provider over fixed data.
struct TestProvider: CompletionProvider {
    var organizations = ["Acme AB", "Acme Corp", "Åkesson & Söner AB", "Beta \"Quoted\" Ltd", "Zeta"]
    var tree: [String: [PathChild]] = [
        "": [PathChild("categories", hasChildren: true), PathChild("types", hasChildren: true),
             PathChild("contracts", hasChildren: true), PathChild("invoices", hasChildren: true)],
        "categories": [PathChild("Cloud Services", hasChildren: true), PathChild("Colocation", hasChildren: true),
                       PathChild("Network", hasChildren: true)],
        "types": [PathChild("Virtual server", hasChildren: true), PathChild("Virtual desktop", hasChildren: true),
                  PathChild("Storage", hasChildren: true)],
        "types/Virtual server": [PathChild("Large", hasChildren: true), PathChild("Small", hasChildren: true),
                                 PathChild("Médium", hasChildren: true)],
        "types/Virtual server/Large": [PathChild("vm-001", hasChildren: false), PathChild("vm/002", hasChildren: false)],
        "/": [PathChild("Acme AB", hasChildren: true), PathChild("Zeta", hasChildren: true)],
    ]
    var files: [String: [FileEntry]] = [
        "": [FileEntry("monthly.cos", isDirectory: false), FileEntry("my scripts", isDirectory: true),
             FileEntry(".hidden.cos", isDirectory: false), FileEntry("Makefile", isDirectory: false)],
        "my scripts/": [FileEntry("q1.cos", isDirectory: false), FileEntry("q2.cos", isDirectory: false)],
    ]

    func organizationNames(matching text: String, limit: Int) -> RankedNames {
        let key = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        let matched = organizations.filter {
            $0.lowercased().folding(options: .diacriticInsensitive, locale: nil).contains(key) || key.isEmpty
        }
        return RankedNames(names: Array(matched.prefix(limit)), total: matched.count)
    }

    /// Prefix matches, else substring matches, folded, as the shell's provider answers.
    func children(of path: NavigationPath, matching typed: String, limit: Int) -> PathChildren {
        let key = path.segments.compactMap { segment -> String? in
            if case .name(let name) = segment { return name }
            return nil
        }.joined(separator: "/")
        let all = tree[path.start == .root ? "/" + key : key] ?? []
        func fold(_ text: String) -> String { text.lowercased().folding(options: .diacriticInsensitive, locale: nil) }
        let wanted = fold(typed)
        var matched = all.filter { fold($0.name).hasPrefix(wanted) }
        if matched.isEmpty { matched = all.filter { fold($0.name).contains(wanted) } }
        return PathChildren(Array(matched.prefix(limit)), total: matched.count)
    }

    func settingNames() -> [String] { ["as-of", "ascii", "color", "format", "limit", "pager", "period", "width"] }

    func settingValues(for setting: String) -> [String] {
        switch setting {
        case "format": return ["table", "csv", "json", "markdown"]
        case "color": return ["auto", "always", "never"]
        default: return []
        }
    }

    func fileEntries(in directory: String) -> [FileEntry] { files[directory] ?? [] }
}

