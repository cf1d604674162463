import CosCommand
import CosQuery
import CosView

/// `open`, `find`, `cd`, `ls`, `pwd`, `back`: moving around the navigation graph (`NavigationGraph`)
/// and the context stack.
enum Navigation {
    static func open(_ shell: Shell, _ invocation: Invocation) throws {
        let text = invocation.argument("ORG") ?? ""
        let organization = try shell.resolver.organization(text)
        try shell.enter(.organization(organization), command: invocation.text)
    }

    static func find(_ shell: Shell, _ invocation: Invocation) throws {
        let text = invocation.argument("TEXT") ?? ""
        let limit = try Views.number(invocation, flag: "limit", default: shell.wantsEveryRow ? nil : 20)
        let view = try shell.overview.find(text, limit: limit, asOf: shell.settings.asOf, period: shell.settings.period)
        try shell.show(view, command: invocation.text)
    }

    static func changeDirectory(_ shell: Shell, _ invocation: Invocation) throws {
        guard let word = invocation.parsed.words(for: "PATH").first else {
            // `cd` alone: the current organization, as a shell's `cd` goes home.
            try shell.enter(shell.stack.current.home, command: invocation.text)
            return
        }
        let path = try parsePath(word)
        if path.start == .previous && path.segments.isEmpty {
            try back(shell, invocation)
            return
        }
        try shell.enter(try shell.walk(path), command: invocation.text)
    }

    /// `ls [PATH]`: what can be entered from a place. A collection or a place with items lists them
    /// (`Overview.listView`); an organization lists its collections; `/` shows the start view.
    static func list(_ shell: Shell, _ invocation: Invocation) throws {
        var place = shell.stack.current
        if let word = invocation.parsed.words(for: "PATH").first {
            place = try shell.walk(try parsePath(word))
        }
        let children = NavigationGraph.children(of: place)
        if place.kind == .root || children.items != nil {
            try shell.show(try shell.listing(of: place), command: invocation.text)
        } else if !children.collections.isEmpty {
            shell.showList(children.collections.map { $0.rawValue + "/" }, title: nil, command: invocation.text)
        } else {
            shell.say("nothing to list under \(place.path); tickets lists its charge tickets", command: invocation.text)
        }
    }

    static func printPlace(_ shell: Shell, _ invocation: Invocation) throws {
        shell.say(shell.stack.current.path, command: invocation.text)
    }

    static func back(_ shell: Shell, _ invocation: Invocation) throws {
        guard shell.stack.pop() else {
            throw ShellError("there is no previous context to go back to")
        }
        try shell.showCurrent(command: invocation.text)
    }

    static func parsePath(_ word: Word) throws -> NavigationPath {
        do { return try NavigationPath.parse(word) } catch {
            throw ShellError(error.messageWithoutColumn, column: error.column, interactiveMessage: error.description)
        }
    }
}

extension Shell {
    var resolver: PathResolver { PathResolver(directory: overview) }

    /// The place a path leads to from the current one (`-` starts at the previous one).
    func walk(_ path: NavigationPath) throws -> Place {
        try resolver.walk(path, from: stack.current, previous: stack.previous)
    }

    /// Makes `place` current and shows its view. The view is built first, so a place that cannot be
    /// shown leaves the stack as it was. `save` writes the move as `cd` to the place's id path.
    func enter(_ place: Place, command: String) throws {
        let view = try self.view(of: place)
        stack.push(place)
        if let organization = place.organization {
            recentOrganizations.removeAll { $0.key == organization.key }
            recentOrganizations.insert(organization, at: 0)
            if recentOrganizations.count > 10 { recentOrganizations.removeLast() }
        }
        journalText = Shell.journalLine(for: place)
        try show(view, command: command)
    }

    /// `cd /id:ORG-1/categories/id:CAT-2  # /"Acme AB"/categories/Cloud`: a move as `save` writes it,
    /// by ids so the script does not depend on names (the names follow as a comment). Nil when an id
    /// or name cannot stand on one line of a script.
    static func journalLine(for place: Place) -> String? {
        let ids = place.idPath.text
        let names = place.path
        guard !(ids + names).contains(where: { $0.isNewline }) else { return nil }
        return ids == names ? "cd \(ids)" : "cd \(ids)  # \(names)"
    }

    /// Shows the view of the current place.
    func showCurrent(command: String) throws {
        try show(try view(of: stack.current), command: command)
    }

    /// The view of a place, its context the place's path as the shell reached it (`types/T/P/O`
    /// rather than the query's canonical `objects/O`), so the view reads as the prompt does.
    func view(of place: Place) throws -> CosView.View {
        if case .collection = place.kind { return try listing(of: place) }
        var view = try queryView(of: place)
        view.context = place.contextPath
        return view
    }

    /// What `ls` shows at a place: the start view at `/`, else the list of the items entered by name
    /// there (`Overview.listView`), with the collections beside them named in a note.
    func listing(of place: Place) throws -> CosView.View {
        let asOf = settings.asOf, period = settings.period
        let children = NavigationGraph.children(of: place)
        guard let scope = place.scope, let items = children.items else {
            return try overview.start(recent: recentOrganizations.compactMap(\.key), asOf: asOf, period: period)
        }
        var view = try overview.listView(items, in: scope, asOf: asOf, period: period)
        view.context = place.contextPath
        if !children.collections.isEmpty {
            view.notes.append("Also here: " + children.collections.map { $0.rawValue + "/" }.joined(separator: ", "))
        }
        return view
    }

    private func queryView(of place: Place) throws -> CosView.View {
        let asOf = settings.asOf, period = settings.period
        overview.embeddedTicketLimit = embeddedTicketLimit
        guard place.entity != nil, let scope = place.scope else {
            return try overview.start(recent: recentOrganizations.compactMap(\.key), asOf: asOf, period: period)
        }
        switch scope {
        case .organization(let o):
            return try overview.organization(o, asOf: asOf, period: period)
        case .category(let o, let c):
            return try overview.category(organization: o, category: c, asOf: asOf, period: period)
        case .product(let o, let p):
            return try overview.product(organization: o, product: p, asOf: asOf, period: period)
        case .objectType(let o, let t):
            return try overview.objectType(organization: o, objectType: t, asOf: asOf, period: period)
        case .objectProfile(let o, let t, let p):
            return try overview.objectProfile(organization: o, objectType: t, profile: p, asOf: asOf, period: period)
        case .object(let o, let object):
            return try overview.object(organization: o, object: object, asOf: asOf, period: period)
        case .contract(let o, let c):
            return try overview.contract(organization: o, contract: c, asOf: asOf, period: period)
        case .invoice(let o, let i):
            return try overview.invoice(organization: o, invoice: i, asOf: asOf, period: period)
        }
    }
}
