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
        let tickets = try db.rows("SELECT sum(tickets) FROM ticket_rollup WHERE organization_k = ?", [.integer(org)]) { $0.int64(0) }.first ?? 0
        _ = try measure("compare (largest)", repetitions: reps, detail: "by category, \(period.previous) → \(period), \(tickets) tickets") {
            _ = try render(try overview.compare(scope, asOf: asOf, period: period), "compare")
        }
        _ = try measure("compare by object (largest)", repetitions: reps, detail: "by object") {
            _ = try render(try overview.compare(scope, by: .object, asOf: asOf, period: period), "compare by object")
        }
    }
}
