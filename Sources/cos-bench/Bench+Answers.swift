import CosModel
import CosQuery
import CosStore
import CosView

extension Bench {
    /// `compare`, `audit` and `trace` of the largest organization (issue 11's goals: 100 ms, 1 s and
    /// 50 ms), each rendered as the shell shows it.
    func answers(_ org: Int64) throws {
        let reps = max(5, repetitions / 4)
        let scope = Scope.organization(org)
        let o = SQLValue.integer(org)
        let tickets = try db.rows("SELECT sum(tickets) FROM ticket_rollup WHERE organization_k = ?", [o]) { $0.int64(0) }.first ?? 0
        let base = period.previous.map(\.description) ?? "-"
        _ = try measure("compare (largest)", repetitions: reps, detail: "by category, \(base) → \(period), \(tickets) tickets") {
            _ = try render(try overview.compare(scope, asOf: asOf, period: period), "compare")
        }
        _ = try measure("compare by product (largest)", repetitions: reps, detail: "by product") {
            _ = try render(try overview.compare(scope, by: .product, asOf: asOf, period: period), "compare by product")
        }
        _ = try measure("compare by object (largest)", repetitions: reps, detail: "by object") {
            _ = try render(try overview.compare(scope, by: .object, asOf: asOf, period: period), "compare by object")
        }
        _ = try measure("audit (largest)", repetitions: max(3, reps / 2), detail: "the eight kinds, all time to \(asOf)") {
            _ = try render(try overview.audit(scope, asOf: asOf, period: period), "audit")
        }
        // The object with the most tickets, and a ticket of it.
        guard
            let object = try db.rows(
                "SELECT object_k, count(*) FROM charge_ticket WHERE organization_k = ? AND object_k IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
                [o], { ($0.int64(0), $0.int64(1)) }).first,
            let ticket = try db.rows(
                "SELECT id FROM charge_ticket WHERE organization_k = ? AND object_k = ? ORDER BY k LIMIT 1", [o, .integer(object.0)], { $0.text(0) ?? "" }).first
        else { throw BenchError("the largest organization has no object with tickets") }
        _ = try measure("trace object (largest)", repetitions: reps, detail: "\(object.1) tickets") {
            _ = try render(try overview.trace(organization: org, object: object.0, asOf: asOf, period: period), "trace")
        }
        _ = try measure("trace ticket (largest)", repetitions: reps, detail: "ticket \(ticket)") {
            _ = try render(try overview.trace(ticketID: ticket, organization: org, asOf: asOf, period: period), "trace")
        }
    }
}
