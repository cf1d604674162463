import CosModel
import CosQuery
import CosStore
import CosView
import Foundation
import XCTest

/// Times every view on a large store. Skipped unless `COS_BENCH_STORE` names a store file (built by
/// `BenchStore` first when the file does not exist). Run:
///
///     COS_BENCH_STORE=/tmp/bench.cosstore swift test --skip-build --filter PerformanceBenchTests
///
/// Measured 2026-11-25 (debug build, 2 shared cores under load ~5, default 12-month period), median of
/// 7 runs, wall / thread CPU: largest organization (500,000 tickets): organization 12.6 / 12.5 ms,
/// category 0.2, type 1.1, profile 31 / 19.7, product 68 / 42, object 0.15, contract 0.3, tree 3.3,
/// first ticket page 0.3, uninvoiced page 0.03; median organization: every view under 1.3 ms.
final class PerformanceBenchTests: XCTestCase {
    func testTimeEveryView() throws {
        guard let path = ProcessInfo.processInfo.environment["COS_BENCH_STORE"] else {
            throw XCTSkip("set COS_BENCH_STORE to time the views on a large store")
        }
        if !FileManager.default.fileExists(atPath: path) {
            let scale = Int(ProcessInfo.processInfo.environment["COS_BENCH_SCALE"] ?? "1") ?? 1
            let start = Date()
            try BenchStore.build(at: path, scale: scale)
            print("built \(path) in \(Int(Date().timeIntervalSince(start))) s")
        }
        let db = try Database(path: path, readOnly: true)
        let overview = Overview(source: db)
        let asOf = CivilDate(year: 2026, month: 6, day: 15) ?? CivilDate(daysSinceEpoch: 0)
        let period = Period.defaultPeriod(asOf: asOf)
        // The largest organization by tickets, and the median one.
        let counts = try db.rows(
            "SELECT organization_k, sum(tickets) FROM ticket_rollup GROUP BY organization_k ORDER BY 2 DESC, 1"
        ) { ($0.int64(0), $0.int64(1)) }
        guard let largest = counts.first else { throw XCTSkip("empty store") }
        let median = counts[counts.count / 2]
        for (label, org) in [("largest", largest), ("median", median)] {
            let key = org.0
            print("== \(label) organization k=\(key), \(org.1) tickets")
            // Wall time, and this thread's CPU time: the machine is shared, so the CPU time shows what the
            // view costs without waiting for other processes.
            func time(_ name: String, _ body: () throws -> Void) rethrows {
                var runs: [Double] = []
                var cpu: [Double] = []
                for _ in 0..<7 {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let cpuStart = threadCPU()
                    try body()
                    cpu.append(threadCPU() - cpuStart)
                    runs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                runs.sort()
                cpu.sort()
                print(String(
                    format: "%-28@ median %8.2f ms wall (min %.2f, max %.2f), %8.2f ms CPU", name as NSString,
                    runs[runs.count / 2], runs[0], runs[runs.count - 1], cpu[cpu.count / 2]))
            }
            let scope = Scope.organization(key)
            let category = try overview.list(.categories, in: scope).first?.key ?? 0
            let type = try overview.list(.types, in: scope).first?.key ?? 0
            let profile = try overview.list(.profiles, in: .objectType(organization: key, objectType: type)).first?.key
            let product = try overview.list(.products, in: .category(organization: key, category: category)).first?.key ?? 0
            let object = try overview.list(.objects, in: scope).first?.key ?? 0
            let contract = try overview.list(.contracts, in: scope).first?.key ?? 0
            let invoice = try overview.list(.invoices, in: scope).first?.key ?? 0
            try time("organization") { _ = try overview.organization(key, asOf: asOf, period: period) }
            try time("category") { _ = try overview.category(organization: key, category: category, asOf: asOf, period: period) }
            try time("product") { _ = try overview.product(organization: key, product: product, asOf: asOf, period: period) }
            try time("object type") { _ = try overview.objectType(organization: key, objectType: type, asOf: asOf, period: period) }
            try time("object profile") {
                _ = try overview.objectProfile(organization: key, objectType: type, profile: profile, asOf: asOf, period: period)
            }
            try time("object") { _ = try overview.object(object, asOf: asOf, period: period) }
            try time("contract") { _ = try overview.contract(contract, asOf: asOf, period: period) }
            try time("invoice") { _ = try overview.invoice(invoice, asOf: asOf, period: period) }
            try time("tree") { _ = try overview.tree(key, asOf: asOf, period: period) }
            try time("tickets (org, first page)") { _ = try overview.tickets(scope, asOf: asOf, period: period) }
            try time("tickets uninvoiced") { _ = try overview.tickets(scope, filter: .uninvoiced, asOf: asOf, period: period) }
            try time("tickets all time, page 100") {
                _ = try overview.tickets(scope, allTime: true, offset: 5000, limit: 50, asOf: asOf, period: period)
            }
            try time("tickets (profile)") {
                _ = try overview.tickets(.objectProfile(organization: key, objectType: type, profile: profile), asOf: asOf, period: period)
            }
            try time("list objects") { _ = try overview.list(.objects, in: scope) }
        }
        try time2("start view", overview, asOf, period)
    }

    /// This thread's CPU time in milliseconds.
    private func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }

    private func time2(_ name: String, _ overview: Overview, _ asOf: CivilDate, _ period: Period) throws {
        var runs: [Double] = []
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try overview.start(recent: [1, 2], asOf: asOf, period: period)
            runs.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        runs.sort()
        print(String(format: "%-28@ median %8.2f ms", name as NSString, runs[runs.count / 2]))
        var search: [Double] = []
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try overview.searchOrganizations("org 12", limit: 20)
            _ = try overview.completeOrganizationNames("org 12", limit: 20)
            search.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        search.sort()
        print(String(format: "%-28@ median %8.2f ms", "search + completion" as NSString, search[search.count / 2]))
    }
}
