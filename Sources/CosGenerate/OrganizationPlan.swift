#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One organization as planned before any of its rows are drawn: its name, place in the organization
/// tree, currencies and size.
struct OrganizationPlan {
    /// Where the organization is registered; it decides the company-form suffix and the main currency.
    enum Country {
        case sweden, norway, denmark, finland, germany, italy, spain, japan, britain
    }

    let index: Int
    var id: String { "ORG-" + OrganizationPlan.padded(index + 1, width: 4) }
    var name: String
    /// The name without the company form (`Åkesson & Söner`), used to name subsidiaries.
    var stem: String
    var country: Country
    var number: String?
    var parent: Int?
    /// Currencies of the organization's contracts; the first is the main one.
    var currencies: [BillingCurrency]
    var objectCount: Int
    /// Its invoices wait in draft for two months instead of one.
    var lateApproval: Bool

    static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    // MARK: Planning all organizations

    /// The organizations of a run, in file order. Every choice comes from `seed`.
    static func plan(count: Int, scale: Double, seed: UInt64) -> [OrganizationPlan] {
        var random = RandomSource(seed: seed, stream: 0xC0FFEE)
        var plans: [OrganizationPlan] = []
        plans.reserveCapacity(count)
        for index in 0..<count {
            plans.append(special(index) ?? generated(index, &random))
        }
        buildTree(&plans, &random)
        assignSizes(&plans, scale: scale, &random)
        return plans
    }

    /// Hand-picked organizations that put the awkward cases into every data set: accents, commas and
    /// quotes in names, a duplicate name, two currencies, a yen contract.
    private static func special(_ index: Int) -> OrganizationPlan? {
        func make(_ name: String, _ stem: String, _ country: Country, _ number: String?, _ currencies: [BillingCurrency]) -> OrganizationPlan {
            OrganizationPlan(
                index: index, name: name, stem: stem, country: country, number: number, parent: nil,
                currencies: currencies, objectCount: 0, lateApproval: false)
        }
        switch index {
        case 0: return make("Åkesson & Söner AB", "Åkesson & Söner", .sweden, "556012-3456", [.sek])
        case 1: return make("Müller GmbH", "Müller", .germany, "HRB 40213", [.eur, .sek])
        case 2: return make("Società Ñandú S.r.l.", "Società Ñandú", .italy, "IT 01234567890", [.eur])
        case 3: return make("Nordic \"Cloud\", Ltd", "Nordic \"Cloud\"", .britain, "GB 09876543", [.sek, .eur])
        case 4: return make("Sakura Network KK", "Sakura Network", .japan, nil, [.sek, .jpy])
        case 5: return make("Bergström, Lind & Co AB", "Bergström, Lind & Co", .sweden, "556234-9012", [.sek])
        case 6: return make("Østergaard & Bøgh ApS", "Østergaard & Bøgh", .denmark, "DK 31415926", [.sek])
        case 7: return make("Nordic IT Partner AB", "Nordic IT Partner", .sweden, "556777-1001", [.sek])
        // The same name again, a different company: names are not unique.
        case 8: return make("Nordic IT Partner AB", "Nordic IT Partner", .sweden, "559001-2002", [.sek])
        case 9: return make("Zoë's Café & Konditori AB", "Zoë's Café & Konditori", .sweden, "969712-3344", [.sek])
        default: return nil
        }
    }

    private static let stems = [
        "Lindqvist", "Öberg", "Ström", "Håkansson", "Nyström", "Sjöberg", "Eriksson", "Dahlgren", "Berglund",
        "Holmström", "Wikström", "Ek", "Järvinen", "Mäkinen", "Jørgensen", "Sørensen", "Krüger", "Schäfer",
        "Weiß", "Großmann", "Rossi", "Bianchi", "García", "Peña", "Dubois", "Lefèvre", "O'Brien", "Novák",
        "Åström", "Fält", "Ljungqvist", "Söderberg", "Björk", "Engström", "Forsberg", "Gustafsson", "Hedlund",
        "Isaksson", "Jansson", "Karlsson", "Lundgren", "Magnusson", "Nilsson", "Olofsson", "Persson",
        "Rydberg", "Sandberg", "Törnqvist", "Vallin", "Westerberg", "Zetterlund", "Ångström", "Nordlund",
        "Blomqvist", "Hellström", "Sundén", "Bäckström", "Wahlgren",
    ]
    private static let trades = [
        "Bygg", "Transport", "Konsult", "Fastigheter", "Logistik", "Media", "Vård", "Data", "Energi",
        "Handel", "Revision", "Design", "Invest", "Teknik", "Måleri", "El & VVS", "Juristbyrå", "Tandvård",
        "Redovisning", "Skog", "Marin", "Livs", "Verkstad", "Trafik", "Arkitekter", "Event", "Säkerhet",
        "Städ", "Förvaltning", "Akustik",
    ]
    private static let cities = [
        "Göteborg", "Malmö", "Umeå", "Västerås", "Luleå", "Örebro", "Jönköping", "Norrköping", "Linköping",
        "Sundsvall", "Gävle", "Borås", "Växjö", "Karlstad", "Kiruna", "Östersund", "Skellefteå", "Halmstad",
    ]

    private static func suffix(_ country: Country) -> String {
        switch country {
        case .sweden: return "AB"
        case .norway: return "AS"
        case .denmark: return "ApS"
        case .finland: return "Oy"
        case .germany: return "GmbH"
        case .italy: return "S.r.l."
        case .spain: return "S.L."
        case .japan: return "KK"
        case .britain: return "Ltd"
        }
    }

    private static func number(_ country: Country, _ random: inout RandomSource) -> String? {
        if random.chance(0.08) { return nil }
        switch country {
        case .sweden: return "55" + padded(random.below(10_000), width: 4) + "-" + padded(random.below(10_000), width: 4)
        case .norway: return "NO " + padded(900_000_000 + random.below(99_999_999), width: 9)
        case .denmark: return "DK " + padded(10_000_000 + random.below(89_999_999), width: 8)
        case .finland: return padded(random.below(10_000_000), width: 7) + "-" + String(random.below(10))
        case .germany: return "HRB " + String(1000 + random.below(98_000))
        case .italy: return "IT " + padded(random.below(100_000_000_000), width: 11)
        case .spain: return "B" + padded(random.below(100_000_000), width: 8)
        case .japan, .britain: return nil
        }
    }

    private static func generated(_ index: Int, _ random: inout RandomSource) -> OrganizationPlan {
        let countries: [Country] = [.sweden, .norway, .denmark, .finland, .germany, .italy, .spain]
        let country = countries[random.weightedIndex([82, 4, 3, 4, 4, 2, 1])]
        let stem: String
        switch random.below(10) {
        case 0, 1, 2, 3:
            stem = random.pick(stems) + " " + random.pick(trades)
        case 4, 5:
            stem = random.pick(stems) + "s " + random.pick(trades) + " i " + random.pick(cities)
        case 6:
            stem = random.pick(trades) + "huset " + random.pick(cities)
        case 7, 8:
            stem = random.pick(stems) + " & " + random.pick(stems)
        default:
            // Commas inside a name: the CSV field must be quoted.
            stem = random.pick(stems) + ", " + random.pick(stems) + " & Partners"
        }
        var currencies: [BillingCurrency]
        switch country {
        case .germany, .italy, .spain:
            currencies = random.chance(0.3) ? [.eur, .sek] : [.eur]
        default:
            currencies = random.chance(0.06) ? [.sek, .eur] : [.sek]
        }
        return OrganizationPlan(
            index: index, name: stem + " " + suffix(country), stem: stem, country: country,
            number: number(country, &random), parent: nil, currencies: currencies, objectCount: 0,
            lateApproval: random.chance(0.1))
    }

    // MARK: The organization tree

    /// A few groups, each a parent with subsidiaries, two or three levels deep. Subsidiaries are renamed
    /// after their parent. One group's parent comes after its child in the file, so a reader must not
    /// expect parents first.
    private static func buildTree(_ plans: inout [OrganizationPlan], _ random: inout RandomSource) {
        let count = plans.count
        // Subsidiaries are named after the group's top company (`Åkesson & Söner Bergen AS`), and get a
        // registration number of their own country.
        func attach(_ child: Int, to parent: Int, region: String, country: Country) {
            guard child < count, parent < count, child != parent else { return }
            var top = parent
            while let next = plans[top].parent { top = next }
            plans[child].parent = parent
            plans[child].stem = plans[top].stem + " " + region
            plans[child].name = plans[child].stem + " " + suffix(country)
            plans[child].country = country
            plans[child].number = number(country, &random)
        }
        // Åkesson & Söner: three subsidiaries, one with its own subsidiary.
        attach(10, to: 0, region: "Norge", country: .norway)
        attach(11, to: 0, region: "Finland", country: .finland)
        attach(12, to: 0, region: "Fastigheter", country: .sweden)
        attach(13, to: 10, region: "Bergen", country: .norway)
        // Müller GmbH is the subsidiary of a holding listed after it.
        if count > 16 {
            plans[16].name = "Müller Holding AG"
            plans[16].stem = "Müller"
            plans[16].country = .germany
            plans[16].currencies = [.eur]
            plans[16].number = "HRB " + String(1000 + random.below(98_000))
            plans[1].parent = 16
            attach(14, to: 16, region: "Österreich", country: .germany)
            attach(15, to: 14, region: "Wien", country: .germany)
        }
        // Further groups, one every 40 organizations.
        let regions: [(String, Country)] = [
            ("Norge", .norway), ("Danmark", .denmark), ("Finland", .finland), ("Syd", .sweden),
            ("Norr", .sweden), ("Öst", .sweden), ("Väst", .sweden), ("Deutschland", .germany),
        ]
        var root = 40
        while root + 5 < count {
            let children = random.inRange(2...4)
            for k in 1...children {
                let (region, country) = regions[(k - 1 + root / 40) % regions.count]
                attach(root + k, to: root, region: region, country: country)
            }
            if random.chance(0.5) {
                attach(root + children + 1, to: root + 1, region: random.pick(cities), country: plans[root + 1].country)
            }
            root += 40
        }
        // Subsidiaries abroad bill in euros when their country does.
        for index in plans.indices where plans[index].parent != nil {
            switch plans[index].country {
            case .germany, .italy, .spain:
                if !plans[index].currencies.contains(.eur) { plans[index].currencies = [.eur] }
            default:
                break
            }
        }
    }

    // MARK: Sizes

    /// Zipf-like sizes: the largest organization (always the first, Åkesson & Söner) holds about 5% of
    /// all objects, the rest fall off as a power of their rank, and the last organization is a dormant
    /// customer with a contract but nothing on it.
    private static func assignSizes(_ plans: inout [OrganizationPlan], scale: Double, _ random: inout RandomSource) {
        let count = plans.count
        let dormant = count >= 10 ? count - 1 : nil
        let ranked = dormant == nil ? count : count - 1
        guard ranked > 0 else { return }
        let topShare = min(1, max(0.05, 2 / Double(ranked)))
        let exponent = zipfExponent(count: ranked, topShare: topShare)
        var weights: [Double] = []
        weights.reserveCapacity(ranked)
        var total = 0.0
        for rank in 1...ranked {
            let w = pow(Double(rank), -exponent)
            weights.append(w)
            total += w
        }
        // Rank 0 is organization 0; the other ranks go to the others in a shuffled order.
        var order = Array(1..<ranked)
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, random.below(i + 1))
            }
        }
        order.insert(0, at: 0)
        let objects = Double(count) * 100 * scale
        for (rank, index) in order.enumerated() {
            plans[index].objectCount = max(1, Int((objects * weights[rank] / total).rounded()))
        }
        if let dormant { plans[dormant].objectCount = 0 }
    }

    /// The exponent `s` for which rank 1's share of `1/r^s` over `count` ranks is `topShare`, by bisection.
    static func zipfExponent(count: Int, topShare: Double) -> Double {
        guard count > 1 else { return 1 }
        var low = 0.0
        var high = 4.0
        for _ in 0..<50 {
            let middle = (low + high) / 2
            var sum = 0.0
            for rank in 1...count { sum += pow(Double(rank), -middle) }
            if 1 / sum < topShare { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
