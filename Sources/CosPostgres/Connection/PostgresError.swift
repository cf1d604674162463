/// Why PostgreSQL did not answer. `description` is the message for people; it never holds a password
/// (connection strings in it are masked).
public struct PostgresError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The connection string itself is malformed (libpq's `PQconninfoParse` refused it).
        case badConnectionString
        /// No server answered at that address (refused, unknown host, no socket, timed out).
        case unreachable
        /// The server refused the user or the password.
        case authentication
        /// The database named does not exist.
        case noDatabase
        /// The server closed the connection (a restart, a dropped network).
        case lostConnection
        /// Ctrl-C cancelled the statement (`PQcancel`).
        case cancelled
        /// `statement_timeout` stopped the statement.
        case timeout
        /// The database has no cos schema of that name (nothing was imported there).
        case noStore
        /// The schema holds a cos store of another format version.
        case otherFormat
        /// Any other error of a statement.
        case query
    }

    public let kind: Kind
    /// The server's SQLSTATE (`42P01`, `57014`, ...), when the error came from the server.
    public let sqlState: String?
    public let message: String
    /// The statement that failed (for query errors; shown only where that helps).
    public var statement: String?

    public init(kind: Kind, sqlState: String?, message: String, statement: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.statement = statement
    }

    public var description: String { message }

    /// The error of a failed connection attempt, sorted by what the user can do about it. libpq gives
    /// no code for these, so its (English) message is read; the message is always kept.
    static func connecting(_ display: String, _ detail: String) -> PostgresError {
        let lower = detail.lowercased()
        if lower.contains("password authentication failed") || lower.contains("no password supplied")
            || lower.contains("authentication failed") || lower.contains("password is required")
            || lower.contains("pg_hba.conf")
        {
            return PostgresError(
                kind: .authentication, sqlState: "28P01",
                message: "\(display): the server refused the login: \(detail) (check the user and the password, "
                    + "PGPASSWORD or ~/.pgpass)")
        }
        if lower.contains("database") && lower.contains("does not exist") {
            return PostgresError(kind: .noDatabase, sqlState: "3D000", message: "\(display): \(detail)")
        }
        if lower.contains("role") && lower.contains("does not exist") {
            return PostgresError(kind: .authentication, sqlState: "28000", message: "\(display): \(detail)")
        }
        if lower.contains("connection option") || lower.contains("invalid connection") || lower.contains("invalid sslmode")
            || lower.contains("invalid integer value")
        {
            return PostgresError(
                kind: .badConnectionString, sqlState: nil, message: "\(display): not a usable connection string: \(detail)")
        }
        let hint = lower.contains("is the server running") ? "" : " (is it running, and does it accept connections at that host and port or socket?)"
        return PostgresError(
            kind: .unreachable, sqlState: nil, message: "\(display): cannot reach the PostgreSQL server: \(detail)\(hint)")
    }

    /// libpq's multi-line messages on one line, without its trailing newline and `FATAL:` prefixes.
    static func clean(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var part = line.stripping(" \t")
            for prefix in ["FATAL:", "ERROR:"] where part.hasPrefix(prefix) {
                part = String(part.dropFirst(prefix.count)).stripping(" \t")
            }
            part = part.replacingAll("failed: FATAL:  ", with: "failed: ").replacingAll("failed: ERROR:  ", with: "failed: ")
            if !part.isEmpty { lines.append(part) }
        }
        return lines.joined(separator: "; ")
    }
}

extension String {
    func stripping(_ set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

extension Substring {
    func stripping(_ set: String) -> String { String(self).stripping(set) }
}
