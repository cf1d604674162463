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
/// No row of the data leaves the server, with one exception: the organizations (id, name, number,
/// parent) are read by cos, which checks their tree for cycles and folds their names for search
/// (`TextFolding`, which the database cannot do alike), and writes that table itself.
struct SchemaBuild {
    let source: String
    let build: PostgresBuild
    var layout: PostgresLayout { build.layout }
    var connection: PostgresConnection { build.connection }
    var reporter: StepReporter { build.reporter }

    init(source: String, build: PostgresBuild) {
        self.source = source
        self.build = build
    }

    struct Column {
        let name: String
        let required: Bool
        /// The expression giving the source column as the CSV dialect's text, or NULL when absent.
        let text: String
    }

    func run() throws -> (rows: [(file: String, rows: Int)], meta: [(key: String, value: String)]) {
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
            var select = "SELECT row_number() OVER () AS rn, \(list) FROM \(quotedSource).\(SchemaName.quoted(relation))"
            if file == .usageEvents {
                // The instant of each event, parsed once: the checks and the build read it.
                select = "SELECT s.*, \(ContractSQL.seconds("s.occurred_at")) AS seconds FROM (\(select)) s"
            }
            try connection.execute("CREATE TEMP TABLE s_\(table) ON COMMIT DROP AS \(select)")
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

        // 3. Build: every table of the store, in the loader's order, each with its constraints.
        reporter.begin("build")
        try foldOutsideLatin1()
        try writeOrganizations(organizations.rows)
        for table in layout.tables where table.name == "organization" { try build.finish(table) }
        let derivations = PostgresLayout.derivations
        for table in layout.tables where table.name != "organization" && table.name != "meta" {
            guard let statement = Self.buildStatements[table.name] ?? derivations[table.name] else {
                throw ImportError.failed("--from-schema: no statement builds table \(table.name) of store format \(StoreSchema.formatVersion)")
            }
            do { try connection.execute(statement) } catch let error as PostgresError where error.sqlState == "22003" {
                throw ImportError.failed(
                    "\(source): the amounts or quantities summed for \(table.name) add up to more than cos can hold exactly "
                        + "(a sum's limit is 9223372036854.775807)")
            }
            try build.finish(table)
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
        meta["format"] = StoreSchema.formatName
        meta["format_version"] = String(StoreSchema.formatVersion)
        return (rows, meta.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
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
        func name(_ file: ExportFile) -> String { String(file.fileName.dropLast(4)) }
        func order(_ file: ExportFile, _ column: String) -> Int { file.columns.firstIndex { $0.name == column } ?? 0 }
        func required(_ column: String) -> String { "CASE WHEN s.\(column) IS NULL THEN '\(ContractSQL.empty)' END" }
        /// The ids of a table, each once (a join to it finds a reference's row or not).
        func ids(_ file: ExportFile) -> String { "(SELECT DISTINCT id FROM \(table(file)) WHERE id IS NOT NULL)" }
        /// The first row of each id, with the columns the cross checks read.
        func firstRows(_ file: ExportFile, _ columns: String) -> String {
            "(SELECT DISTINCT ON (id) id, \(columns) FROM \(table(file)) WHERE id IS NOT NULL ORDER BY id, rn)"
        }
        /// A reference column's rule, with the join that finds the row it refers to (alias `r_COLUMN`).
        func reference(_ column: String, _ target: ExportFile, required isRequired: Bool) -> (check: String, join: String) {
            (
                """
                CASE WHEN s.\(column) IS NULL THEN \(isRequired ? "'\(ContractSQL.empty)'" : "NULL")
                  WHEN r_\(column).id IS NULL THEN 'no row of \(name(target)) has this id' END
                """,
                "LEFT JOIN \(ids(target)) r_\(column) ON r_\(column).id = s.\(column)"
            )
        }
        /// The problems of each row: every rule's message computed as a column, then one row per
        /// message, for the rows that have any (most have none, and are not unfolded).
        func perRow(_ file: ExportFile, _ rules: [(column: String, check: String)], joins: [String] = []) -> String {
            let messages = rules.enumerated().map { "\($0.element.check) AS m\($0.offset)" }
            let values = rules.enumerated().map { "(\(order(file, $0.element.column)), '\($0.element.column)', x.v\($0.offset), x.m\($0.offset))" }
            let columns = rules.enumerated().map { "s.\($0.element.column) AS v\($0.offset)" }
            let all = (0..<rules.count).map { "x.m\($0)" }.joined(separator: ", ")
            return """
                SELECT \(file.rawValue), x.id, v.o, v.c, v.v, v.m
                FROM (SELECT s.id, \(columns.joined(separator: ", ")), \(messages.joined(separator: ",\n  "))
                      FROM \(table(file)) s \(joins.joined(separator: "\n"))) x
                CROSS JOIN LATERAL (VALUES \(values.joined(separator: ", "))) AS v(o, c, v, m)
                WHERE num_nonnulls(\(all)) > 0 AND v.m IS NOT NULL
                """
        }
        func duplicates(_ file: ExportFile) -> String {
            """
            SELECT \(file.rawValue), id, 0, 'id', id, 'the id is not unique: ' || count(*) || ' rows of \(name(file)) have it'
            FROM \(table(file)) WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1
            """
        }
        /// Rules of a file: plain checks and references (whose joins are added).
        func rules(_ file: ExportFile, _ list: [(String, Any)], joins extra: [String] = []) -> String {
            var checks: [(column: String, check: String)] = []
            var joins: [String] = []
            for (column, rule) in list {
                if let text = rule as? String {
                    checks.append((column, text))
                } else if let (target, isRequired) = rule as? (ExportFile, Bool) {
                    let found = reference(column, target, required: isRequired)
                    checks.append((column, found.check))
                    joins.append(found.join)
                }
            }
            return perRow(file, checks, joins: joins + extra)
        }
        let organizations = ids(.organizations)
        var statements: [String] = []
        for file in ExportFile.allCases { statements.append(duplicates(file)) }
        statements += [
            rules(.organizations, [("id", required("id")), ("name", required("name")), ("parent_id", (ExportFile.organizations, false))]),
            rules(.contracts, [
                ("id", required("id")), ("organization_id", (ExportFile.organizations, true)),
                ("number", required("number")), ("currency", "pg_temp.cos_currency_problem(s.currency)"),
                ("start_date", "pg_temp.cos_date_problem(s.start_date, true)"),
                ("end_date", "pg_temp.cos_date_problem(s.end_date, false)"),
            ]),
            rules(.productCategories, [("id", required("id")), ("name", required("name"))]),
            rules(.products, [("id", required("id")), ("name", required("name")), ("category_id", (ExportFile.productCategories, true))]),
            rules(.objectTypes, [("id", required("id")), ("name", required("name"))]),
            rules(.objectProfiles, [
                ("id", required("id")), ("name", required("name")), ("object_type_id", (ExportFile.objectTypes, true)),
            ]),
            // An object's profile must be of its type, its contract of its organization (each checked
            // when both references are sound, as the CSV import does).
            rules(
                .objects,
                [
                    ("id", required("id")), ("name", required("name")), ("organization_id", (ExportFile.organizations, true)),
                    ("contract_id", (ExportFile.contracts, false)),
                    ("contract_id", """
                        CASE WHEN r_organization_id.id IS NOT NULL AND co.id IS NOT NULL AND c.organization_id <> s.organization_id
                          THEN 'the contract belongs to organization "' || c.organization_id || '", the object to organization "' || s.organization_id || '"' END
                        """),
                    ("object_type_id", (ExportFile.objectTypes, true)),
                    ("object_profile_id", (ExportFile.objectProfiles, false)),
                    ("object_profile_id", """
                        CASE WHEN r_object_type_id.id IS NOT NULL AND pt.id IS NOT NULL AND p.object_type_id <> s.object_type_id
                          THEN 'the profile is of object type "' || p.object_type_id || '", the object of type "' || s.object_type_id || '"' END
                        """),
                    ("active_from", "pg_temp.cos_date_problem(s.active_from, true)"),
                    ("active_to", "pg_temp.cos_date_problem(s.active_to, false)"),
                ],
                joins: [
                    "LEFT JOIN \(firstRows(.contracts, "organization_id")) c ON c.id = s.contract_id",
                    "LEFT JOIN \(organizations) co ON co.id = c.organization_id",
                    "LEFT JOIN \(firstRows(.objectProfiles, "object_type_id")) p ON p.id = s.object_profile_id",
                    "LEFT JOIN \(ids(.objectTypes)) pt ON pt.id = p.object_type_id",
                ]),
            rules(.invoices, [
                ("id", required("id")), ("organization_id", (ExportFile.organizations, true)),
                ("number", required("number")), ("invoice_date", "pg_temp.cos_date_problem(s.invoice_date, true)"),
                ("status", "pg_temp.cos_status_problem(s.status)"), ("currency", "pg_temp.cos_currency_problem(s.currency)"),
                ("total_amount", "pg_temp.cos_decimal_problem(s.total_amount, true)"),
            ]),
            // A ticket's invoice belongs to its contract's organization and has its currency.
            rules(
                .chargeTickets,
                [
                    ("id", required("id")), ("contract_id", (ExportFile.contracts, true)), ("object_id", (ExportFile.objects, false)),
                    ("product_id", (ExportFile.products, true)),
                    ("period_start", "pg_temp.cos_date_problem(s.period_start, true)"),
                    ("period_end", "pg_temp.cos_date_problem(s.period_end, true)"),
                    ("quantity", "pg_temp.cos_decimal_problem(s.quantity, true)"),
                    ("unit_price", "pg_temp.cos_decimal_problem(s.unit_price, false)"),
                    ("amount", "pg_temp.cos_decimal_problem(s.amount, true)"),
                    ("invoice_id", (ExportFile.invoices, false)),
                    ("invoice_id", """
                        CASE WHEN io.id IS NOT NULL AND co.id IS NOT NULL AND i.organization_id <> c.organization_id
                          THEN 'the invoice belongs to organization "' || i.organization_id || '", the ticket''s contract "'
                            || s.contract_id || '" to organization "' || c.organization_id || '"' END
                        """),
                    ("invoice_id", """
                        CASE WHEN i.id IS NOT NULL AND c.id IS NOT NULL AND pg_temp.cos_currency_problem(i.currency) IS NULL
                            AND pg_temp.cos_currency_problem(c.currency) IS NULL AND upper(i.currency) <> upper(c.currency)
                          THEN 'the invoice is in ' || upper(i.currency) || ', the ticket''s contract "' || s.contract_id
                            || '" in ' || upper(c.currency) END
                        """),
                ],
                joins: [
                    "LEFT JOIN \(firstRows(.contracts, "organization_id, currency")) c ON c.id = s.contract_id",
                    "LEFT JOIN \(firstRows(.invoices, "organization_id, currency")) i ON i.id = s.invoice_id",
                    "LEFT JOIN \(organizations) co ON co.id = c.organization_id",
                    "LEFT JOIN \(organizations) io ON io.id = i.organization_id",
                ]),
            rules(.usageEvents, [
                ("id", required("id")), ("object_id", (ExportFile.objects, true)), ("product_id", (ExportFile.products, true)),
                ("occurred_at", """
                    CASE WHEN s.occurred_at IS NULL THEN '\(ContractSQL.empty)'
                      WHEN s.seconds IS NULL THEN '\(ContractSQL.notATimestamp)'
                      WHEN s.seconds < -62135596800 OR s.seconds > 253402300799
                      THEN 'in UTC this is ' || pg_temp.cos_utc_text(s.seconds) || ', outside the years 0001 to 9999' END
                    """),
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
        // By bytes: ids compare exactly (a String dictionary would take NFC and NFD spellings as one).
        var index: [[UInt8]: Int] = [:]
        for row in result.allText {
            guard let id = row[0], index[Array(id.utf8)] == nil else { continue }
            index[Array(id.utf8)] = rows.count
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
                current = rows[k].parentID.flatMap { index[Array($0.utf8)] }
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
        var keys: [[UInt8]: Int] = [:]
        for (offset, row) in rows.enumerated() { keys[Array(row.id.utf8)] = offset + 1 }
        let writer = try CopyWriter(
            connection: connection, table: "organization", columns: ["k", "id", "name", "number", "parent_k", "search_name"],
            freeze: true)
        do {
            for (offset, row) in rows.enumerated() {
                try writer.integer(Int64(offset + 1))
                try writer.text(row.id)
                try writer.text(row.name)
                try writer.optionalText(row.number)
                try writer.optionalInteger(row.parentID.flatMap { keys[Array($0.utf8)] }.map { Int64($0) })
                try writer.text(TextFolding.fold(row.name))
                try writer.endRow()
            }
            try writer.finish()
        } catch {
            writer.abort("cos import stopped")
            throw error
        }
    }

    /// The names and numbers whose folded key (`name_key`, `number_key`) the server cannot make alike:
    /// those with a character outside ASCII and Latin-1's letters. They are read, folded by
    /// `TextFolding` and written back (`pg_temp.cos_folded`); all others are folded by
    /// `pg_temp.cos_fold` in the statements below.
    private func foldOutsideLatin1() throws {
        try connection.execute(
            "CREATE TEMP TABLE cos_folded(tbl text, rn bigint, folded text COLLATE \"C\", PRIMARY KEY (tbl, rn)) ON COMMIT DROP")
        let columns = [
            ("product_categories", "name"), ("products", "name"), ("object_types", "name"), ("object_profiles", "name"),
            ("objects", "name"), ("contracts", "number"), ("invoices", "number"),
        ]
        var folded: [(table: String, rn: Int64, key: String)] = []
        for (table, column) in columns {
            let result = try connection.run("SELECT rn, \(column) FROM pg_temp.s_\(table) WHERE NOT pg_temp.cos_foldable(\(column))")
            for row in result.allText {
                guard let rn = row[0].flatMap({ Int64($0) }), let text = row[1] else { continue }
                folded.append((table, rn, TextFolding.fold(text)))
            }
        }
        guard !folded.isEmpty else { return }
        let writer = try CopyWriter(connection: connection, table: "pg_temp.cos_folded", columns: ["tbl", "rn", "folded"], freeze: false)
        do {
            for entry in folded {
                try writer.text(entry.table)
                try writer.integer(entry.rn)
                try writer.text(entry.key)
                try writer.endRow()
            }
            try writer.finish()
        } catch {
            writer.abort("cos import stopped")
            throw error
        }
    }

    /// The base tables of the store from the checked stage (keys are the rows' places in their source,
    /// `rn`), in primary-key order, with what the CSV loader gives their rows; the derived tables follow
    /// from `StoreSchema.derivations` (`PostgresLayout.derivations`).
    static let buildStatements: [String: String] = {
        func folded(_ table: String, _ column: String, _ alias: String = "s") -> String {
            "coalesce((SELECT f.folded FROM pg_temp.cos_folded f WHERE f.tbl = '\(table)' AND f.rn = \(alias).rn), pg_temp.cos_fold(\(alias).\(column)))"
        }
        // The charge tickets with everything they carry (their organization and currency are the
        // contract's, the category the product's, the type and profile the object's).
        let tickets = """
            SELECT c.organization_k, pg_temp.cos_month(s.period_start) AS month, pg_temp.cos_day(s.period_start) AS start_day,
                   s.id, s.rn AS k, c.k AS contract_k, c.currency, ob.k AS object_k, p.k AS product_k, p.category_k,
                   ob.object_type_k, ob.object_profile_k, ob.organization_k AS object_organization_k,
                   pg_temp.cos_day(s.period_end) AS end_day, pg_temp.cos_micros(s.quantity) AS quantity,
                   pg_temp.cos_micros(s.unit_price) AS unit_price, pg_temp.cos_micros(s.amount) AS amount, i.k AS invoice_k
            FROM pg_temp.s_charge_tickets s
            JOIN pg_temp.s_contracts sc ON sc.id = s.contract_id JOIN contract c ON c.k = sc.rn
            JOIN pg_temp.s_products sp ON sp.id = s.product_id JOIN product p ON p.k = sp.rn
            LEFT JOIN pg_temp.s_objects so ON so.id = s.object_id LEFT JOIN object ob ON ob.k = so.rn
            LEFT JOIN pg_temp.s_invoices si ON si.id = s.invoice_id LEFT JOIN invoice i ON i.k = si.rn
            """
        return [
            "contract": """
                INSERT INTO contract(organization_k, k, id, number, name, currency, start_day, end_day, number_key)
                SELECT o.k, s.rn, s.id, s.number, s.name, upper(s.currency), pg_temp.cos_day(s.start_date), pg_temp.cos_day(s.end_date),
                       \(folded("contracts", "number"))
                FROM pg_temp.s_contracts s JOIN organization o ON o.id = s.organization_id ORDER BY o.k, s.rn
                """,
            "product_category": """
                INSERT INTO product_category(k, id, name, name_key)
                SELECT s.rn, s.id, s.name, \(folded("product_categories", "name")) FROM pg_temp.s_product_categories s ORDER BY s.rn
                """,
            "product": """
                INSERT INTO product(k, id, name, category_k, unit, name_key)
                SELECT s.rn, s.id, s.name, c.rn, s.unit, \(folded("products", "name"))
                FROM pg_temp.s_products s JOIN pg_temp.s_product_categories c ON c.id = s.category_id ORDER BY s.rn
                """,
            "object_type": """
                INSERT INTO object_type(k, id, name, name_key)
                SELECT s.rn, s.id, s.name, \(folded("object_types", "name")) FROM pg_temp.s_object_types s ORDER BY s.rn
                """,
            "object_profile": """
                INSERT INTO object_profile(k, id, name, object_type_k, name_key)
                SELECT s.rn, s.id, s.name, t.rn, \(folded("object_profiles", "name"))
                FROM pg_temp.s_object_profiles s JOIN pg_temp.s_object_types t ON t.id = s.object_type_id ORDER BY s.rn
                """,
            "object": """
                INSERT INTO object(organization_k, k, id, name, contract_k, object_type_k, object_profile_k, active_from_day,
                                   active_to_day, from_month, to_month, name_key)
                SELECT o.k, s.rn, s.id, s.name, c.rn, t.rn, p.rn, pg_temp.cos_day(s.active_from), pg_temp.cos_day(s.active_to),
                       pg_temp.cos_month(s.active_from), pg_temp.cos_month(s.active_to), \(folded("objects", "name"))
                FROM pg_temp.s_objects s JOIN organization o ON o.id = s.organization_id
                JOIN pg_temp.s_object_types t ON t.id = s.object_type_id
                LEFT JOIN pg_temp.s_contracts c ON c.id = s.contract_id
                LEFT JOIN pg_temp.s_object_profiles p ON p.id = s.object_profile_id
                ORDER BY o.k, s.rn
                """,
            "invoice": """
                INSERT INTO invoice(organization_k, k, id, number, invoice_day, month, status, currency, total_amount, number_key)
                SELECT o.k, s.rn, s.id, s.number, pg_temp.cos_day(s.invoice_date), pg_temp.cos_month(s.invoice_date), lower(s.status),
                       upper(s.currency), pg_temp.cos_micros(s.total_amount), \(folded("invoices", "number"))
                FROM pg_temp.s_invoices s JOIN organization o ON o.id = s.organization_id ORDER BY o.k, s.rn
                """,
            "charge_ticket": """
                INSERT INTO charge_ticket(organization_k, month, period_start_day, id, k, contract_k, currency, object_k, product_k,
                                          category_k, object_type_k, object_profile_k, period_end_day, quantity, unit_price, amount,
                                          invoice_k)
                SELECT organization_k, month, start_day, id, k, contract_k, currency, object_k, product_k, category_k, object_type_k,
                       object_profile_k, end_day, quantity, unit_price, amount, invoice_k
                FROM (\(tickets)) t ORDER BY organization_k, month, start_day, id
                """,
            "object_usage": """
                INSERT INTO object_usage(organization_k, object_k, month, product_k, events, quantity)
                SELECT o.k, so.rn, pg_temp.cos_month_of_seconds(s.seconds), sp.rn, count(*),
                       sum(pg_temp.cos_micros(s.quantity))
                FROM pg_temp.s_usage_events s JOIN pg_temp.s_objects so ON so.id = s.object_id
                JOIN organization o ON o.id = so.organization_id JOIN pg_temp.s_products sp ON sp.id = s.product_id
                GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                """,
        ]
    }()

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
