/// The name of a PostgreSQL schema that holds a cos store (`cos`, or `--schema NAME`), and the names
/// derived from it while an import runs.
///
/// Identifiers cannot be bound as parameters, so a schema name is checked before it is ever written
/// into SQL: lower-case letters, digits and `_`, starting with a letter or `_`, at most 38 bytes (so
/// that the derived names stay within PostgreSQL's 63). It is always written double-quoted.
public struct SchemaName: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) throws {
        guard Self.isValid(name) else {
            throw PostgresError(
                kind: .query, sqlState: nil,
                message: "\"\(name)\" is not a schema name cos uses: lower-case letters, digits and _, "
                    + "starting with a letter or _, at most 38 characters")
        }
        self.name = name
    }

    init(unchecked name: String) { self.name = name }

    public static let standard = SchemaName(unchecked: "cos")

    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 38 else { return false }
        guard (first >= 0x61 && first <= 0x7A) || first == 0x5F else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    /// The name as an SQL identifier: `"cos"`.
    public var quoted: String { Self.quoted(name) }

    /// Any name (one read from the catalog) as an SQL identifier, its double quotes doubled.
    static func quoted(_ name: String) -> String { "\"" + name.replacingAll("\"", with: "\"\"") + "\"" }

    public var description: String { name }

    /// Prefix of the schemas an import builds before it swaps one in: `cos__load_...`.
    var loadPrefix: String { name + "__load_" }
    /// Prefix of the schema the swap renames the old one to, before it is dropped: `cos__old_...`.
    var oldPrefix: String { name + "__old_" }

    /// A build schema's name: the prefix, the time and the process id (unique on one machine and time).
    func loadSchema(pid: Int32, seconds: Int64) -> SchemaName {
        SchemaName(unchecked: "\(loadPrefix)\(seconds)_\(pid)")
    }

    func oldSchema(pid: Int32, seconds: Int64) -> SchemaName {
        SchemaName(unchecked: "\(oldPrefix)\(seconds)_\(pid)")
    }
}
