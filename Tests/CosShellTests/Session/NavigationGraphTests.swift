import CosCommand
import CosModel
import CosQuery
import XCTest

@testable import CosShell

/// A small fixed directory for the navigation graph: two organizations (one with a child), their
/// categories, products, types (with the `(no object)` group), profiles (with `(no profile)`),
/// objects, a contract and its invoice. It answers only by name lookup and prefix completion, as the
/// store's index does: the graph cannot list a whole collection through it.
final class FixedDirectory: NameDirectory {
    struct Organization {
        var key: Key, id: String, name: String, number: String?
    }

    let organizations = [
        Organization(key: 1, id: "ORG-1", name: "Acme AB", number: "1001"),
        Organization(key: 2, id: "ORG-2", name: "Acme Corp", number: "1002"),
        Organization(key: 3, id: "ORG-3", name: "Beta/Gamma Ltd", number: nil),
    ]
    /// Per (collection, scope): the items.
    var items: [String: [ListItem]] = [:]
    /// Every prefix completion asked for, for checks on how names are looked up.
    private(set) var completions: [(prefix: String, collection: ListCollection, limit: Int)] = []

    init() {
        let org = Scope.organization(1)
        set(.categories, org, [item(10, "CAT-1", "Cloud Services"), item(11, "CAT-2", "Network")])
        set(.products, org, [item(20, "P-1", "Storage"), item(21, "P-2", "VM/Large"), item(22, "P-3", "Fibre")])
        set(.products, .category(organization: 1, category: 10), [item(20, "P-1", "Storage"), item(21, "P-2", "VM/Large")])
        set(.products, .category(organization: 1, category: 11), [item(22, "P-3", "Fibre")])
        set(.products, .objectType(organization: 1, objectType: 30), [item(20, "P-1", "Storage")])
        set(.products, .objectType(organization: 1, objectType: nil), [item(22, "P-3", "Fibre")])
        set(.types, org, [item(31, "T-2", "Router"), item(30, "T-1", "Virtual server"), ListItem(key: nil, id: nil, name: "(no object)")])
        let profiles = [
            ListItem(key: 40, id: "PR-1", name: "Large", parentKey: 30), ListItem(key: 41, id: "PR-2", name: "Small", parentKey: 30),
            ListItem(key: nil, id: nil, name: "(no profile)", parentKey: 30), ListItem(key: nil, id: nil, name: "(no profile)", parentKey: 31),
        ]
        set(.profiles, org, profiles)
        set(.profiles, .objectType(organization: 1, objectType: 30), profiles.filter { $0.parentKey == 30 })
        set(.profiles, .objectType(organization: 1, objectType: 31), profiles.filter { $0.parentKey == 31 })
        let objects = [item(50, "O-1", "vm-001"), item(51, "O-2", "vm/002"), item(52, "O-3", "rtr-1")]
        set(.objects, org, objects)
        set(.objects, .objectType(organization: 1, objectType: 30), Array(objects.prefix(2)))
        set(.objects, .objectProfile(organization: 1, objectType: 30, profile: 40), Array(objects.prefix(2)))
        set(.objects, .objectProfile(organization: 1, objectType: 31, profile: nil), [objects[2]])
        set(.objects, .product(organization: 1, product: 20), [objects[0]])
        set(.contracts, org, [item(60, "K-1", "C-1001")])
        set(.invoices, org, [item(70, "I-1", "INV-1"), item(71, "I-2", "INV-2")])
        set(.invoices, .contract(organization: 1, contract: 60), [item(70, "I-1", "INV-1")])
        set(.organizations, org, [item(3, "ORG-3", "Beta/Gamma Ltd")])
    }

    private func item(_ key: Key, _ id: String, _ name: String) -> ListItem { ListItem(key: key, id: id, name: name) }
    private func set(_ collection: ListCollection, _ scope: Scope, _ list: [ListItem]) { items["\(collection)|\(scope)"] = list }
    private func list(_ collection: ListCollection, _ scope: Scope) -> [ListItem] { items["\(collection)|\(scope)"] ?? [] }

    func resolveName(_ text: String, in collection: ListCollection, of scope: Scope) throws -> Resolution<ListItem> {
        NameResolver.resolve(text, among: list(collection, scope))
    }

    func completeName(_ prefix: String, in collection: ListCollection, of scope: Scope, limit: Int) throws
        -> (items: [ListItem], total: Int)
    {
        completions.append((prefix, collection, limit))
        let matches = list(collection, scope).filter { TextFolding.fold($0.name).hasPrefix(TextFolding.fold(prefix)) }
        return (Array(matches.prefix(limit)), matches.count)
    }

    func resolveOrganizationName(_ text: String) throws -> Resolution<OrganizationCandidate> {
        let candidates = organizations.map { OrganizationCandidate(key: $0.key, id: $0.id, name: $0.name, number: $0.number) }
        if text.hasPrefix("id:") {
            let found = candidates.filter { "id:" + $0.id == text }
            return found.count == 1 ? .found(found[0]) : .notFound
        }
        let wanted = TextFolding.fold(text)
        let exact = candidates.filter { TextFolding.fold($0.name) == wanted }
        if exact.count == 1 { return .found(exact[0]) }
        let prefixed = candidates.filter { TextFolding.fold($0.name).hasPrefix(wanted) }
        switch prefixed.count {
        case 0: return .notFound
        case 1: return .found(prefixed[0])
        default: return .ambiguous(prefixed)
        }
    }

    func searchOrganizationNames(_ text: String, limit: Int) throws -> (names: [String], total: Int) {
        let names = organizations.map(\.name).filter { TextFolding.fold($0).hasPrefix(TextFolding.fold(text)) }
        return (Array(names.prefix(limit)), names.count)
    }
}

final class NavigationGraphTests: XCTestCase {
    let directory = FixedDirectory()
    var resolver: PathResolver { PathResolver(directory: directory) }

    func path(_ text: String) throws -> NavigationPath { try NavigationPath.parse(text) }

    func walk(_ text: String, from place: Place = .root, previous: Place? = nil) throws -> Place {
        try resolver.walk(try path(text), from: place, previous: previous)
    }

    func message(_ text: String, from place: Place = .root) -> String {
        do {
            _ = try walk(text, from: place)
            return "no error"
        } catch {
            return (error as? ShellError)?.message ?? "\(error)"
        }
    }

    /// The names Tab offers for the last segment of `text` (`cd ../../contracts/` offers the contracts).
    func offered(_ text: String, from place: Place) throws -> [String] {
        var head = text
        var typed = ""
        if let slash = text.lastIndex(of: "/") {
            typed = String(text[text.index(after: slash)...])
            head = String(text[...slash])
        } else {
            typed = text
            head = "."
        }
        let answer = resolver.children(of: try path(head), matching: typed, from: place, previous: nil, limit: 50)
        return answer.children.map { $0.name + ($0.hasChildren ? "/" : "") }
    }

    // MARK: - The table

    func testTheTable() {
        let organization = Place.organization(Entity(.organization, key: 1, id: "ORG-1", name: "Acme AB"))
        XCTAssertEqual(
            NavigationGraph.children(of: organization).collections,
            [.categories, .products, .types, .profiles, .objects, .contracts, .invoices, .organizations])
        XCTAssertNil(NavigationGraph.children(of: organization).items, "an organization's children are its collections")
        XCTAssertEqual(NavigationGraph.children(of: .root).items, .organizations)
        XCTAssertEqual(NavigationGraph.children(of: organization.appending(.collection(.contracts))).items, .contracts)
        let type = organization.appending(.entity(Entity(.objectType, key: 30, id: "T-1", name: "Virtual server")))
        XCTAssertEqual(NavigationGraph.children(of: type), .init(collections: [.products, .objects], items: .profiles))
        let noObject = organization.appending(.entity(Entity(.objectType, key: nil, id: nil, name: "(no object)")))
        XCTAssertEqual(NavigationGraph.children(of: noObject), .init(collections: [.products], items: nil))
        // Every collection's items are of a kind the table knows, and every kind is in the table.
        for collection in ListCollection.allCases {
            XCTAssertNotNil(NavigationGraph.collections[collection], "\(collection)")
        }
        XCTAssertEqual(Set(NavigationGraph.things.keys), Set(EntityKind.allCases))
        XCTAssertTrue(NavigationGraph.itemsHaveChildren(.categories))
        XCTAssertFalse(NavigationGraph.itemsHaveChildren(.invoices))
        XCTAssertEqual(NavigationGraph.collection(named: "Contract", among: [.contracts]), .contracts)
        XCTAssertEqual(NavigationGraph.anyCollection(named: "children"), .organizations)
    }

    // MARK: - Walking

    func testCollectionsArePlaces() throws {
        let categories = try walk(#"/"Acme AB"/categories"#)
        XCTAssertEqual(categories.kind, .collection(.categories))
        XCTAssertEqual(categories.path, #"/"Acme AB"/categories"#)
        XCTAssertEqual(categories.scope, .organization(1), "a collection has its owner's scope")
        let cloud = try walk("clo", from: categories)
        XCTAssertEqual(cloud.entity?.name, "Cloud Services")
        XCTAssertEqual(cloud.scope, .category(organization: 1, category: 10))
        XCTAssertEqual(try walk("..", from: cloud), categories, "up from a category is its collection, as in a file system")
        XCTAssertEqual(try walk("../..", from: cloud).kind, .entity(.organization))
    }

    func testEverythingListedCanBeEntered() throws {
        let acme = try walk("/id:ORG-1")
        // A product's objects, a contract's invoices, a type's products and objects, all products and profiles.
        XCTAssertEqual(try walk("categories/Cloud/Storage/vm-001", from: acme).scope, .object(organization: 1, object: 50))
        XCTAssertEqual(try walk("contracts/C-1001/INV-1", from: acme).scope, .invoice(organization: 1, invoice: 70))
        XCTAssertEqual(try walk("types/virt/products/Storage", from: acme).scope, .product(organization: 1, product: 20))
        XCTAssertEqual(try walk("types/virt/objects/vm-001", from: acme).scope, .object(organization: 1, object: 50))
        XCTAssertEqual(try walk("products/fibre", from: acme).scope, .product(organization: 1, product: 22))
        XCTAssertEqual(try walk("profiles/small", from: acme).scope, .objectProfile(organization: 1, objectType: 30, profile: 41))
        XCTAssertEqual(try walk("types/virt/large/vm-001", from: acme).path, #"/"Acme AB"/types/"Virtual server"/Large/vm-001"#)
        // The word of a place's own items names the place: `ls invoices` at a contract.
        let contract = try walk("contracts/C-1001", from: acme)
        XCTAssertEqual(try walk("invoices", from: contract), contract)
        XCTAssertEqual(try walk("invoices/INV-1", from: contract).scope, .invoice(organization: 1, invoice: 70))
        XCTAssertEqual(try walk("categories/cloud/products/storage", from: acme).scope, .product(organization: 1, product: 20))
        // The groups without an object or a profile.
        let noObject = try walk(#"types/"(no object)""#, from: acme)
        XCTAssertEqual(noObject.scope, .objectType(organization: 1, objectType: nil))
        XCTAssertEqual(try walk("products/fibre", from: noObject).scope, .product(organization: 1, product: 22))
        let noProfile = try walk(#"types/Router/"(no profile)""#, from: acme)
        XCTAssertEqual(noProfile.scope, .objectProfile(organization: 1, objectType: 31, profile: nil))
        XCTAssertEqual(try walk("rtr", from: noProfile).scope, .object(organization: 1, object: 52))
        // A child organization: its own figures, under its parent's path.
        let child = try walk("organizations/beta", from: acme)
        XCTAssertEqual(child.scope, .organization(3))
        XCTAssertEqual(child.path, #"/"Acme AB"/organizations/"Beta/Gamma Ltd""#)
        XCTAssertEqual(child.home, child)
        XCTAssertEqual(try walk("categories/cloud", from: acme).home, acme)
    }

    func testIdsNamesWithSlashesAndThePreviousPlace() throws {
        let product = try walk(#"/id:ORG-1/categories/id:CAT-1/"VM/Large""#)
        XCTAssertEqual(product.scope, .product(organization: 1, product: 21))
        XCTAssertEqual(product.path, #"/"Acme AB"/categories/"Cloud Services"/"VM/Large""#)
        XCTAssertEqual(product.idPath.text, "/id:ORG-1/categories/id:CAT-1/id:P-2")
        XCTAssertEqual(try walk(product.path), product, "a written path reads back as the same place")
        XCTAssertEqual(try walk(product.idPath.text), product)
        let previous = try walk("/id:ORG-1/contracts")
        XCTAssertEqual(try walk("-/C-1001", from: product, previous: previous).scope, .contract(organization: 1, contract: 60))
        XCTAssertEqual(try walk(#"/"Acme AB"/types/Router/"(no profile)""#).idPath.text, #"/id:ORG-1/types/id:T-2/"(no profile)""#)
    }

    func testMistakesChangeNothingAndSayWhatWasMeant() throws {
        let acme = try walk("/id:ORG-1")
        let cloud = try walk("categories/cloud", from: acme)
        XCTAssertEqual(message("categories/netwrk", from: acme), #"no category "netwrk" here; did you mean "Network"?"#)
        XCTAssertEqual(message("widgets", from: acme), #""widgets" is not a part of /"Acme AB"; use categories, products, types, profiles, objects, contracts, invoices or organizations"#)
        XCTAssertEqual(message("contrcts", from: acme), #""contrcts" is not a part of /"Acme AB"; use categories, products, types, profiles, objects, contracts, invoices or organizations; did you mean "contracts"?"#)
        XCTAssertEqual(message("contracts", from: cloud), #"no product "contracts" here; contracts are under /"Acme AB": ../../contracts"#)
        // The hint is a path from where the command was typed, not from the step that failed.
        XCTAssertEqual(message("../contracts", from: cloud), #"no category "contracts" here; contracts are under /"Acme AB": ../../contracts"#)
        let product = try walk("products/id:P-1", from: cloud)
        XCTAssertEqual(message("../../contracts", from: product), #"no category "contracts" here; contracts are under /"Acme AB": ../../../contracts"#)
        XCTAssertEqual(message("/id:ORG-1/categories/cloud/contracts", from: .root), #"no product "contracts" here; contracts are under /"Acme AB": /"Acme AB"/contracts"#)
        XCTAssertEqual(message("Acme"), "several organizations match \"Acme\":\n  Acme AB (1001) id:ORG-1\n  Acme Corp (1002) id:ORG-2")
        XCTAssertEqual(message("/id:ORG-1/invoices/INV"), "several invoices match \"INV\":\n  INV-1 id:I-1\n  INV-2 id:I-2")
        XCTAssertEqual(message("/id:ORG-1/objects/vm-001/x"), #"there is nothing under /"Acme AB"/objects/vm-001 to enter ("x")"#)
        XCTAssertEqual(message("/id:ORG-1/categories/id:NOPE"), #"no category "id:NOPE" here"#)
        XCTAssertEqual(message("-"), "there is no previous context to go back to")
    }

    func testASuggestionNeverListsALargeCollection() throws {
        var many: [ListItem] = []
        for index in 0..<2_000 { many.append(ListItem(key: Key(1_000 + index), id: "X-\(index)", name: "object \(index)")) }
        many.append(ListItem(key: 9, id: "Z", name: "zebra"))
        directory.items["objects|\(Scope.organization(1))"] = many
        XCTAssertEqual(message("/id:ORG-1/objects/zebar"), #"no object "zebar" here; did you mean "zebra"?"#)
        let asked = directory.completions.filter { $0.collection == .objects }
        XCTAssertEqual(asked.map(\.prefix), ["", "z"], "one bounded look at the start, then the names that start like the typo")
        XCTAssertTrue(asked.allSatisfy { $0.limit <= PathResolver.suggestionPool * 4 })
    }

    // MARK: - Completion

    func testCompletionFollowsTheSameGraph() throws {
        let cloud = try walk("/id:ORG-1/categories/cloud")
        XCTAssertEqual(try offered("../../con", from: cloud), ["contracts/"])
        XCTAssertEqual(try offered("../../contracts/", from: cloud), ["C-1001/"])
        XCTAssertEqual(try offered("../../contracts/C-1001/", from: cloud), ["INV-1"])
        XCTAssertEqual(try offered("", from: cloud), ["Storage/", "VM/Large/"], "a product holds the objects it charged")
        XCTAssertEqual(try offered("Storage/", from: cloud), ["vm-001"], "an object holds nothing")
        XCTAssertEqual(try offered("../", from: cloud), ["Cloud Services/", "Network/"])
        XCTAssertEqual(try offered("/", from: cloud), ["Acme AB/", "Acme Corp/", "Beta/Gamma Ltd/"])
        XCTAssertEqual(try offered(#"/"acme ab"/"#, from: cloud), [
            "categories/", "products/", "types/", "profiles/", "objects/", "contracts/", "invoices/", "organizations/",
        ])
        let type = try walk("/id:ORG-1/types/virt")
        XCTAssertEqual(try offered("", from: type), ["products/", "objects/", "Large/", "Small/", "(no profile)/"])
        XCTAssertEqual(try offered("../", from: type), ["Router/", "Virtual server/", "(no object)/"])
        XCTAssertEqual(try offered(#"../"(no object)"/"#, from: type), ["products/"])
        XCTAssertEqual(try offered("../../categories/work", from: type), ["Network/"], "no prefix: names that contain it")
        XCTAssertEqual(try offered("nowhere/", from: type), [])
        XCTAssertEqual(try offered("-/", from: type), [], "no previous place")
    }
}

final class PlaceTests: XCTestCase {
    let org = Entity(.organization, key: 1, id: "ORG-1", name: "Acme AB")
    let type = Entity(.objectType, key: 2, id: "T/2", name: "Virtual server")
    let profile = Entity(.objectProfile, key: 3, id: "P3", name: "Large", typeKey: 2)

    func testPathsParentsAndScopes() {
        let place = Place.organization(org).appending(.collection(.types)).appending(.entity(type)).appending(.entity(profile))
        XCTAssertEqual(place.path, #"/"Acme AB"/types/"Virtual server"/Large"#)
        XCTAssertEqual(place.idPath.text, #"/id:ORG-1/types/id:"T/2"/id:P3"#)
        XCTAssertEqual(place.scope, .objectProfile(organization: 1, objectType: 2, profile: 3))
        XCTAssertEqual(place.parent.parent, Place.organization(org).appending(.collection(.types)))
        XCTAssertEqual(place.parent.parent.parent, .organization(org))
        XCTAssertEqual(Place.root.parent, .root)
        XCTAssertEqual(place.home, .organization(org))
        XCTAssertEqual(Place.root.home, .root)
        let noProfile = Place.organization(org).appending(.collection(.types)).appending(.entity(type))
            .appending(.entity(Entity(.objectProfile, key: nil, id: nil, name: "(no profile)")))
        XCTAssertEqual(noProfile.path, #"/"Acme AB"/types/"Virtual server"/"(no profile)""#)
        XCTAssertEqual(noProfile.scope, .objectProfile(organization: 1, objectType: 2, profile: nil), "the type comes from the path")
        let slash = Place.organization(org).appending(.collection(.categories)).appending(.entity(Entity(.category, key: 4, id: "c", name: "A/B")))
        XCTAssertEqual(slash.path, #"/"Acme AB"/categories/"A/B""#)
    }

    func testSaveWritesMovesByIdWithTheNamesBeside() {
        let place = Place.organization(org).appending(.collection(.types)).appending(.entity(type))
        XCTAssertEqual(Shell.journalLine(for: place), #"cd /id:ORG-1/types/id:"T/2"  # /"Acme AB"/types/"Virtual server""#)
        XCTAssertEqual(Shell.journalLine(for: .root), "cd /")
        let odd = Place.organization(Entity(.organization, key: 1, id: "ORG-1", name: "two\nlines"))
        XCTAssertNil(Shell.journalLine(for: odd), "a name that cannot stand on one line of a script is not written as a move")
    }

    func testTheStackPopsBackToWhereItWas() {
        var stack = ContextStack()
        XCTAssertFalse(stack.pop(), "the start cannot be popped")
        XCTAssertNil(stack.previous)
        stack.push(.organization(org))
        stack.push(.organization(org))
        stack.push(Place.organization(org).appending(.collection(.types)))
        XCTAssertEqual(stack.places.count, 3, "pushing the current place again is not a new step")
        XCTAssertEqual(stack.previous, .organization(org))
        XCTAssertTrue(stack.pop())
        XCTAssertEqual(stack.current, .organization(org))
    }
}
