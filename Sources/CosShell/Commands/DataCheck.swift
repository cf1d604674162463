import CosRender
import CosStore

/// What data the shell has open: a name for people and the export's fingerprint (the SHA-256 the
/// import computed while reading the files; see `ExportFingerprint`), from the store's `meta` table.
struct DataIdentity: Equatable, Sendable {
    /// The manifest's `name`, else the last part of the source directory's path.
    let name: String
    /// 64 lower-case hex digits; nil for a store that has none (made by another tool).
    let fingerprint: String?

    init(metadata: [String: String]) {
        if let name = metadata["name"], !name.isEmpty {
            self.name = name
        } else if let source = metadata["source"], let last = source.split(separator: "/").last {
            name = String(last)
        } else {
            name = "(unnamed data)"
        }
        fingerprint = metadata[ExportFingerprint.metaKey].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The first 12 hex digits (the banner's short form), or `none`.
    var shortFingerprint: String { fingerprint.map { String($0.prefix(12)) } ?? "none" }

    /// What Markdown output names in its first line.
    var label: DataLabel { DataLabel(name: name, fingerprint: fingerprint) }
}

/// `expect-data FINGERPRINT`: what `save` writes, so a replay says when it runs on other data.
enum DataCheck {
    static func expectData(_ shell: Shell, _ invocation: Invocation) throws {
        let text = invocation.argument("FINGERPRINT") ?? ""
        let expected = text.lowercased()
        let isHex = expected.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        guard isHex, expected.count >= 8, expected.count <= 64 else {
            throw ShellError(
                "expect-data takes a data fingerprint: hex digits, all 64 or at least the first 8 (see set), not \"\(text)\"",
                column: invocation.column(of: "FINGERPRINT"))
        }
        if let actual = shell.data.fingerprint, actual.hasPrefix(expected) { return }
        let found = shell.data.fingerprint.map { "fingerprint \($0)" } ?? "no fingerprint"
        let message = "the data differs from the data this was saved from: expected fingerprint \(expected), "
            + "\(shell.data.name) has \(found)"
        if shell.strict { throw ShellError(message, column: invocation.column(of: "FINGERPRINT")) }
        shell.output.message((shell.location?.prefix(column: nil) ?? "") + "warning: " + message)
    }

    /// The interactive banner: version, data, fingerprint, as-of date and period.
    static func banner(_ shell: Shell, version: String) -> String {
        "cos \(version) · \(shell.data.name)" + (shell.sourceDescription.map { " · \($0)" } ?? "")
            + " · data \(shell.data.shortFingerprint) · as of \(shell.settings.asOf)"
            + " · period \(shell.settings.period)\n"
            + "Type help for the commands, open ORG to start; Tab completes, Ctrl-D leaves."
    }
}
