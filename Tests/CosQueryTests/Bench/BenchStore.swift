import CosStore

/// A synthetic store at the scale of the product's large set, written straight into the store layout
/// with SQL (no CSV), for timing the views: 10,000 organizations, 1,000,000 objects, 10,000,000 charge
/// tickets, 20,000,000 usage events over 24 months (2024-07..2026-06). Organization 1 ("Largest Org",
/// SEK and EUR) holds 5 % of everything; the others share the rest evenly (about 95 objects, 950
/// tickets each). An object's ten tickets fall in consecutive months (monthly charges), except every
/// 20th object's, which skip a month (a gap, the slow path of the distinct-object counts). Every 50th ticket has no object, every 17th object no profile; the last two months
/// are uninvoiced; invoices are one per contract and month, some void, the last month draft.
enum BenchStore {
    static let firstMonth = 2024 * 12 + 6

    static func build(at path: String, scale: Int = 1) throws {
        let db = try Database(path: path, readOnly: false, create: true)
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000")
        for sql in StoreSchema.tables { try db.execute(sql) }
        let objects = 1_000_000 / scale
        let largest = objects / 20
        let b = firstMonth
        try db.execute("BEGIN")
        try db.execute(
            """
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 10000)
            INSERT INTO organization(k, id, name, number, parent_k, search_name)
            SELECT k, 'ORG-' || k, CASE WHEN k = 1 THEN 'Largest Org' ELSE 'Org ' || k END, 'N' || k,
                   CASE WHEN k > 1 AND k % 100 = 0 THEN 1 ELSE NULL END,
                   CASE WHEN k = 1 THEN 'largest org' ELSE 'org ' || k END FROM s;
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 20000)
            INSERT INTO contract(k, id, organization_k, number, name, currency, start_date, end_date)
            SELECT k, 'C-' || k, (k + 1) / 2, 'C-' || k, NULL,
                   CASE WHEN k = 2 THEN 'EUR' ELSE 'SEK' END, '2024-01-01', NULL FROM s;
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 10)
            INSERT INTO product_category SELECT k, 'CAT-' || k, 'Category ' || k FROM s;
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 100)
            INSERT INTO product SELECT k, 'P-' || k, 'Product ' || k, (k - 1) / 10 + 1, 'h' FROM s;
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 10)
            INSERT INTO object_type SELECT k, 'T-' || k, 'Type ' || k FROM s;
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < 50)
            INSERT INTO object_profile SELECT k, 'PR-' || k, 'Profile ' || k, (k - 1) / 5 + 1 FROM s;
            """)
        try db.execute(
            """
            WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < \(objects)),
            o(k, org, t, m) AS (
              SELECT k, CASE WHEN k <= \(largest) THEN 1 ELSE 2 + ((k - \(largest) - 1) * 9999) / \(objects - largest) END,
                     k % 10 + 1, (k * 7) % 24 FROM s)
            INSERT INTO object(k, id, name, organization_k, contract_k, object_type_k, object_profile_k, active_from,
                               active_to, from_month, to_month)
            SELECT k, 'OBJ-' || k, 'object ' || k, org, 2 * org - 1 + k % 2, t,
                   CASE WHEN k % 17 = 0 THEN NULL ELSE (t - 1) * 5 + (k / 10) % 5 + 1 END,
                   printf('%04d-%02d-01', (\(b) + m) / 12, (\(b) + m) % 12 + 1),
                   CASE WHEN k % 3 = 0 THEN printf('%04d-%02d-15', (\(b) + m + 6) / 12, (\(b) + m + 6) % 12 + 1) END,
                   \(b) + m, CASE WHEN k % 3 = 0 THEN \(b) + m + 6 END
            FROM o
            """)
        try db.execute(
            """
            WITH RECURSIVE s(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM s WHERE c < 20000),
            m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 23)
            INSERT INTO invoice(k, id, organization_k, number, invoice_date, month, status, currency, total_amount)
            SELECT (c - 1) * 24 + i + 1, 'INV-' || ((c - 1) * 24 + i + 1), (c + 1) / 2, 'I-' || ((c - 1) * 24 + i + 1),
                   printf('%04d-%02d-28', (\(b) + i) / 12, (\(b) + i) % 12 + 1), \(b) + i,
                   CASE WHEN i = 23 THEN 'draft' WHEN (c + i) % 37 = 0 THEN 'void' ELSE 'final' END,
                   CASE WHEN c = 2 THEN 'EUR' ELSE 'SEK' END, ((c * 31 + i * 17) % 100000) * 10000
            FROM s, m
            """)
        try db.execute(
            """
            WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < \(objects * 10 - 1)),
            t(i, ob, m, p) AS (SELECT i, i / 10 + 1, ((i / 10) * 7) % 14 + i % 10 + CASE WHEN (i / 10) % 20 = 0 AND i % 10 >= 5 THEN 1 ELSE 0 END, (i % 10) FROM s)
            INSERT INTO charge_ticket(k, id, contract_k, organization_k, currency, object_k, product_k, category_k,
                                      object_type_k, object_profile_k, month, period_start, period_end, quantity,
                                      unit_price, amount, invoice_k)
            SELECT t.i + 1, 'TK-' || (t.i + 1), o.contract_k, o.organization_k, c.currency,
                   CASE WHEN t.i % 50 = 0 THEN NULL ELSE o.k END,
                   (o.object_type_k - 1) * 10 + t.p + 1, o.object_type_k,
                   CASE WHEN t.i % 50 = 0 THEN NULL ELSE o.object_type_k END,
                   CASE WHEN t.i % 50 = 0 THEN NULL ELSE o.object_profile_k END,
                   \(b) + t.m, printf('%04d-%02d-01', (\(b) + t.m) / 12, (\(b) + t.m) % 12 + 1),
                   printf('%04d-%02d-28', (\(b) + t.m) / 12, (\(b) + t.m) % 12 + 1),
                   (t.i % 13 + 1) * 1000000, 2500000, (t.i % 13 + 1) * 2500000 - CASE WHEN t.i % 97 = 0 THEN 40000000 ELSE 0 END,
                   CASE WHEN t.m < 22 THEN (o.contract_k - 1) * 24 + t.m + 1 END
            FROM t JOIN object o ON o.k = t.ob JOIN contract c ON c.k = o.contract_k
            """)
        try db.execute(
            """
            WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < \(objects * 20 - 1)),
            e(i, ob, m) AS (SELECT i, i / 20 + 1, (i * 11) % 24 FROM s)
            INSERT INTO usage_event(k, id, object_k, product_k, organization_k, occurred_at, month, quantity)
            SELECT e.i + 1, 'U-' || (e.i + 1), o.k, (o.object_type_k - 1) * 10 + e.i % 10 + 1, o.organization_k,
                   printf('%04d-%02d-%02dT12:00:00Z', (\(b) + e.m) / 12, (\(b) + e.m) % 12 + 1, e.i % 28 + 1),
                   \(b) + e.m, (e.i % 7 + 1) * 500000
            FROM e JOIN object o ON o.k = e.ob
            """)
        try db.execute("COMMIT")
        for sql in StoreSchema.indexes { try db.execute(sql) }
        for sql in StoreSchema.rollups { try db.execute(sql) }
        try db.execute("ANALYZE")
    }
}
