/// An ISO 4217 currency code (`SEK`, `EUR`, `JPY`): three upper-case ASCII letters.
///
/// Money in different currencies is never added in cos; every money figure carries its code.
public struct CurrencyCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let code: String

    /// Accepts three ASCII letters; lower case is folded to upper case (`sek` is `SEK`).
    public init?(_ text: some StringProtocol) {
        let upper = text.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        code = upper
    }

    public var description: String { code }

    public static func < (lhs: CurrencyCode, rhs: CurrencyCode) -> Bool { lhs.code < rhs.code }

    /// Digits after the decimal point in the currency's minor unit (ISO 4217): 0 for JPY, KRW and the
    /// like, 3 for the dinars, 2 for everything else.
    public var minorUnits: Int { Self.minorUnits(of: code) }

    public static func minorUnits(of code: String) -> Int {
        switch code {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
            "VUV", "XAF", "XOF", "XPF":
            return 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            return 3
        default:
            return 2
        }
    }
}
