import CosModel
import CosView
import Foundation
import XCTest
@testable import CosRender

/// `--format json` against the README's "Machine-readable output": one object on one line, the
/// documented columns, exact decimal strings that parse back to the view's values.
final class JSONOutputTests: XCTestCase {
    func json(_ view: View, command: String = "show") throws -> [String: Any] {
        let text = try Renderer.render(view, options: RenderOptions(format: .json, command: command))
        XCTAssertTrue(text.hasSuffix("\n"))
        XCTAssertEqual(text.filter { $0 == "\n" }.count, 1, "one line per command")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any])
    }

    func rows(_ object: [String: Any], _ table: String) throws -> [[String: Any]] {
        let tables = try XCTUnwrap(object["tables"] as? [String: Any])
        return try XCTUnwrap(tables[table] as? [[String: Any]], "table \(table)")
    }

    /// The columns documented for each view.
    static let documented: [String: [String: [String]]] = [
        "organization": [
            "cards": ["card", "currency", "amount", "count", "previous_amount", "change_percent"],
            "invoicing_trend": ["month", "currency", "amount"],
            "usage_trend": ["month", "events", "quantity"],
            "objects_vs_charges": ["month", "objects", "currency", "charges"],
            "by_category": ["category_id", "category", "currency", "amount", "tickets", "objects"],
            "by_object_type": ["object_type_id", "object_type", "currency", "amount", "tickets", "objects"],
            "by_object_profile": [
                "object_profile_id", "object_profile", "object_type_id", "currency", "amount", "tickets", "objects",
            ],
        ],
        "category": [
            "trend": ["month", "currency", "quantity", "amount"],
            "products": ["product_id", "product", "unit", "currency", "quantity", "amount", "tickets"],
        ],
        "object_type": [
            "trend": ["month", "currency", "quantity", "amount"],
            "products": ["product_id", "product", "unit", "currency", "quantity", "amount", "tickets"],
            "by_object_profile": [
                "object_profile_id", "object_profile", "object_type_id", "currency", "amount", "tickets", "objects",
            ],
        ],
        "object_profile": [
            "trend": ["month", "currency", "quantity", "amount"],
            "products": ["product_id", "product", "unit", "currency", "quantity", "amount", "tickets"],
            "objects": ["object_id", "object", "active_from", "active_to", "currency", "amount", "tickets"],
        ],
        "tickets": [
            "tickets": [
                "id", "contract", "object", "product", "period_start", "period_end", "quantity", "unit_price", "amount",
                "currency", "invoice",
            ]
        ],
        "find": ["organizations": ["id", "name", "number"]],
    ]

    func testEnvelope() throws {
        let object = try json(Fixtures.organization(), command: "open \"Acme AB\"")
        XCTAssertEqual(Set(object.keys), ["command", "context", "as_of", "period", "tables"])
        XCTAssertEqual(object["command"] as? String, "open \"Acme AB\"")
        XCTAssertEqual(object["context"] as? String, #"/"Acme AB""#)
        XCTAssertEqual(object["as_of"] as? String, "2026-06-30")
        let period = try XCTUnwrap(object["period"] as? [String: Any])
        XCTAssertEqual(period["from"] as? String, "2025-07")
        XCTAssertEqual(period["to"] as? String, "2026-06")
    }

    func testDocumentedColumnsInOrder() throws {
        for (name, view) in Fixtures.all() {
            guard let tables = Self.documented[name] else { continue }
            let text = try Renderer.render(view, options: RenderOptions(format: .json))
            let object = try json(view)
            for (table, columns) in tables {
                let parsed = try rows(object, table)
                XCTAssertFalse(parsed.isEmpty, "\(name).\(table) has rows")
                for row in parsed { XCTAssertEqual(Set(row.keys), Set(columns), "\(name).\(table)") }
                // Keys keep the documented order in the text itself.
                let keys = columns.map { "\"\($0)\":" }.joined(separator: ".*")
                XCTAssertNotNil(text.range(of: keys, options: .regularExpression), "\(name).\(table) column order")
            }
        }
    }

    func testTypesAndExactDecimals() throws {
        for (name, view) in Fixtures.all() {
            let object = try json(view)
            for table in view.tables {
                let parsed = try rows(object, table.name)
                XCTAssertEqual(parsed.count, table.rows.count, "\(name).\(table.name): every row, no limit")
                for (row, cells) in zip(parsed, table.rows) {
                    var hasMoney = false
                    for (index, column) in table.columns.enumerated() {
                        let value = row[column.name]
                        switch cells[index] {
                        case .null:
                            XCTAssertTrue(value is NSNull, "\(name).\(table.name).\(column.name) null")
                        case .decimal(let decimal):
                            let text = try XCTUnwrap(value as? String, "\(name).\(table.name).\(column.name) is a string")
                            XCTAssertEqual(try ExactDecimal(parsing: text), decimal, "\(name).\(table.name).\(column.name)")
                            if case .money = column.kind { hasMoney = true }
                        case .int(let number):
                            if case .count = column.kind {
                                XCTAssertEqual((value as? NSNumber)?.intValue, number)
                                XCTAssertFalse(value is String)
                            } else {
                                XCTAssertEqual(value as? String, String(number))
                            }
                        case .month(let month):
                            XCTAssertEqual(value as? String, month.description)
                        case .date(let date):
                            XCTAssertEqual(value as? String, date.description)
                        case .text(let text):
                            XCTAssertEqual(value as? String, text)
                        }
                    }
                    if hasMoney { XCTAssertNotNil(row["currency"] as? String, "\(name).\(table.name): money has a currency") }
                }
            }
        }
    }

    func testFiguresByHand() throws {
        let object = try json(Fixtures.organization())
        let cards = try rows(object, "cards")
        XCTAssertEqual(cards[0]["amount"] as? String, "1282566.8")
        XCTAssertEqual(cards[1]["amount"] as? String, "17628000")
        XCTAssertEqual(cards[2]["amount"] as? String, "-4250.5")
        XCTAssertEqual((cards[2]["count"] as? NSNumber)?.intValue, 3)
        XCTAssertTrue(cards[4]["currency"] is NSNull)
        XCTAssertEqual((cards[4]["count"] as? NSNumber)?.intValue, 42)
        let profiles = try rows(object, "by_object_profile")
        // The (no profile) group has a null id and keeps its object type id.
        XCTAssertTrue(profiles[2]["object_profile_id"] is NSNull)
        XCTAssertEqual(profiles[2]["object_type_id"] as? String, "ot-2")
        let usage = try rows(object, "usage_trend")
        XCTAssertEqual(usage.count, 12)
        XCTAssertEqual(usage[4]["quantity"] as? String, "36200")
        XCTAssertEqual(usage[6]["quantity"] as? String, "37500.125")
        let tickets = try rows(try json(Fixtures.tickets()), "tickets")
        // 721 × 0.0425 = 30.6425... worked by hand for ticket 1: 723 × 0.0425 = 30.7275.
        XCTAssertEqual(tickets[1]["amount"] as? String, "30.7275")
        XCTAssertEqual(tickets[1]["unit_price"] as? String, "0.0425")
        XCTAssertTrue(tickets[4]["object"] is NSNull)
    }

    func testStringEscaping() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} Åkesson 東京"
        let view = View(
            kind: "find", title: "x", context: ContextPath([text]), asOf: Fixtures.asOf, period: Fixtures.period,
            tables: [ViewTable(name: "t", title: "T", columns: [ViewColumn("name", "Name", .text)], rows: [[.text(text)]])])
        let rendered = try Renderer.render(view, options: RenderOptions(format: .json, command: text))
        XCTAssertFalse(rendered.dropLast().contains("\n"))
        let object = try json(view, command: text)
        XCTAssertEqual(object["command"] as? String, text)
        // The context is the path written by the one path writer: the name quoted, `"` and `\` escaped.
        XCTAssertEqual(object["context"] as? String, "/\"quote \\\" backslash \\\\ newline \n tab \t bell \u{07} Åkesson 東京\"")
        XCTAssertEqual(try rows(object, "t")[0]["name"] as? String, text)
    }

    func testIdsAreStringsAndCountsNumbers() throws {
        let view = View(
            kind: "list", title: "x", context: .root, asOf: Fixtures.asOf, period: Fixtures.period,
            tables: [
                ViewTable(
                    name: "t", title: "T",
                    columns: [ViewColumn("id", "Id", .id), ViewColumn("n", "N", .count), ViewColumn("q", "Q", .quantity)],
                    rows: [[.int(1234), .decimal(Fixtures.d("7")), .int(5)]])
            ])
        let text = try Renderer.render(view, options: RenderOptions(format: .json))
        XCTAssertTrue(text.contains("{\"id\":\"1234\",\"n\":7,\"q\":\"5\"}"), text)
    }

    func testMessagesAndErrorsAreJSONLines() throws {
        let options = RenderOptions(format: .json, command: "period last 3")
        for line in [
            Renderer.renderMessage("period set to 2026-04..2026-06", options: options),
            Renderer.renderError("no such \"thing\"", options: options),
            Renderer.renderList(["a", "b\"c"], options: options),
        ] {
            XCTAssertEqual(line.filter { $0 == "\n" }.count, 1)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(object["command"] as? String, "period last 3")
        }
    }
}
