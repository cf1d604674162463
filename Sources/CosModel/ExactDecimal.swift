/// An exact decimal number with up to six fractional digits, held as an integer count of millionths.
///
/// Money and quantities in a billing export are decimals (`12`, `-3.5`, `0.0042`); binary floating point
/// cannot hold them exactly, so every amount in cos is an `ExactDecimal`. Arithmetic is overflow
/// checked: an operation that leaves the range of `Int64` millionths (about ±9.2 trillion) throws
/// instead of wrapping.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Fractional digits held.
    public static let scale = 6
    /// 10^scale.
    public static let unit: Int64 = 1_000_000

    /// The value in millionths: `1.5` is `1_500_000`.
    public var micros: Int64

    public init(micros: Int64) { self.micros = micros }

    /// A whole number.
    public init(_ whole: Int) throws {
        let (value, overflow) = Int64(whole).multipliedReportingOverflow(by: Self.unit)
        if overflow { throw ExactDecimalError.overflow }
        self.micros = value
    }

    public static let zero = ExactDecimal(micros: 0)

    public var isZero: Bool { micros == 0 }
    public var isNegative: Bool { micros < 0 }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.micros < rhs.micros }

    /// Parses the contract's decimal syntax: an optional leading `-`, digits, and optionally `.` followed
    /// by one to six digits. Nothing else is accepted (no `+`, no exponent, no spaces, no `,`).
    public init(parsing text: some StringProtocol) throws {
        self = try Array(text.utf8).withUnsafeBufferPointer { try ExactDecimal(parsingUTF8: $0) }
    }

    /// The same syntax read from UTF-8 bytes (a CSV field), without making a String.
    public init(parsingUTF8 bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { throw ExactDecimalError.syntax }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        var whole: Int64 = 0
        var wholeDigits = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times10.addingReportingOverflow(Int64(bytes[index] - 48))
            if o1 || o2 { throw ExactDecimalError.overflow }
            whole = plus
            wholeDigits += 1
            index += 1
        }
        guard wholeDigits > 0 else { throw ExactDecimalError.syntax }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: ".") else { throw ExactDecimalError.syntax }
            index += 1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fractionDigits += 1
                if fractionDigits > Self.scale { throw ExactDecimalError.tooManyFractionDigits }
                fraction = fraction * 10 + Int64(bytes[index] - 48)
                index += 1
            }
            guard fractionDigits > 0, index == bytes.count else { throw ExactDecimalError.syntax }
        }
        for _ in fractionDigits..<Self.scale { fraction *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: Self.unit)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { throw ExactDecimalError.overflow }
        self.micros = negative ? -total : total
    }

    /// The shortest exact text: `12`, `-3.5`, `0.0042`. This is the form used in JSON and CSV output.
    public var description: String {
        let negative = micros < 0
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(Self.unit)
        var fraction = magnitude % UInt64(Self.unit)
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var digits = Self.scale
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// The value rounded half away from zero to `digits` fractional digits (0...6), as millionths.
    public func rounded(toFractionDigits digits: Int) -> ExactDecimal {
        let digits = max(0, min(Self.scale, digits))
        var step: Int64 = 1
        for _ in digits..<Self.scale { step *= 10 }
        if step == 1 { return self }
        let magnitude = micros.magnitude
        let remainder = magnitude % UInt64(step)
        var rounded = magnitude - remainder
        if remainder * 2 >= UInt64(step) { rounded += UInt64(step) }
        // Rounding can only grow the magnitude past Int64.max at the very edge of the range.
        let clamped = rounded > UInt64(Int64.max) ? UInt64(Int64.max) : rounded
        return ExactDecimal(micros: micros < 0 ? -Int64(clamped) : Int64(clamped))
    }

    /// Text with exactly `digits` fractional digits (rounded half away from zero), optionally grouped in
    /// thousands with `separator`: `formatted(fractionDigits: 2, separator: ",")` gives `1,234.50`.
    public func formatted(fractionDigits digits: Int, groupingSeparator separator: String = "") -> String {
        let digits = max(0, min(Self.scale, digits))
        let value = rounded(toFractionDigits: digits)
        let magnitude = value.micros.magnitude
        let whole = magnitude / UInt64(Self.unit)
        var wholeText = String(whole)
        if !separator.isEmpty, wholeText.count > 3 {
            var grouped = ""
            for (offset, character) in wholeText.enumerated() {
                if offset > 0, (wholeText.count - offset) % 3 == 0 { grouped += separator }
                grouped.append(character)
            }
            wholeText = grouped
        }
        var text = (value.micros < 0 ? "-" : "") + wholeText
        if digits > 0 {
            var fraction = magnitude % UInt64(Self.unit)
            for _ in digits..<Self.scale { fraction /= 10 }
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }

    /// Checked sum.
    public func adding(_ other: ExactDecimal) throws -> ExactDecimal {
        let (value, overflow) = micros.addingReportingOverflow(other.micros)
        if overflow { throw ExactDecimalError.overflow }
        return ExactDecimal(micros: value)
    }

    /// Checked difference.
    public func subtracting(_ other: ExactDecimal) throws -> ExactDecimal {
        let (value, overflow) = micros.subtractingReportingOverflow(other.micros)
        if overflow { throw ExactDecimalError.overflow }
        return ExactDecimal(micros: value)
    }

    /// Checked product, rounded half away from zero to six fractional digits
    /// (quantity × unit price). The intermediate product is exact in 128 bits.
    public func multiplied(by other: ExactDecimal) throws -> ExactDecimal {
        let product = Int128(micros) * Int128(other.micros)
        let unit = Int128(Self.unit)
        var quotient = product / unit
        let remainder = product % unit
        if remainder.magnitude * 2 >= UInt128(unit) { quotient += product < 0 ? -1 : 1 }
        guard let value = Int64(exactly: quotient) else { throw ExactDecimalError.overflow }
        return ExactDecimal(micros: value)
    }

    /// `part / whole * 100` in percent with `digits` fractional digits (half away from zero), for parts
    /// and wholes held in 128 bits (sums and differences of 64-bit amounts); nil when `whole` is zero
    /// or the percentage is past the range of an `ExactDecimal`. Never traps.
    ///
    /// The exact quotient is rounded once, straight to `digits`: rounding it to millionths first would
    /// round twice and turn 0.0499999990...% into 0.1%.
    public static func percent(part: Int128, of whole: Int128, fractionDigits digits: Int = 1) -> ExactDecimal? {
        guard whole != 0 else { return nil }
        let digits = max(0, min(Self.scale, digits))
        var scale: Int128 = 100
        for _ in 0..<digits { scale *= 10 }
        // part/whole*100 in units of 10^-digits: part * 100 * 10^digits / whole.
        let (numerator, overflow) = part.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        var quotient = numerator / whole
        let remainder = numerator % whole
        if remainder.magnitude >= whole.magnitude - remainder.magnitude {
            quotient += (numerator < 0) != (whole < 0) ? -1 : 1
        }
        var step: Int128 = 1
        for _ in digits..<Self.scale { step *= 10 }
        let (micros, tooLarge) = quotient.multipliedReportingOverflow(by: step)
        guard !tooLarge, let value = Int64(exactly: micros) else { return nil }
        return ExactDecimal(micros: value)
    }

    /// `self / whole * 100` as a percentage with `digits` fractional digits, rounded half away from zero;
    /// nil when `whole` is zero. Used for shares and period-over-period changes.
    public static func percent(_ part: ExactDecimal, of whole: ExactDecimal, fractionDigits digits: Int = 1) -> ExactDecimal? {
        percent(part: Int128(part.micros), of: Int128(whole.micros), fractionDigits: digits)
    }
}

/// Why a decimal could not be read or computed.
public enum ExactDecimalError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax
    case tooManyFractionDigits
    case overflow

    public var description: String {
        switch self {
        case .syntax: return "not a decimal number (expected digits with an optional leading - and . fraction)"
        case .tooManyFractionDigits: return "more than 6 fractional digits"
        case .overflow: return "out of range (more than about 9.2 trillion)"
        }
    }
}

extension Sequence where Element == ExactDecimal {
    /// The checked sum of all elements.
    public func checkedSum() throws -> ExactDecimal {
        try reduce(ExactDecimal.zero) { try $0.adding($1) }
    }
}
