import CosQuery
import CosView

/// `show`, `cards`, `trend`, `summary`, `tickets`, `tree`: the views of the current context, or parts of them.
enum Views {
    /// `show`, or `show --full`: every row of every table, every group of the summaries and the
    /// full-size charts (what the machine formats always carry).
    static func show(_ shell: Shell, _ invocation: Invocation) throws {
        shell.everyRow = invocation.has("full")
        defer { shell.everyRow = false }
        try shell.showCurrent(command: invocation.text)
    }

    static func cards(_ shell: Shell, _ invocation: Invocation) throws {
        guard shell.stack.current.kind == .entity(.organization) else {
            throw ShellError("cards belong to an organization: open one, or cd to it (cd /ORG)")
        }
        try showPart(shell, invocation, tables: ["cards"])
    }

    static func trend(_ shell: Shell, _ invocation: Invocation) throws {
        if shell.stack.current == .root { throw ShellError("trends belong to an organization: open one first") }
        try showPart(shell, invocation, tables: ["invoicing_trend", "usage_trend", "objects_vs_charges", "trend", "usage"])
    }

    static func summary(_ shell: Shell, _ invocation: Invocation) throws {
        let by = invocation.argument("BY")?.lowercased()
        let tables: [String]
        switch by {
        case nil: tables = ["by_category", "by_object_type", "by_object_profile", "products"]
        case "category", "categories": tables = ["by_category", "products"]
        case "type", "types", "object_type": tables = ["by_object_type"]
        case "profile", "profiles", "object_profile": tables = ["by_object_profile"]
        case .some(let other):
            throw ShellError(
                "summary takes category, type or profile, not \"\(other)\"", column: invocation.column(of: "BY"))
        }
        if shell.stack.current == .root { throw ShellError("summaries belong to an organization: open one first") }
        try showPart(shell, invocation, tables: tables)
    }

    /// Shows only the named tables of the current view; an error when it has none of them. A part
    /// asked for is shown whole (every group, full-size charts), not as the one-screen overview.
    static func showPart(_ shell: Shell, _ invocation: Invocation, tables names: [String]) throws {
        var view = try shell.view(of: shell.stack.current)
        view.tables = view.tables.filter { names.contains($0.name) }
        guard !view.tables.isEmpty else {
            throw ShellError("\(invocation.command.spec.name) has nothing to show at \(shell.stack.current.path)")
        }
        shell.everyRow = true
        defer { shell.everyRow = false }
        try shell.show(view, command: invocation.text)
    }

    static func tickets(_ shell: Shell, _ invocation: Invocation) throws {
        guard let scope = shell.stack.current.scope else {
            throw ShellError("tickets belong to a context: open an organization first")
        }
        if invocation.has("invoiced") && invocation.has("uninvoiced") {
            throw ShellError("tickets takes --invoiced or --uninvoiced, not both (neither lists all)")
        }
        let filter: TicketFilter = invocation.has("invoiced") ? .invoiced : invocation.has("uninvoiced") ? .uninvoiced : .any
        // A page only when asked for: --limit or --offset, or a terminal's screenful (the limit
        // setting in a script). The machine formats carry every ticket unless the command pages.
        let page: Int?
        if shell.wantsEveryRow {
            page = nil
        } else if shell.interactive && shell.terminal.isTerminal {
            page = max(10, (shell.terminal.height ?? 24) - 10)
        } else {
            page = shell.settings.limit
        }
        let limit = try number(invocation, flag: "limit", default: page)
        let offset = try number(invocation, flag: "offset", default: 0) ?? 0
        var view = try shell.overview.tickets(
            scope, filter: filter, allTime: invocation.has("all"), offset: offset, limit: limit,
            asOf: shell.settings.asOf, period: shell.settings.period)
        for index in view.tables.indices {
            let next = offset + view.tables[index].rows.count
            view.tables[index].rest = "--limit none shows them all, --offset \(next) the next page"
        }
        view.context = shell.stack.current.contextPath
        try shell.show(view, command: invocation.text)
    }

    static func tree(_ shell: Shell, _ invocation: Invocation) throws {
        guard let organization = shell.stack.current.organization?.key else {
            throw ShellError("tree shows the tree around an organization: open one first")
        }
        var view = try shell.overview.tree(organization, asOf: shell.settings.asOf, period: shell.settings.period)
        view.context = shell.stack.current.contextPath
        try shell.show(view, command: invocation.text)
    }

    /// A whole-number flag (`--limit 20`, `--limit none` for no limit), else `defaultValue`.
    static func number(_ invocation: Invocation, flag: String, default defaultValue: Int?) throws -> Int? {
        guard let text = invocation.value(of: flag) else { return defaultValue }
        if flag == "limit", text.lowercased() == "none" { return nil }
        guard let value = Int(text), value >= 0, value <= 100_000_000 else {
            throw ShellError("--\(flag) takes a whole number of rows, not \"\(text)\"", column: invocation.column(ofFlag: flag))
        }
        return value
    }
}
