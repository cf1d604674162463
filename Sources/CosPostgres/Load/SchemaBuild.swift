/// `--from-schema`: the cos store built inside the server from the data contract's tables (written later).
struct SchemaBuild {
    let source: String
    let layout: PostgresLayout
    let connection: PostgresConnection
    let reporter: StepReporter

    func run() throws -> (rows: [(file: String, rows: Int)], meta: [String: String]) {
        throw PostgresError(kind: .query, sqlState: nil, message: "--from-schema is not built yet")
    }
}
