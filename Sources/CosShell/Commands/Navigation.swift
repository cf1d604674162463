import CosCommand
import CosQuery
import CosView

/// `open`, `find`, `cd`, `ls`, `pwd`, `back`: moving around the context stack.
enum Navigation {
    static func open(_ shell: Shell, _ invocation: Invocation) throws {
        let text = invocation.argument("ORG") ?? ""
        let organization = try PathResolver(overview: shell.overview).organization(text)
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
            let home = shell.stack.current.organization.map { Place.organization($0) } ?? .root
            try shell.enter(home, command: invocation.text)
            return
        }
        let path: NavigationPath
        do { path = try NavigationPath.parse(word) } catch {
            throw ShellError(error.messageWithoutColumn, column: error.column, interactiveMessage: error.description)
        }
        if path.start == .previous {
            try back(shell, invocation)
            return
        }
        let place = try shell.resolver.place(path, from: shell.stack.current, previous: nil)
        try shell.enter(place, command: invocation.text)
    }

    static func list(_ shell: Shell, _ invocation: Invocation) throws {
        let current = shell.stack.current
        var place = current
        var collection: ListCollection?
        if let word = invocation.parsed.words(for: "WHAT").first {
            let path: NavigationPath
            do { path = try NavigationPath.parse(word) } catch {
                throw ShellError(error.messageWithoutColumn, column: error.column, interactiveMessage: error.description)
            }
            if path.start == .current, path.segments.count == 1, case .name(let name) = path.segments[0],
                let named = PathResolver.collection(named: name), current.organization != nil
            {
                // `ls contracts` anywhere under an organization lists its contracts, or, in a narrower
                // context, those of the context (a type's profiles, a category's products).
                collection = named
            } else {
                switch try shell.resolver.walk(path, from: current, previous: nil) {
                case .place(let found): place = found
                case .collection(let organization, let found):
                    place = .organization(organization)
                    collection = found
                }
            }
        }
        let asOf = shell.settings.asOf, period = shell.settings.period
        guard let scope = place.scope else {
            // At `/`: the start view lists recent and top organizations.
            let view = try shell.overview.start(recent: shell.recentOrganizations.map(\.key), asOf: asOf, period: period)
            try shell.show(view, command: invocation.text)
            return
        }
        if let collection {
            // The list is narrowed by the place: a type's profiles, a category's products.
            try shell.show(try shell.overview.listView(collection, in: scope, asOf: asOf, period: period), command: invocation.text)
            return
        }
        switch place {
        case .organization:
            let names = ["categories", "types", "objects", "contracts", "invoices"]
            shell.showList(names.map { $0 + "/" }, title: nil, command: invocation.text)
        case .category:
            try shell.show(try shell.overview.listView(.products, in: scope, asOf: asOf, period: period), command: invocation.text)
        case .objectType:
            try shell.show(try shell.overview.listView(.profiles, in: scope, asOf: asOf, period: period), command: invocation.text)
        case .objectProfile, .product:
            try shell.show(try shell.overview.listView(.objects, in: scope, asOf: asOf, period: period), command: invocation.text)
        case .contract:
            try shell.show(try shell.overview.listView(.invoices, in: scope, asOf: asOf, period: period), command: invocation.text)
        case .object, .invoice, .root:
            shell.say("nothing to list under \(place.path); tickets lists its charge tickets", command: invocation.text)
        }
    }

    static func printPlace(_ shell: Shell, _ invocation: Invocation) throws {
        let place = shell.stack.current
        shell.say(place.path, command: invocation.text)
    }

    static func back(_ shell: Shell, _ invocation: Invocation) throws {
        guard shell.stack.pop() else {
            throw ShellError("there is no previous context to go back to")
        }
        try shell.showCurrent(command: invocation.text)
    }
}

extension Shell {
    var resolver: PathResolver { PathResolver(overview: overview) }

    /// Makes `place` current and shows its view. The view is built first, so a place that cannot be
    /// shown leaves the stack as it was.
    func enter(_ place: Place, command: String) throws {
        let view = try self.view(of: place)
        stack.push(place)
        if let organization = place.organization {
            recentOrganizations.removeAll { $0.key == organization.key }
            recentOrganizations.insert(organization, at: 0)
            if recentOrganizations.count > 10 { recentOrganizations.removeLast() }
        }
        try show(view, command: command)
    }

    /// Shows the view of the current place.
    func showCurrent(command: String) throws {
        try show(try view(of: stack.current), command: command)
    }

    /// The view of a place.
    func view(of place: Place) throws -> CosView.View {
        let asOf = settings.asOf, period = settings.period
        overview.embeddedTicketLimit = embeddedTicketLimit
        switch place {
        case .root:
            return try overview.start(recent: recentOrganizations.map(\.key), asOf: asOf, period: period)
        case .organization(let o):
            return try overview.organization(o.key, asOf: asOf, period: period)
        case .category(let o, let c):
            return try overview.category(organization: o.key, category: c.key, asOf: asOf, period: period)
        case .product(let o, _, let p):
            return try overview.product(organization: o.key, product: p.key, asOf: asOf, period: period)
        case .objectType(let o, let t):
            return try overview.objectType(organization: o.key, objectType: t.key, asOf: asOf, period: period)
        case .objectProfile(let o, let t, let p):
            return try overview.objectProfile(organization: o.key, objectType: t.key, profile: p?.key, asOf: asOf, period: period)
        case .object(let o, _, let object):
            return try overview.object(organization: o.key, object: object.key, asOf: asOf, period: period)
        case .contract(let o, let c):
            return try overview.contract(organization: o.key, contract: c.key, asOf: asOf, period: period)
        case .invoice(let o, let i):
            return try overview.invoice(organization: o.key, invoice: i.key, asOf: asOf, period: period)
        }
    }
}
