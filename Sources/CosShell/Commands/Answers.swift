import CosModel
import CosQuery

/// `compare`, `audit`, `trace`: why a bill changed, what billing left behind, where a charge came from.
enum Answers {
    /// `compare [BASE] [by GROUP]`: BASE is FROM..TO, YYYY-MM, `last N`, `previous` (the default: the
    /// period of equal length before) or `year` (the same months a year earlier).
    static func compare(_ shell: Shell, _ invocation: Invocation) throws {
        guard let scope = shell.stack.current.scope else {
            throw ShellError("compare belongs to a context: open an organization first")
        }
        var words = invocation.parsed.words(for: "BASE")
        var group: CompareGroup?
        if let at = words.firstIndex(where: { $0.text.lowercased() == "by" }) {
            guard at + 1 < words.count else {
                throw ShellError("compare by takes a group: category, type, profile, product or object", column: words[at].column)
            }
            let name = words[at + 1].text.lowercased()
            let singular = name.hasSuffix("ies") ? String(name.dropLast(3)) + "y" : name.hasSuffix("s") ? String(name.dropLast()) : name
            guard let found = CompareGroup(rawValue: singular == "object_type" ? "type" : singular == "object_profile" ? "profile" : singular) else {
                throw ShellError(
                    "compare by takes category, type, profile, product or object, not \"\(words[at + 1].text)\"",
                    column: words[at + 1].column)
            }
            guard at + 2 == words.count else {
                throw ShellError("compare: nothing may follow by \(found.rawValue)", column: words[at + 2].column)
            }
            group = found
            words.removeSubrange(at...)
        }
        let period = shell.settings.period
        var base: Period?
        if let first = words.first {
            let text = words.map(\.text).joined(separator: " ")
            switch text.lowercased() {
            case "previous": base = nil
            case "year", "year-ago":
                guard let from = period.from.adding(months: -12), let to = period.to.adding(months: -12),
                    let yearAgo = Period(from: from, to: to)
                else {
                    throw ShellError("compare year: a year before \(period) is before 0001-01", column: first.column)
                }
                base = yearAgo
            default:
                do { base = try Period.parse(text, asOf: shell.settings.asOf) } catch let error as PeriodError {
                    throw ShellError(
                        "compare: \(error.message) (BASE is FROM..TO, YYYY-MM, last N, previous or year)", column: first.column)
                }
            }
        }
        let view = try explained { try shell.overview.compare(scope, base: base, by: group, asOf: shell.settings.asOf, period: period) }
        try shell.show(view, command: invocation.text)
    }

    /// `audit [KIND]` at an organization or a contract.
    static func audit(_ shell: Shell, _ invocation: Invocation) throws {
        let place = shell.stack.current
        guard let scope = place.scope, case .organization = scope, true else {
            if let scope = place.scope, case .contract = scope {
                return try run(shell, invocation, scope)
            }
            throw ShellError("audit looks at an organization or a contract: cd to one (cd /ORG, or cd contracts/NUMBER)")
        }
        try run(shell, invocation, scope)
    }

    private static func run(_ shell: Shell, _ invocation: Invocation, _ scope: Scope) throws {
        let asOf = shell.settings.asOf, period = shell.settings.period
        guard let text = invocation.argument("KIND") else {
            return try shell.show(try shell.overview.audit(scope, asOf: asOf, period: period), command: invocation.text)
        }
        guard let kind = AuditKind(rawValue: text.lowercased().replacingAll("-", with: "_")) else {
            let names = AuditKind.allCases.map(\.rawValue)
            let hint = suggestion(text, among: names).map { "; did you mean \"\($0)\"?" } ?? ""
            throw ShellError(
                "no audit kind \"\(text)\"\(hint) (kinds: \(names.joined(separator: ", ")))", column: invocation.column(of: "KIND"))
        }
        try shell.show(try shell.overview.audit(scope, kind: kind, asOf: asOf, period: period), command: invocation.text)
    }

    /// `trace` at an object, or `trace TICKET_ID` anywhere in an organization.
    static func trace(_ shell: Shell, _ invocation: Invocation) throws {
        let place = shell.stack.current
        let asOf = shell.settings.asOf, period = shell.settings.period
        if let ticket = invocation.argument("TICKET") {
            guard let organization = place.organization?.key else {
                throw ShellError("trace TICKET_ID looks in an organization: open one first")
            }
            let view = try explained(column: invocation.column(of: "TICKET")) {
                try shell.overview.trace(ticketID: ticket, organization: organization, asOf: asOf, period: period)
            }
            return try shell.show(view, command: invocation.text)
        }
        guard let object = place.entity, object.kind == .object, let key = object.key, let organization = place.organization?.key
        else {
            throw ShellError("trace traces an object (cd objects/NAME first) or a ticket: trace TICKET_ID")
        }
        try shell.show(
            try shell.overview.trace(organization: organization, object: key, asOf: asOf, period: period), command: invocation.text)
    }

    /// A query's "not here" as the command's own message (pointing at `column`), not as a failure.
    static func explained<T>(column: Int? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch QueryError.notApplicable(let message) {
            throw ShellError(message, column: column)
        }
    }

    /// The kinds `audit KIND` takes (for the command table's completion).
    static let auditKinds = AuditKind.allCases.map(\.rawValue)

    static func suggestion(_ word: String, among names: [String]) -> String? {
        ProgramOptions.closest(word, among: names)
    }
}
