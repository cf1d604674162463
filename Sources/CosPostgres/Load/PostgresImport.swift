import CosModel
import CosStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `cos import DIR --to postgresql://... [--schema NAME] [--distributed]` and
/// `cos import --from-schema SCHEMA --to ...`: builds a cos store in a new schema of a PostgreSQL
/// database and swaps it in atomically.
///
/// 1. **Lock.** The import holds a session advisory lock on the target schema's name for as long as it
///    runs: a second import into the same schema is refused, and any schema named `NAME__load_...` or
///    `NAME__old_...` found while holding it is a leftover of an import that was killed (its session,
///    and so its lock, is gone), which is dropped now.
/// 2. **Build.** One transaction creates `NAME__load_TIME_PID` and its tables (`PostgresLayout`),
///    fills them (a CSV export: the SQLite import's loader, every check and every table, streamed in
///    with `COPY ... FREEZE` by `PostgresStoreSink`; `--from-schema`: `SchemaBuild`, inside the
///    server), adds each table's primary key and indexes, and commits. Bad data, an error or a signal
///    rolls it back: nothing is left. `VACUUM (ANALYZE)` then sets the visibility maps and statistics.
/// 3. **Swap.** One short transaction takes the schema's swap lock exclusively (readers hold it shared
///    for each command, see `PostgresSource`), renames the old schema away, gives the new one its name
///    and the old one's grants, and drops the old one. A reader sees the old data or the new.
public struct PostgresImport {
    public enum Input: Sendable {
        /// A CSV export directory: read, checked and keyed by the same loader as the SQLite import.
        case directory(String)
        /// A schema of the same database holding the data contract's tables (`--from-schema`).
        case schema(String)
    }

    public let input: Input
    public let conninfo: String
    public let target: SchemaName
    /// Distribute the per-organization tables by `organization_k` (Citus).
    public var distributed = false
    public let progress: ((ImportProgress) -> Void)?
    /// Called with messages that are not errors (a leftover schema removed).
    public var notice: ((String) -> Void)?

    public init(
        input: Input, conninfo: String, target: SchemaName = .standard, progress: ((ImportProgress) -> Void)? = nil
    ) {
        self.input = input
        self.conninfo = conninfo
        self.target = target
        self.progress = progress
    }

    /// Runs the import. Throws `ImportError` (bad data: exit 2 with the report) or `PostgresError`.
    public func run() throws -> ImportSummary {
        let started = Date()
        if case .directory(let directory) = input {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ImportError.failed("\(directory): no such directory")
            }
        }
        let connection = try PostgresConnection(conninfo)
        let display = connection.displayName + " (schema \(target.name))"
        // client_connection_check_interval: a killed import's backend notices the closed socket even in
        // the middle of a long statement (an index build) and rolls back at once.
        try connection.execute(
            "SET client_min_messages = warning; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; "
                + "SET default_transaction_read_only = off; SET client_connection_check_interval = '1s'; SET jit = off")
        _ = try connection.run("SELECT set_config('application_name', 'cos import', false)")
        guard try connection.scalar("SELECT pg_try_advisory_lock($1, hashtext($2))", [String(AdvisoryLock.loader), target.name]) == "t"
        else {
            throw ImportError.failed(
                "\(display): another cos import into schema \(target.name) is running; try again when it has finished")
        }
        defer { _ = try? connection.run("SELECT pg_advisory_unlock($1, hashtext($2))", [String(AdvisoryLock.loader), target.name]) }
        try removeLeftovers(connection)
        if distributed {
            guard try connection.scalar("SELECT count(*) FROM pg_extension WHERE extname = 'citus'") == "1" else {
                throw ImportError.failed(
                    "\(display): --distributed needs the citus extension, which this database does not have "
                        + "(CREATE EXTENSION citus, on a Citus cluster): nothing was loaded")
            }
        }
        let layout = PostgresLayout(distributed: distributed)
        let reporter = StepReporter(progress)
        let rows: [(file: String, rows: Int)]
        do {
            switch input {
            case .directory(let directory):
                let build = PostgresBuild(
                    connection: connection, target: target, layout: layout, reporter: reporter,
                    finisher: try TableFinisher(conninfo: conninfo))
                // Under the SQLite import's signal handlers, which cancel this connection's statements too.
                LoadSignals.attach(connection)
                defer { LoadSignals.detach() }
                let scratch = NSTemporaryDirectory() + "cos-pg-import-\(getpid())-\(UUID().uuidString)"
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(atPath: scratch) }
                let importer = Importer(directory: directory, destination: display, progress: progress)
                rows = try importer.run(into: PostgresStoreSink(build), scratchDirectory: scratch)
            case .schema(let source):
                let build = PostgresBuild(connection: connection, target: target, layout: layout, reporter: reporter, finisher: nil)
                let previous = LoadSignals.install(cancelling: connection)
                defer { LoadSignals.restore(previous) }
                do {
                    try build.begin()
                    let (built, meta) = try SchemaBuild(source: source, build: build).run()
                    try build.commit(meta: meta)
                    rows = built
                } catch {
                    build.discard()
                    throw error
                }
            }
        } catch {
            if LoadSignals.interrupted { throw LoadSignals.interruption(LoadSignals.caught.load(ordering: .relaxed)) }
            if let error = error as? ImportError { throw error }
            if let error = error as? PostgresError { throw ImportError.failed("\(display): \(error.message)") }
            throw ImportError.failed("\(display): \(error)")
        }
        let size = Int64(
            try connection.scalar(
                """
                SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'
                """, [target.name]) ?? "0") ?? 0
        return ImportSummary(rows: rows, seconds: Date().timeIntervalSince(started), destination: display, storeBytes: size)
    }

    /// Drops what killed imports into this schema left behind (this import holds the schema's loader
    /// lock, so no live import owns them).
    private func removeLeftovers(_ connection: PostgresConnection) throws {
        let names = try connection.run(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) OR starts_with(nspname, $2) ORDER BY 1",
            [target.loadPrefix, target.oldPrefix]
        ).allText.compactMap { $0.first ?? nil }
        for name in names {
            try connection.execute("DROP SCHEMA \(SchemaName.quoted(name)) CASCADE")
            notice?("removed schema \(name), left by an import into \(target.name) that did not finish")
        }
    }
}

/// The life of one build schema, in one of two ways:
/// - **table by table** (a CSV import, with a `finisher`): the empty schema is committed at once; each
///   table is created and filled in a transaction of its own (so `COPY ... FREEZE` applies: the rows
///   are frozen and the visibility map set, index-only scans work without a `VACUUM`), and a second
///   session builds its primary key, indexes and statistics while the next table loads;
/// - **in one transaction** (`--from-schema`, whose `INSERT ... SELECT` reads the tables built before):
///   schema, tables, rows and constraints commit together, then `VACUUM (ANALYZE)`.
///
/// Either way the schema is invisible under its build name until the swap; what a killed import
/// committed is removed by the next one.
final class PostgresBuild {
    let connection: PostgresConnection
    let target: SchemaName
    let layout: PostgresLayout
    let reporter: StepReporter
    let schema: SchemaName
    let finisher: TableFinisher?
    private var open = false
    private var created: Set<String> = []

    init(connection: PostgresConnection, target: SchemaName, layout: PostgresLayout, reporter: StepReporter, finisher: TableFinisher?) {
        self.connection = connection
        self.target = target
        self.layout = layout
        self.reporter = reporter
        self.finisher = finisher
        schema = target.loadSchema(pid: getpid(), seconds: Int64(Date().timeIntervalSince1970))
    }

    /// Creates the build schema: committed at once (table by table), or with every empty table in a
    /// transaction that `commit` ends. Statements name the tables unqualified (the schema is the
    /// session's, or the transaction's, search path).
    func begin() throws {
        if let finisher {
            try connection.execute("CREATE SCHEMA \(schema.quoted)")
            _ = try connection.run("SELECT set_config('search_path', $1, false)", [schema.quoted])
            try finisher.start(schema)
            return
        }
        try connection.execute("BEGIN")
        open = true
        try connection.execute("CREATE SCHEMA \(schema.quoted)")
        _ = try connection.run("SELECT set_config('search_path', $1, true)", [schema.quoted])
        for table in layout.tables {
            try connection.execute(PostgresLayout.create(table))
            created.insert(table.name)
        }
    }

    /// Table by table: opens the transaction that creates `table` and fills it.
    func create(_ table: StoreTable) throws {
        guard !created.contains(table.name) else { return }
        if finisher != nil {
            try connection.execute("BEGIN")
            open = true
        }
        try connection.execute(PostgresLayout.create(table))
        created.insert(table.name)
    }

    /// The table's rows are in. Table by table: its transaction commits, and the second session builds
    /// its constraints and statistics; in one transaction: its constraints now.
    func finish(_ table: StoreTable) throws {
        try create(table)
        if let finisher {
            try connection.execute("COMMIT")
            open = false
            try finisher.enqueue(layout.constraints(table) + ["ANALYZE \(table.name)"])
            return
        }
        for statement in layout.constraints(table) {
            try connection.execute(statement)
            try LoadSignals.check()
        }
    }

    /// `meta` (with the PostgreSQL layout's own rows), the last constraints, Citus distribution,
    /// statistics, swap.
    func commit(meta: [(key: String, value: String)]) throws {
        var rows = meta.filter { !["created", "postgres_layout", "load_id", "distributed"].contains($0.key) }
        let created = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).description
        rows += [
            ("created", created), ("postgres_layout", String(PostgresLayout.layoutVersion)),
            ("load_id", "\(created)/\(getpid())/\(UInt32.random(in: 0...UInt32.max))"),
            ("distributed", layout.distributed ? "yes" : "no"),
        ]
        guard let metaTable = layout.table("meta") else { throw ImportError.failed("the store has no meta table") }
        try create(metaTable)
        let writer = try CopyWriter(connection: connection, table: "meta", columns: ["key", "value"], freeze: true)
        for (key, value) in rows.sorted(by: { $0.key < $1.key }) {
            try writer.text(key)
            try writer.text(value)
            try writer.endRow()
        }
        try writer.finish()
        try finish(metaTable)
        if let finisher {
            reporter.begin("indexes and statistics")
            try finisher.wait()
            reporter.end()
            try LoadSignals.check()
            if layout.distributed { try distribute() }
        } else {
            if layout.distributed { try distribute() }
            try connection.execute("COMMIT")
            open = false
            try LoadSignals.check()
            reporter.begin("vacuum")
            for table in layout.tables {
                try connection.execute("VACUUM (ANALYZE) \(schema.quoted).\(table.name)")
                try LoadSignals.check()
            }
            reporter.end()
        }
        reporter.begin("swap")
        try swap()
        reporter.end()
    }

    /// Stops the second session, rolls back, and drops the schema if anything of it was committed.
    /// Never throws.
    func discard() {
        finisher?.stop()
        if open { try? connection.execute("ROLLBACK") }
        open = false
        try? connection.execute("DROP SCHEMA IF EXISTS \(schema.quoted) CASCADE")
    }

    /// Citus: per-organization tables distributed by `organization_k` (co-located), the others reference tables.
    private func distribute() throws {
        var first: String?
        for table in layout.tables {
            if table.isPerOrganization {
                if let first {
                    _ = try connection.run(
                        "SELECT create_distributed_table($1, 'organization_k', colocate_with => $2)", [table.name, first])
                } else {
                    _ = try connection.run("SELECT create_distributed_table($1, 'organization_k')", [table.name])
                    first = table.name
                }
            } else {
                _ = try connection.run("SELECT create_reference_table($1)", [table.name])
            }
        }
    }

    /// Renames the old schema away, the new one into place, and drops the old, in one transaction under
    /// the exclusive swap lock.
    private func swap() throws {
        let old = target.oldSchema(pid: getpid(), seconds: Int64(Date().timeIntervalSince1970))
        try connection.execute("BEGIN")
        open = true
        _ = try connection.run("SELECT pg_advisory_xact_lock($1, hashtext($2))", [String(AdvisoryLock.readers), target.name])
        let exists = try connection.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [target.name]) == "1"
        if exists {
            // The new schema keeps who may read the old one: USAGE on the schema, SELECT on its tables.
            let grants = try connection.run(
                """
                SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END
                FROM pg_namespace n, aclexplode(n.nspacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
                WHERE n.nspname = $1 AND a.privilege_type = 'USAGE' AND a.grantee <> n.nspowner
                """, [target.name]
            ).allText.compactMap { $0.first ?? nil }
            for grantee in grants {
                try connection.execute("GRANT USAGE ON SCHEMA \(schema.quoted) TO \(grantee)")
                try connection.execute("GRANT SELECT ON ALL TABLES IN SCHEMA \(schema.quoted) TO \(grantee)")
            }
            try connection.execute("ALTER SCHEMA \(target.quoted) RENAME TO \(old.quoted)")
        }
        try connection.execute("ALTER SCHEMA \(schema.quoted) RENAME TO \(target.quoted)")
        if exists { try connection.execute("DROP SCHEMA \(old.quoted) CASCADE") }
        try connection.execute("COMMIT")
        open = false
    }
}

/// The import's sink for PostgreSQL: the rows the loader hands over (every table, in primary-key order,
/// as records) go into the build schema with `COPY ... FREEZE`, through a buffer of fixed size; each
/// table gets its constraints when its rows are in; `commit` publishes with the swap.
final class PostgresStoreSink: ImportSink {
    let build: PostgresBuild
    private var writer: CopyWriter?
    private var writing: String?
    private var rowsOfTable = 0

    init(_ build: PostgresBuild) { self.build = build }

    /// PostgreSQL's errors, as the importer reports them: a signal's cancel is an interruption.
    private func translated<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresError {
            if LoadSignals.interrupted { throw DatabaseError(sourceMessage: "cancelled", interrupted: true) }
            throw error
        }
    }

    func begin(tables: [StoreTable]) throws {
        try translated { try build.begin() }
    }

    private func open(_ table: StoreTable) throws {
        try build.create(table)
        writer = try CopyWriter(
            connection: build.connection, table: table.name, columns: table.columnNames, freeze: true,
            columnTypes: table.columns.map(PostgresLayout.copyType))
        writing = table.name
        build.reporter.begin("copy " + table.name)
        rowsOfTable = 0
    }

    func write(_ batch: RowBatch) throws {
        try translated {
            if writing != batch.table.name {
                try writer?.finish()
                try open(batch.table)
            }
            guard let writer else { return }
            try batch.forEach { record in
                var reader = RecordReader(record)
                while let value = reader.next() {
                    switch value {
                    case .null: try writer.null()
                    case .integer(let v): try writer.integer(v)
                    case .text(let bytes): try writer.text(bytes)
                    }
                }
                try writer.endRow()
            }
            rowsOfTable += batch.count
            build.reporter.rowsDone(rowsOfTable)
        }
    }

    func endTable(_ table: StoreTable) throws {
        try translated {
            if writing == table.name {
                try writer?.finish()
                writer = nil
                writing = nil
                build.reporter.end()
            }
            try build.finish(table)
        }
    }

    func commit(meta: [(key: String, value: String)]) throws {
        try translated { try build.commit(meta: meta) }
    }

    func discard() {
        writer?.abort("cos import stopped")
        writer = nil
        build.discard()
    }
}

/// Progress of the steps the sink adds (copy, indexes, statistics, swap), in the SQLite import's form.
final class StepReporter {
    let callback: ((ImportProgress) -> Void)?
    private var step = ""
    private var started = Date()
    private var lastReport = Date.distantPast
    var rows = 0

    init(_ callback: ((ImportProgress) -> Void)?) { self.callback = callback }

    func begin(_ step: String) {
        self.step = step
        rows = 0
        started = Date()
        callback?(ImportProgress(step: step, rows: 0, rowsPerSecond: 0, fraction: nil, isStepDone: false))
    }

    /// Rows of the step so far; reported about ten times a second.
    func rowsDone(_ count: Int, fraction: Double? = nil) {
        rows = count
        let now = Date()
        guard let callback, now.timeIntervalSince(lastReport) >= 0.1 else { return }
        lastReport = now
        let elapsed = now.timeIntervalSince(started)
        callback(ImportProgress(
            step: step, rows: count, rowsPerSecond: elapsed > 0 ? Double(count) / elapsed : 0, fraction: fraction,
            isStepDone: false))
    }

    func advance(_ done: Int, of parts: Int) {
        guard let callback, parts > 0 else { return }
        callback(ImportProgress(step: step, rows: 0, rowsPerSecond: 0, fraction: Double(done) / Double(parts), isStepDone: false))
    }

    func end() {
        let elapsed = Date().timeIntervalSince(started)
        callback?(ImportProgress(
            step: step, rows: rows, rowsPerSecond: elapsed > 0 ? Double(rows) / elapsed : 0, fraction: 1, isStepDone: true))
    }
}

/// The second session of a table-by-table build: builds each loaded table's primary key, indexes and
/// statistics, in order, while the first session loads the next table (the two use both cores of a
/// small server). The first error stops it and is thrown by the next `enqueue` or `wait`.
final class TableFinisher: @unchecked Sendable {
    let connection: PostgresConnection
    private let queue = DispatchQueue(label: "cos-postgres-finish")
    private let lock = NSLock()
    private var failure: Error?

    init(conninfo: String) throws {
        connection = try PostgresConnection(conninfo)
        try connection.execute(
            "SET client_min_messages = warning; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; "
                + "SET default_transaction_read_only = off; SET client_connection_check_interval = '1s'; SET jit = off")
        _ = try connection.run("SELECT set_config('application_name', 'cos import', false)")
    }

    func start(_ schema: SchemaName) throws {
        _ = try connection.run("SELECT set_config('search_path', $1, false)", [schema.quoted])
        LoadSignals.attachSecond(connection)
    }

    private var failed: Error? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    func enqueue(_ statements: [String]) throws {
        if let failed { throw failed }
        queue.async { [self] in
            guard failed == nil else { return }
            do {
                for statement in statements { try connection.execute(statement) }
            } catch {
                lock.lock()
                failure = error
                lock.unlock()
            }
        }
    }

    /// Waits until every table is finished.
    func wait() throws {
        queue.sync {}
        if let failed { throw failed }
    }

    /// Cancels what runs and waits for the rest to be skipped.
    func stop() {
        lock.lock()
        if failure == nil { failure = ImportError.failed("the import stopped") }
        lock.unlock()
        connection.cancel()
        queue.sync {}
    }
}
