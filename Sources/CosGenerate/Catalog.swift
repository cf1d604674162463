/// The provider's fixed catalogue: product categories, products with units and list prices, object
/// types with their profiles, and which products each type is charged for.
///
/// Prices are list prices in SEK, in millionths (`ExactDecimal` micros); other currencies are derived
/// from them (see `Pricing`).
struct Catalog {
    struct Category {
        let id: String
        let name: String
    }

    struct Product {
        let id: String
        let name: String
        let categoryID: String
        let unit: String?
        /// List price per unit in SEK millionths.
        let price: Int64
    }

    /// How usage of one product is drawn for one object in one month.
    struct Usage {
        /// Index into `products`.
        let product: Int
        /// Chance that the object has this usage in a given month.
        let monthlyChance: Double
        /// Events per month are drawn from `1...maxEvents`.
        let maxEvents: Int
        /// Quantity of one event, in millionths, drawn from this range and rounded to `step`.
        let quantity: ClosedRange<Int64>
        let step: Int64
    }

    struct Profile {
        let id: String
        let name: String
        /// Monthly fee in SEK millionths.
        let price: Int64
        let weight: Double
    }

    /// How object names and ids look for one type.
    enum Naming {
        case server, phone, seat, router, volume, fibre, firewall
    }

    struct ObjectType {
        let id: String
        let name: String
        let weight: Double
        /// Index into `products` of the monthly fee.
        let recurringProduct: Int
        let profiles: [Profile]
        /// Chance that an object of this type has no profile (always when `profiles` is empty).
        let noProfileChance: Double
        /// Monthly fee in SEK millionths when the object has no profile.
        let defaultPrice: Int64
        let usage: [Usage]
        /// Whether a one-off installation fee is charged in the first month.
        let installationFee: Bool
        let naming: Naming
    }

    let categories: [Category]
    let products: [Product]
    let types: [ObjectType]

    /// Indexes into `products` of charges that belong to no object.
    let supportHours: Int
    let onSiteVisit: Int
    let installation: Int
    let serviceCredit: Int
    let adjustment: Int
    let hardwareSale: Int

    static let standard = Catalog()

    private static func sek(_ whole: Int64, _ hundredths: Int64 = 0) -> Int64 { whole * 1_000_000 + hundredths * 10_000 }

    private init() {
        categories = [
            Category(id: "cloud", name: "Cloud Services"),
            Category(id: "conn", name: "Connectivity"),
            Category(id: "lic", name: "Licences"),
            Category(id: "support", name: "Support"),
            Category(id: "storage", name: "Storage"),
            Category(id: "security", name: "Security"),
            Category(id: "hw", name: "Hardware"),
            Category(id: "credit", name: "Credits & Adjustments"),
            // A category with no products yet: it must show up empty, not break anything.
            Category(id: "iot", name: "IoT & M2M"),
        ]
        let p: [Product] = [
            Product(id: "101", name: "Virtual server, monthly fee", categoryID: "cloud", unit: "pcs", price: 0),
            Product(id: "102", name: "vCPU hours", categoryID: "cloud", unit: "h", price: 312_500),
            Product(id: "103", name: "Outbound data transfer", categoryID: "cloud", unit: "GB", price: 450_000),
            Product(id: "201", name: "Mobile subscription, monthly fee", categoryID: "conn", unit: "pcs", price: 0),
            Product(id: "202", name: "Mobile data, extra", categoryID: "conn", unit: "GB", price: Self.sek(29)),
            Product(id: "203", name: "Roaming data", categoryID: "conn", unit: "GB", price: Self.sek(9, 90)),
            Product(id: "204", name: "Calls abroad", categoryID: "conn", unit: "min", price: Self.sek(1, 49)),
            Product(id: "205", name: "Managed router", categoryID: "conn", unit: "pcs", price: 0),
            Product(id: "206", name: "Fibre access", categoryID: "conn", unit: "pcs", price: 0),
            Product(id: "301", name: "Microsoft 365 licence", categoryID: "lic", unit: "user", price: 0),
            Product(id: "401", name: "Support hours", categoryID: "support", unit: "h", price: Self.sek(950)),
            Product(id: "402", name: "On-site visit", categoryID: "support", unit: "pcs", price: Self.sek(1450)),
            Product(id: "403", name: "Installation fee", categoryID: "support", unit: "pcs", price: Self.sek(1200)),
            Product(id: "501", name: "Storage volume, monthly fee", categoryID: "storage", unit: "pcs", price: 0),
            Product(id: "502", name: "Storage used", categoryID: "storage", unit: "GB-month", price: 890_000),
            Product(id: "601", name: "Firewall as a service", categoryID: "security", unit: "pcs", price: 0),
            Product(id: "701", name: "Hardware sale", categoryID: "hw", unit: "pcs", price: Self.sek(3490)),
            // Credits and adjustments have no unit: they are money, not things.
            Product(id: "801", name: "Service credit", categoryID: "credit", unit: nil, price: 0),
            Product(id: "802", name: "Adjustment", categoryID: "credit", unit: nil, price: 0),
        ]
        products = p
        func index(_ id: String) -> Int { p.firstIndex { $0.id == id } ?? 0 }
        supportHours = index("401")
        onSiteVisit = index("402")
        installation = index("403")
        hardwareSale = index("701")
        serviceCredit = index("801")
        adjustment = index("802")

        types = [
            ObjectType(
                id: "OT-VS", name: "Virtual server", weight: 20, recurringProduct: index("101"),
                profiles: [
                    Profile(id: "11", name: "Small (2 vCPU, 4 GB)", price: Self.sek(450), weight: 5),
                    Profile(id: "12", name: "Medium (4 vCPU, 16 GB)", price: Self.sek(990), weight: 4),
                    Profile(id: "13", name: "Large (8 vCPU, 32 GB)", price: Self.sek(1990), weight: 2),
                    Profile(id: "14", name: "X-Large (16 vCPU, 64 GB)", price: Self.sek(3890), weight: 1),
                ],
                noProfileChance: 0, defaultPrice: Self.sek(990),
                usage: [
                    Usage(product: index("102"), monthlyChance: 0.55, maxEvents: 13,
                        quantity: 1_000_000...24_000_000, step: 1_000_000),
                    Usage(product: index("103"), monthlyChance: 0.5, maxEvents: 11,
                        quantity: 10_000...5_000_000, step: 1_000),
                ],
                installationFee: false, naming: .server),
            ObjectType(
                id: "OT-MOB", name: "Mobile subscription", weight: 34, recurringProduct: index("201"),
                profiles: [
                    Profile(id: "21", name: "Mobil 5 GB", price: Self.sek(199), weight: 3),
                    Profile(id: "22", name: "Mobil 20 GB", price: Self.sek(299), weight: 4),
                    Profile(id: "23", name: "Mobil Obegränsad", price: Self.sek(449), weight: 2),
                ],
                noProfileChance: 0, defaultPrice: Self.sek(299),
                usage: [
                    Usage(product: index("202"), monthlyChance: 0.3, maxEvents: 9,
                        quantity: 100_000...2_000_000, step: 1_000),
                    Usage(product: index("203"), monthlyChance: 0.12, maxEvents: 11,
                        quantity: 10_000...500_000, step: 1_000),
                    Usage(product: index("204"), monthlyChance: 0.3, maxEvents: 13,
                        quantity: 1_000_000...45_000_000, step: 1_000_000),
                ],
                installationFee: false, naming: .phone),
            ObjectType(
                id: "OT-LIC", name: "Licence seat", weight: 26, recurringProduct: index("301"),
                profiles: [
                    Profile(id: "31", name: "Business Basic", price: Self.sek(69), weight: 3),
                    Profile(id: "32", name: "Business Standard", price: Self.sek(139), weight: 5),
                    Profile(id: "33", name: "E3", price: Self.sek(389), weight: 2),
                    Profile(id: "34", name: "E5", price: Self.sek(629), weight: 1),
                ],
                noProfileChance: 0.06, defaultPrice: Self.sek(99),
                usage: [], installationFee: false, naming: .seat),
            ObjectType(
                id: "OT-RTR", name: "Router", weight: 6, recurringProduct: index("205"),
                profiles: [
                    Profile(id: "41", name: "Branch router", price: Self.sek(350), weight: 4),
                    Profile(id: "42", name: "Core router", price: Self.sek(1450), weight: 1),
                ],
                noProfileChance: 0.2, defaultPrice: Self.sek(290),
                usage: [], installationFee: true, naming: .router),
            ObjectType(
                id: "OT-STO", name: "Storage volume", weight: 8, recurringProduct: index("501"),
                profiles: [
                    Profile(id: "51", name: "Standard tier", price: Self.sek(150), weight: 4),
                    Profile(id: "52", name: "Performance tier", price: Self.sek(450), weight: 2),
                    Profile(id: "53", name: "Archive tier", price: Self.sek(49), weight: 1),
                ],
                noProfileChance: 0, defaultPrice: Self.sek(150),
                usage: [
                    Usage(product: index("502"), monthlyChance: 0.9, maxEvents: 7,
                        quantity: 1_000_000...400_000_000, step: 100_000),
                ],
                installationFee: false, naming: .volume),
            ObjectType(
                id: "OT-FIB", name: "Fibre connection", weight: 3, recurringProduct: index("206"),
                profiles: [
                    Profile(id: "61", name: "100 Mbit/s", price: Self.sek(1290), weight: 2),
                    Profile(id: "62", name: "1 Gbit/s", price: Self.sek(2990), weight: 3),
                    Profile(id: "63", name: "10 Gbit/s", price: Self.sek(8900), weight: 1),
                ],
                noProfileChance: 0, defaultPrice: Self.sek(2990),
                usage: [], installationFee: true, naming: .fibre),
            // A type without profiles: every firewall falls in "(no profile)".
            ObjectType(
                id: "OT-FW", name: "Firewall", weight: 3, recurringProduct: index("601"),
                profiles: [], noProfileChance: 1, defaultPrice: Self.sek(1890),
                usage: [], installationFee: true, naming: .firewall),
        ]
    }

    var typeWeights: [Double] { types.map(\.weight) }
}
