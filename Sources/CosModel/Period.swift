/// A run of whole months, `from...to` inclusive (`2026-01..2026-06`): the span every figure covers.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public let from: Month
    public let to: Month

    /// `from` must not be after `to`.
    public init?(from: Month, to: Month) {
        guard from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// The default period: the 12 months ending with the month of the as-of date.
    public static func defaultPeriod(asOf: CivilDate) -> Period {
        last(12, asOf: asOf)
    }

    /// The `count` months ending with the as-of month (`period last 3`). `count` is clamped to 1 or more.
    public static func last(_ count: Int, asOf: CivilDate) -> Period {
        let end = asOf.monthValue
        let start = end.advanced(by: -(max(1, count) - 1))
        return Period(uncheckedFrom: start, to: end)
    }

    init(uncheckedFrom from: Month, to: Month) {
        self.from = from
        self.to = to
    }

    /// Every month of the period, in order.
    public var months: [Month] { Array(from...to) }
    public var monthCount: Int { to.ordinal - from.ordinal + 1 }

    /// The period of equal length that ends the month before this one starts.
    public var previous: Period {
        Period(uncheckedFrom: from.advanced(by: -monthCount), to: from.advanced(by: -1))
    }

    public func contains(_ month: Month) -> Bool { month >= from && month <= to }

    /// `2026-01..2026-06`.
    public var description: String { "\(from)..\(to)" }

    /// Parses `FROM..TO` (months `YYYY-MM`; `FROM..FROM` is one month), a single `YYYY-MM`, or
    /// `last N` relative to `asOf`. Throws a message for the user otherwise.
    public static func parse(_ text: String, asOf: CivilDate) throws -> Period {
        let trimmed = text.trimmingSpaces
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        if words.count == 2, words[0].lowercased() == "last" {
            guard let count = Int(words[1]), count >= 1, count <= 1200 else {
                throw PeriodError("period last N needs a whole number of months from 1 to 1200, got \"\(words[1])\"")
            }
            return last(count, asOf: asOf)
        }
        if let month = Month(parsing: trimmed) {
            return Period(uncheckedFrom: month, to: month)
        }
        let parts = trimmed.components(separatedByString: "..")
        guard parts.count == 2 else {
            throw PeriodError("expected a period as FROM..TO (2026-01..2026-06), YYYY-MM or last N, got \"\(text)\"")
        }
        guard let from = Month(parsing: parts[0]) else {
            throw PeriodError("\"\(parts[0])\" is not a month (expected YYYY-MM)")
        }
        guard let to = Month(parsing: parts[1]) else {
            throw PeriodError("\"\(parts[1])\" is not a month (expected YYYY-MM)")
        }
        guard let period = Period(from: from, to: to) else {
            throw PeriodError("the period starts (\(from)) after it ends (\(to))")
        }
        return period
    }
}

/// A period that could not be read; the message is for the user.
public struct PeriodError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation needed).
    public var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }

    /// Splits on every occurrence of a separator string (no Foundation needed).
    public func components(separatedByString separator: String) -> [String] {
        guard !separator.isEmpty else { return [self] }
        var parts: [String] = []
        var current = ""
        var rest = Substring(self)
        while !rest.isEmpty {
            if rest.hasPrefix(separator) {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        parts.append(current)
        return parts
    }
}
