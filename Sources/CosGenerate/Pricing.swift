import CosModel

/// The currencies the provider bills in, and list prices converted from SEK into them.
enum BillingCurrency: Int, CaseIterable {
    case sek, eur, jpy

    var code: String {
        switch self {
        case .sek: return "SEK"
        case .eur: return "EUR"
        case .jpy: return "JPY"
        }
    }

    /// Fractional digits of the minor unit: amounts are rounded to these.
    var minorUnits: Int { CurrencyCode.minorUnits(of: code) }

    /// A SEK list price (millionths) in this currency: EUR at 11.5 SEK, JPY at 1/14 SEK. Prices of
    /// small usage units keep more digits, as real price lists do (0.0391 EUR per GB).
    func price(fromSEK sek: Int64) -> Int64 {
        switch self {
        case .sek:
            return sek
        case .eur:
            let converted = ExactDecimal(micros: sek * 2 / 23)
            return converted.rounded(toFractionDigits: sek >= 10_000_000 ? 2 : 4).micros
        case .jpy:
            let converted = ExactDecimal(micros: sek * 14)
            return converted.rounded(toFractionDigits: converted.micros >= 100_000_000 ? 0 : 2).micros
        }
    }
}
