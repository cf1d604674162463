import CosModel
import CosStore
import Foundation

/// `cos import --from-schema SCHEMA --to URL`: the cos store built inside the server from tables (or
/// views) of another schema of the same database that follow the data contract: `organizations`,
/// `contracts`, `product_categories`, `products`, `object_types`, `object_profiles`, `objects`,
/// `usage_events`, `charge_tickets` and `invoices`, with the contract's column names (any case), and an
/// optional `manifest` (`as_of`, `name`; one row).
///
/// 1. Each table's rows are staged as text in session-private tables: columns of the contract's types
///    read as the CSV dialect writes them (a `date` as `YYYY-MM-DD`, a `timestamptz` in UTC, a
///    `numeric` without trailing zeros), an empty text is null, as in a CSV file.
/// 2. Every rule of the contract is checked in SQL (`ContractSQL`): required values, ids unique,
///    references, dates, timestamps, decimals, currencies, statuses, an object's profile and contract,
///    a ticket's invoice. Each bad row is reported by table, id, column and value (the first 100 and a
///    count) and nothing is built.
/// 3. The store's tables are filled by `INSERT ... SELECT`. Keys follow the order the rows come from
///    the source (a table's physical order: for a table loaded from an export, its file order), as the
///    CSV import gives them in file order, so ties between equal names sort alike.
///
/// 4. The derived tables (`StoreSchema.derivations`: rollups, runs) follow by `INSERT ... SELECT`,
///    after the usage events are summed into `object_usage`.
///
/// No row of the data leaves the server, with two exceptions: the organizations (id, name, number,
/// parent) are read by cos, which checks their tree for cycles and folds their names for search
/// (`TextFolding`, which the database cannot do alike), and writes that table itself; and the names
/// and numbers behind the name lookups (`name_key`, `number_key`) are read and their folded keys
/// written back, for the same reason.
struct SchemaBuild {
    let source: String
    let layout: PostgresLayout
    let connection: PostgresConnection
    let reporter: StepReporter

    struct Column {
        let name: String
        let required: Bool
        /// The expression giving the source column as the CSV dialect's text, or NULL when absent.
        let text: String
    }

    func run() throws -> (rows: [(file: String, rows: Int)], meta: [String: String]) {
        guard let sourceSchema = try connection.scalar("SELECT nspname FROM pg_namespace WHERE nspname = $1", [source]) else {
            throw ImportError.failed("--from-schema \(source): the database has no schema \"\(source)\"")
        }
        let quotedSource = SchemaName.quoted(sourceSchema)
        _ = try connection.run("SELECT set_config('DateStyle', 'ISO, YMD', true)")
        _ = try connection.run("SELECT set_config('TimeZone', 'UTC', true)")
        _ = try connection.run("SELECT set_config('extra_float_digits', '1', true)")
        for function in ContractSQL.functions { try connection.execute(function) }

        // 1. Stage every table's rows as text.
        var problems: [String] = []
        var counts: [ExportFile: Int] = [:]
        reporter.begin("staging")
        for file in ExportFile.allCases {
            let table = String(file.fileName.dropLast(4))
            guard let columns = try stageColumns(file, table: table, schema: sourceSchema, problems: &problems) else { continue }
            let list = columns.map { "\($0.text) AS \($0.name)" }.joined(separator: ", ")
            let relation = try connection.scalar(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND lower(c.relname) = $2 ORDER BY c.relname = $2 DESC LIMIT 1",
                [sourceSchema, table]) ?? table
            try connection.execute(
                "CREATE TEMP TABLE s_\(table) ON COMMIT DROP AS SELECT row_number() OVER () AS rn, \(list) FROM \(quotedSource).\(SchemaName.quoted(relation))")
            try connection.execute("CREATE INDEX ON pg_temp.s_\(table) (id)")
            try connection.execute("ANALYZE pg_temp.s_\(table)")
            counts[file] = Int(try connection.scalar("SELECT count(*) FROM pg_temp.s_\(table)") ?? "0") ?? 0
            reporter.rowsDone(counts.values.reduce(0, +))
            try LoadSignals.check()
        }
        reporter.end()
        guard problems.isEmpty else { throw Self.report(problems, total: problems.count) }

        // 2. Check every rule.
        reporter.begin("checks")
        try connection.execute(
            """
            CREATE TEMP TABLE cos_problems(file_order int, id text COLLATE "C", column_order int, column_name text,
              value text, message text) ON COMMIT DROP
            """)
        for check in checks {
            try connection.execute("INSERT INTO pg_temp.cos_problems " + check)
            try LoadSignals.check()
        }
        let organizations = try readOrganizations()
        let total = Int(try connection.scalar("SELECT count(*) FROM pg_temp.cos_problems") ?? "0") ?? 0
        if total > 0 || !organizations.cycles.isEmpty {
            var lines = organizations.cycles
            let result = try connection.run(
                """
                SELECT file_order, id, column_name, value, message FROM pg_temp.cos_problems
                ORDER BY file_order, id NULLS FIRST, column_order, message LIMIT 100
                """)
            for row in result.allText {
                let file = ExportFile(rawValue: Int(row[0] ?? "") ?? 0) ?? .organizations
                let id = row[1].map { "id " + ImportError.quoted($0) } ?? "a row without an id"
                lines.append(
                    "\(source).\(file.fileName.dropLast(4)): \(id): column \(row[2] ?? ""): value "
                        + "\(ImportError.quoted(row[3] ?? "")): \(row[4] ?? "")")
            }
            throw Self.report(Array(lines.prefix(100)), total: total + organizations.cycles.count)
        }
        reporter.end()

        // 3. Build.
        reporter.begin("build")
        try writeOrganizations(organizations.rows)
        try writeFoldedKeys()
        for statement in buildStatements {
            try connection.execute(statement)
            try LoadSignals.check()
        }
        reporter.end()
        reporter.begin("rollups")
        for rollup in [Self.objectUsage] + PostgresLayout.rollups {
            do { try connection.execute(rollup) } catch let error as PostgresError where error.sqlState == "22003" {
                throw ImportError.failed(
                    "\(source): the amounts or quantities of one organization's charge tickets (or usage events) in one "
                        + "month add up to more than cos can hold exactly (a sum's limit is 9223372036854.775807)")
            }
            try LoadSignals.check()
        }
        reporter.end()

        let database = (try? connection.scalar("SELECT current_database()")).flatMap { $0 } ?? "?"
        var meta: [String: String] = ["source": "schema \(source) of database \(database)"]
        if let manifest = try manifest(sourceSchema) {
            if let asOf = manifest.asOf { meta["as_of"] = asOf }
            if let name = manifest.name { meta["name"] = name }
        }
        var rows: [(file: String, rows: Int)] = []
        for file in ExportFile.allCases {
            rows.append((String(file.fileName.dropLast(4)), counts[file] ?? 0))
            meta["rows." + file.table] = String(counts[file] ?? 0)
        }
        return (rows, meta)
    }

    static func report(_ lines: [String], total: Int) -> ImportError {
        var lines = lines
        if total > lines.count {
            let more = total - lines.count
            lines.append("... and \(more) more problem\(more == 1 ? "" : "s")")
        }
        return ImportError(kind: .badData, lines: lines, problemCount: total)
    }

    // MARK: - Staging

    /// The contract's columns of a table as text expressions; nil (and a problem) when the table or a
    /// required column is missing.
    private func stageColumns(_ file: ExportFile, table: String, schema: String, problems: inout [String]) throws -> [Column]? {
        let found = try connection.run(
            """
            SELECT lower(a.attname), a.attname, t.typname, t.typcategory
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = $1 AND lower(c.relname) = $2 AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
              AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """, [schema, table]
        ).allText
        guard !found.isEmpty else {
            problems.append("\(source).\(table): no such table or view in schema \(source) (the data contract's \(file.fileName))")
            return nil
        }
        var byName: [String: (name: String, type: String)] = [:]
        for row in found {
            guard let lower = row[0], let name = row[1], byName[lower] == nil else { continue }
            byName[lower] = (name, row[2] ?? "text")
        }
        var columns: [Column] = []
        var missing = false
        for column in file.columns {
            guard let match = byName[column.name] else {
                if column.required {
                    problems.append("\(source).\(table): the required column \"\(column.name)\" is missing")
                    missing = true
                }
                columns.append(Column(name: column.name, required: column.required, text: "NULL::text COLLATE \"C\""))
                continue
            }
            columns.append(Column(name: column.name, required: column.required, text: Self.text(SchemaName.quoted(match.name), type: match.type)))
        }
        return missing ? nil : columns
    }

    /// A column as the CSV dialect writes it; an empty text is null.
    static func text(_ column: String, type: String) -> String {
        let expression: String
        switch type {
        case "date":
            expression = "CASE WHEN NOT isfinite(\(column)) OR \(column) < DATE '0001-01-01' THEN \(column)::text ELSE to_char(\(column), 'YYYY-MM-DD') END"
        case "timestamptz":
            expression = """
                CASE WHEN NOT isfinite(\(column)) OR \(column) < TIMESTAMPTZ '0001-01-01 00:00:00+00' THEN \(column)::text \
                ELSE to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END
                """
        case "timestamp":
            expression = """
                CASE WHEN NOT isfinite(\(column)) OR \(column) < TIMESTAMP '0001-01-01 00:00:00' THEN \(column)::text \
                ELSE to_char(\(column), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END
                """
        case "numeric":
            expression = "trim_scale(\(column))::text"
        default:
            expression = "\(column)::text"
        }
        return "nullif(\(expression), '') COLLATE \"C\""
    }

    // MARK: - Checks

    /// `SELECT file_order, id, column_order, column_name, value, message` per table: one row per problem.
    private var checks: [String] {
        func table(_ file: ExportFile) -> String { "pg_temp.s_\(file.fileName.dropLast(4))" }
        func order(_ file: ExportFile, _ column: String) -> Int { file.columns.firstIndex { $0.name == column } ?? 0 }
        func required(_ column: String) -> String { "CASE WHEN s.\(column) IS NULL THEN '\(ContractSQL.empty)' END" }
        func reference(_ column: String, _ target: ExportFile, required isRequired: Bool) -> String {
            """
            CASE WHEN s.\(column) IS NULL THEN \(isRequired ? "'\(ContractSQL.empty)'" : "NULL")
              WHEN NOT EXISTS (SELECT 1 FROM \(table(target)) r WHERE r.id = s.\(column))
              THEN 'no row of \(target.fileName.dropLast(4)) has this id' END
            """
        }
        func perRow(_ file: ExportFile, _ rules: [(column: String, check: String)], joins: String = "") -> String {
            let values = rules.map { "(\(order(file, $0.column)), '\($0.column)', s.\($0.column), \($0.check))" }
            return """
                SELECT \(file.rawValue), s.id, v.o, v.c, v.v, v.m FROM \(table(file)) s \(joins)
                CROSS JOIN LATERAL (VALUES \(values.joined(separator: ",\n  "))) AS v(o, c, v, m) WHERE v.m IS NOT NULL
                """
        }
        func duplicates(_ file: ExportFile) -> String {
            """
            SELECT \(file.rawValue), id, 0, 'id', id, 'the id is not unique: ' || count(*) || ' rows of \(file.fileName.dropLast(4)) have it'
            FROM \(table(file)) WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1
            """
        }
        var statements: [String] = []
        for file in ExportFile.allCases { statements.append(duplicates(file)) }
        statements += [
            perRow(.organizations, [("id", required("id")), ("name", required("name")),
                ("parent_id", reference("parent_id", .organizations, required: false))]),
            perRow(.contracts, [
                ("id", required("id")), ("organization_id", reference("organization_id", .organizations, required: true)),
                ("number", required("number")), ("currency", "pg_temp.cos_currency_problem(s.currency)"),
                ("start_date", "pg_temp.cos_date_problem(s.start_date, true)"),
                ("end_date", "pg_temp.cos_date_problem(s.end_date, false)"),
            ]),
            perRow(.productCategories, [("id", required("id")), ("name", required("name"))]),
            perRow(.products, [
                ("id", required("id")), ("name", required("name")),
                ("category_id", reference("category_id", .productCategories, required: true)),
            ]),
            perRow(.objectTypes, [("id", required("id")), ("name", required("name"))]),
            perRow(.objectProfiles, [
                ("id", required("id")), ("name", required("name")),
                ("object_type_id", reference("object_type_id", .objectTypes, required: true)),
            ]),
            // An object's profile must be of its type, its contract of its organization (each checked
            // when both references are sound, as the CSV import does).
            perRow(
                .objects,
                [
                    ("id", required("id")), ("name", required("name")),
                    ("organization_id", reference("organization_id", .organizations, required: true)),
                    ("contract_id", """
                        coalesce(\(reference("contract_id", .contracts, required: false)),
                          CASE WHEN EXISTS (SELECT 1 FROM pg_temp.s_organizations o WHERE o.id = s.organization_id)
                            AND EXISTS (SELECT 1 FROM pg_temp.s_organizations o WHERE o.id = c.organization_id)
                            AND c.organization_id <> s.organization_id
                          THEN 'the contract belongs to organization "' || c.organization_id || '", the object to organization "' || s.organization_id || '"' END)
                        """),
                    ("object_type_id", reference("object_type_id", .objectTypes, required: true)),
                    ("object_profile_id", """
                        coalesce(\(reference("object_profile_id", .objectProfiles, required: false)),
                          CASE WHEN p.object_type_id IS NOT NULL AND EXISTS (SELECT 1 FROM pg_temp.s_object_types t WHERE t.id = s.object_type_id)
                            AND EXISTS (SELECT 1 FROM pg_temp.s_object_types t WHERE t.id = p.object_type_id)
                            AND p.object_type_id <> s.object_type_id
                          THEN 'the profile is of object type "' || p.object_type_id || '", the object of type "' || s.object_type_id || '"' END)
                        """),
                    ("active_from", "pg_temp.cos_date_problem(s.active_from, true)"),
                    ("active_to", "pg_temp.cos_date_problem(s.active_to, false)"),
                ],
                joins: """
                    LEFT JOIN LATERAL (SELECT organization_id FROM pg_temp.s_contracts WHERE id = s.contract_id ORDER BY rn LIMIT 1) c ON true
                    LEFT JOIN LATERAL (SELECT object_type_id FROM pg_temp.s_object_profiles WHERE id = s.object_profile_id ORDER BY rn LIMIT 1) p ON true
                    """),
            perRow(.invoices, [
                ("id", required("id")), ("organization_id", reference("organization_id", .organizations, required: true)),
                ("number", required("number")), ("invoice_date", "pg_temp.cos_date_problem(s.invoice_date, true)"),
                ("status", "pg_temp.cos_status_problem(s.status)"), ("currency", "pg_temp.cos_currency_problem(s.currency)"),
                ("total_amount", "pg_temp.cos_decimal_problem(s.total_amount, true)"),
            ]),
            // A ticket's invoice belongs to its contract's organization and has its currency.
            perRow(
                .chargeTickets,
                [
                    ("id", required("id")), ("contract_id", reference("contract_id", .contracts, required: true)),
                    ("object_id", reference("object_id", .objects, required: false)),
                    ("product_id", reference("product_id", .products, required: true)),
                    ("period_start", "pg_temp.cos_date_problem(s.period_start, true)"),
                    ("period_end", "pg_temp.cos_date_problem(s.period_end, true)"),
                    ("quantity", "pg_temp.cos_decimal_problem(s.quantity, true)"),
                    ("unit_price", "pg_temp.cos_decimal_problem(s.unit_price, false)"),
                    ("amount", "pg_temp.cos_decimal_problem(s.amount, true)"),
                    ("invoice_id", """
                        coalesce(\(reference("invoice_id", .invoices, required: false)),
                          CASE WHEN EXISTS (SELECT 1 FROM pg_temp.s_organizations o WHERE o.id = i.organization_id)
                            AND EXISTS (SELECT 1 FROM pg_temp.s_organizations o WHERE o.id = c.organization_id)
                            AND i.organization_id <> c.organization_id
                          THEN 'the invoice belongs to organization "' || i.organization_id || '", the ticket''s contract "'
                            || s.contract_id || '" to organization "' || c.organization_id || '"' END)
                        """),
                    ("invoice_id", """
                        CASE WHEN pg_temp.cos_currency_problem(i.currency) IS NULL AND pg_temp.cos_currency_problem(c.currency) IS NULL
                            AND upper(i.currency) <> upper(c.currency)
                          THEN 'the invoice is in ' || upper(i.currency) || ', the ticket''s contract "' || s.contract_id
                            || '" in ' || upper(c.currency) END
                        """),
                ],
                joins: """
                    LEFT JOIN LATERAL (SELECT organization_id, currency FROM pg_temp.s_contracts WHERE id = s.contract_id ORDER BY rn LIMIT 1) c ON true
                    LEFT JOIN LATERAL (SELECT organization_id, currency FROM pg_temp.s_invoices WHERE id = s.invoice_id ORDER BY rn LIMIT 1) i ON true
                    """),
            perRow(.usageEvents, [
                ("id", required("id")), ("object_id", reference("object_id", .objects, required: true)),
                ("product_id", reference("product_id", .products, required: true)),
                ("occurred_at", "pg_temp.cos_timestamp_problem(s.occurred_at)"),
                ("quantity", "pg_temp.cos_decimal_problem(s.quantity, true)"),
            ]),
        ]
        return statements
    }

    // MARK: - Organizations

    struct OrganizationRow {
        let id: String
        let name: String
        let number: String?
        let parentID: String?
    }

    /// The organizations in source order, and a problem per cycle of their tree (reported on its first
    /// member in that order, its parent as the value, as the CSV import reports it on its first row).
    private func readOrganizations() throws -> (rows: [OrganizationRow], cycles: [String]) {
        let result = try connection.run("SELECT id, name, number, parent_id FROM pg_temp.s_organizations WHERE id IS NOT NULL ORDER BY rn")
        var rows: [OrganizationRow] = []
        var index: [String: Int] = [:]
        for row in result.allText {
            guard let id = row[0], index[id] == nil else { continue }
            index[id] = rows.count
            rows.append(OrganizationRow(id: id, name: row[1] ?? "", number: row[2], parentID: row[3]))
        }
        var state = [UInt8](repeating: 0, count: rows.count)
        var cycles: [String] = []
        for start in rows.indices where state[start] == 0 {
            var path: [Int] = []
            var current: Int? = start
            while let k = current, state[k] == 0 {
                state[k] = 1
                path.append(k)
                current = rows[k].parentID.flatMap { index[$0] }
            }
            if let k = current, state[k] == 1, let at = path.firstIndex(of: k) {
                let cycle = Array(path[at...])
                let first = cycle.min() ?? k
                if let offset = cycle.firstIndex(of: first) {
                    let ordered = Array(cycle[offset...] + cycle[..<offset]) + [first]
                    let names = ordered.map { rows[$0].id }.joined(separator: " -> ")
                    cycles.append(
                        "\(source).organizations: id \(ImportError.quoted(rows[first].id)): column parent_id: value "
                            + "\(ImportError.quoted(rows[first].parentID ?? "")): the organization tree has a cycle (child -> parent): \(names)")
                }
            }
            for p in path { state[p] = 2 }
        }
        return (rows, cycles)
    }

    private func writeOrganizations(_ rows: [OrganizationRow]) throws {
        var keys: [String: Int] = [:]
        for (offset, row) in rows.enumerated() { keys[row.id] = offset + 1 }
        let writer = try CopyWriter(
            connection: connection, table: "organization", columns: ["k", "id", "name", "number", "parent_k", "search_name"],
            freeze: true)
        do {
            for (offset, row) in rows.enumerated() {
                try writer.integer(Int64(offset + 1))
                try writer.text(row.id)
                try writer.text(row.name)
                try writer.optionalText(row.number)
                try writer.optionalInteger(row.parentID.flatMap { keys[$0] }.map { Int64($0) })
                try writer.text(TextFolding.fold(row.name))
                try writer.endRow()
            }
            try writer.finish()
        } catch {
            writer.abort("cos import stopped")
            throw error
        }
    }

    // MARK: - Build

    /// The staged tables whose names (or numbers) cos folds for the name lookups (`TextFolding`, which
    /// the database cannot do alike): each gets `pg_temp.k_TABLE(rn, key)`.
    static let foldedColumns: [(table: String, column: String)] = [
        ("product_categories", "name"), ("products", "name"), ("object_types", "name"), ("object_profiles", "name"),
        ("objects", "name"), ("contracts", "number"), ("invoices", "number"),
    ]

    /// Reads each folded column of the stage (in batches from a cursor) and writes its folded keys.
    private func writeFoldedKeys() throws {
        for (table, column) in Self.foldedColumns {
            try connection.execute("CREATE TEMP TABLE k_\(table)(rn bigint, key text COLLATE \"C\") ON COMMIT DROP")
            try connection.execute("DECLARE cos_names NO SCROLL CURSOR FOR SELECT rn, \(column) FROM pg_temp.s_\(table)")
            // A batch at a time: a COPY cannot run while a FETCH does, on one connection.
            while true {
                let batch = try connection.run("FETCH 20000 FROM cos_names").allText
                if batch.isEmpty { break }
                let writer = try CopyWriter(connection: connection, table: "pg_temp.k_\(table)", columns: ["rn", "key"], freeze: false)
                do {
                    for row in batch {
                        guard let rn = row[0].flatMap({ Int64($0) }) else { continue }
                        try writer.integer(rn)
                        try writer.text(TextFolding.fold(row[1] ?? ""))
                        try writer.endRow()
                    }
                    try writer.finish()
                } catch {
                    writer.abort("cos import stopped")
                    throw error
                }
                try LoadSignals.check()
            }
            try connection.execute("CLOSE cos_names")
            try connection.execute("CREATE INDEX ON pg_temp.k_\(table) (rn)")
            try connection.execute("ANALYZE pg_temp.k_\(table)")
        }
    }

    /// Days since 1970-01-01 of a checked `YYYY-MM-DD` text (NULL stays NULL).
    static func day(_ column: String) -> String { "(\(column)::date - DATE '1970-01-01')" }

    /// The store's base tables from the checked stage, keys in source order (the organizations are
    /// written already). The derived tables follow (`StoreSchema.derivations`), after `object_usage`.
    private var buildStatements: [String] {
        [
            """
            INSERT INTO contract(organization_k, k, id, number, name, currency, start_day, end_day, number_key)
            SELECT o.k, s.rn, s.id, s.number, s.name, upper(s.currency), \(Self.day("s.start_date")), \(Self.day("s.end_date")), f.key
            FROM pg_temp.s_contracts s JOIN organization o ON o.id = s.organization_id
            JOIN pg_temp.k_contracts f ON f.rn = s.rn
            """,
            """
            INSERT INTO product_category(k, id, name, name_key)
            SELECT s.rn, s.id, s.name, f.key FROM pg_temp.s_product_categories s JOIN pg_temp.k_product_categories f ON f.rn = s.rn
            """,
            """
            INSERT INTO product(k, id, name, category_k, unit, name_key)
            SELECT s.rn, s.id, s.name, c.k, s.unit, f.key
            FROM pg_temp.s_products s JOIN product_category c ON c.id = s.category_id
            JOIN pg_temp.k_products f ON f.rn = s.rn
            """,
            """
            INSERT INTO object_type(k, id, name, name_key)
            SELECT s.rn, s.id, s.name, f.key FROM pg_temp.s_object_types s JOIN pg_temp.k_object_types f ON f.rn = s.rn
            """,
            """
            INSERT INTO object_profile(k, id, name, object_type_k, name_key)
            SELECT s.rn, s.id, s.name, t.k, f.key
            FROM pg_temp.s_object_profiles s JOIN object_type t ON t.id = s.object_type_id
            JOIN pg_temp.k_object_profiles f ON f.rn = s.rn
            """,
            """
            INSERT INTO object(organization_k, k, id, name, contract_k, object_type_k, object_profile_k, active_from_day,
                               active_to_day, from_month, to_month, name_key)
            SELECT o.k, s.rn, s.id, s.name, c.k, t.k, p.k, \(Self.day("s.active_from")), \(Self.day("s.active_to")),
                   pg_temp.cos_month(s.active_from), pg_temp.cos_month(s.active_to), f.key
            FROM pg_temp.s_objects s JOIN organization o ON o.id = s.organization_id
            JOIN object_type t ON t.id = s.object_type_id
            JOIN pg_temp.k_objects f ON f.rn = s.rn
            LEFT JOIN contract c ON c.id = s.contract_id
            LEFT JOIN object_profile p ON p.id = s.object_profile_id
            """,
            """
            INSERT INTO invoice(organization_k, k, id, number, invoice_day, month, status, currency, total_amount, number_key)
            SELECT o.k, s.rn, s.id, s.number, \(Self.day("s.invoice_date")), pg_temp.cos_month(s.invoice_date),
                   lower(s.status), upper(s.currency), pg_temp.cos_micros(s.total_amount), f.key
            FROM pg_temp.s_invoices s JOIN organization o ON o.id = s.organization_id
            JOIN pg_temp.k_invoices f ON f.rn = s.rn
            """,
            """
            INSERT INTO charge_ticket(organization_k, month, period_start_day, id, k, contract_k, currency, object_k, product_k,
                                      category_k, object_type_k, object_profile_k, period_end_day, quantity, unit_price,
                                      amount, invoice_k)
            SELECT c.organization_k, pg_temp.cos_month(s.period_start), \(Self.day("s.period_start")), s.id, s.rn, c.k,
                   c.currency, ob.k, p.k, p.category_k, ob.object_type_k, ob.object_profile_k, \(Self.day("s.period_end")),
                   pg_temp.cos_micros(s.quantity), pg_temp.cos_micros(s.unit_price), pg_temp.cos_micros(s.amount), i.k
            FROM pg_temp.s_charge_tickets s JOIN contract c ON c.id = s.contract_id
            JOIN product p ON p.id = s.product_id
            LEFT JOIN object ob ON ob.id = s.object_id
            LEFT JOIN invoice i ON i.id = s.invoice_id
            """,
        ]
    }

    /// The usage events summed per object (its organization), UTC month and product: `object_usage`.
    static let objectUsage = """
        INSERT INTO object_usage(organization_k, object_k, month, product_k, events, quantity)
        SELECT ob.organization_k, ob.k, pg_temp.cos_utc_month(t.seconds), p.k, count(*), sum(pg_temp.cos_micros(s.quantity))
        FROM pg_temp.s_usage_events s JOIN object ob ON ob.id = s.object_id
        JOIN product p ON p.id = s.product_id
        CROSS JOIN LATERAL (SELECT pg_temp.cos_seconds(s.occurred_at) AS seconds) t
        GROUP BY ob.organization_k, ob.k, pg_temp.cos_utc_month(t.seconds), p.k
        """

    /// The optional `manifest` table or view: `as_of` and `name` of its first row.
    private func manifest(_ schema: String) throws -> (asOf: String?, name: String?)? {
        let columns = Set(try connection.run(
            """
            SELECT lower(a.attname) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND lower(c.relname) = 'manifest' AND a.attnum > 0 AND NOT a.attisdropped
            """, [schema]
        ).allText.compactMap { $0.first ?? nil })
        guard !columns.isEmpty else { return nil }
        let asOf = columns.contains("as_of") ? Self.text("as_of", type: "text") : "NULL"
        let name = columns.contains("name") ? "name::text" : "NULL"
        let row = try connection.run("SELECT \(asOf), \(name) FROM \(SchemaName.quoted(schema)).manifest LIMIT 1").allText.first
        guard let row else { return nil }
        var date = row[0]
        if let text = date, text.count > 10 { date = String(text.prefix(10)) }
        if let text = date, CivilDate(parsing: text) == nil {
            throw ImportError(
                kind: .badData, lines: ["\(source).manifest: as_of: value \(ImportError.quoted(text)): not a date (YYYY-MM-DD)"],
                problemCount: 1)
        }
        return (date, row[1])
    }
}
