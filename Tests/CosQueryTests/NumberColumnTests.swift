import CosModel
@testable import CosQuery
import CosStore
import CosView
import XCTest

/// Contract and invoice numbers are ids people read (issue 10, point 3): every view that shows one
/// holds it in an id column, which a terminal never cuts (`K-2024-00…` and `K-2024-00…` would read
/// the same). The ticket lists, the records, the lists of `ls`, and the views of `audit` and
/// `trace`, on the sample data.
final class NumberColumnTests: SampleDataTestCase {
    /// The columns that hold a contract's or an invoice's number.
    static let numberColumns: Set<String> = ["contract", "invoice", "invoices"]

    func assertNumbersAreIDs(_ view: View, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for table in view.tables {
            for column in table.columns where Self.numberColumns.contains(column.name) {
                XCTAssertEqual(column.kind, .id, "\(what): \(table.name).\(column.name)", file: file, line: line)
            }
        }
    }

    func testEveryViewHoldsContractAndInvoiceNumbersInIDColumns() throws {
        guard case .found(let match) = try overview.resolveOrganization("id:ORG-0001") else { return XCTFail("no ORG-0001") }
        let org = Scope.organization(match.key)
        assertNumbersAreIDs(try overview.tickets(org, asOf: asOf, period: period), "tickets")
        assertNumbersAreIDs(try overview.audit(org, asOf: asOf, period: period), "audit")
        for kind in AuditKind.allCases {
            assertNumbersAreIDs(try overview.audit(org, kind: kind, asOf: asOf, period: period), "audit \(kind.rawValue)")
        }
        // The planted duplicate's object (README's tour: trace 90000002).
        assertNumbersAreIDs(try overview.trace(ticketID: "90000002", organization: match.key, asOf: asOf, period: period), "trace TICKET")
        let object = try XCTUnwrap(try overview.list(.objects, in: org).compactMap(\.key).first)
        assertNumbersAreIDs(try overview.trace(organization: match.key, object: object, asOf: asOf, period: period), "trace")
        assertNumbersAreIDs(try overview.object(organization: match.key, object: object, asOf: asOf, period: period), "object")
        let contract = try XCTUnwrap(try overview.list(.contracts, in: org).compactMap(\.key).first)
        assertNumbersAreIDs(try overview.contract(organization: match.key, contract: contract, asOf: asOf, period: period), "contract")
        let invoice = try XCTUnwrap(try overview.list(.invoices, in: org).compactMap(\.key).first)
        assertNumbersAreIDs(try overview.invoice(organization: match.key, invoice: invoice, asOf: asOf, period: period), "invoice")
        for collection in [ListCollection.contracts, .invoices] {
            let list = try overview.listView(collection, in: org, asOf: asOf, period: period)
            for table in list.tables {
                XCTAssertEqual(table.columns.first { $0.name == "name" }?.kind, .id, "ls \(collection.rawValue): the number")
            }
        }
    }
}
