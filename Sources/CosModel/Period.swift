/// A run of whole months, `from...to` inclusive (`2026-01..2026-06`): the span every figure covers.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public let from: Month
    public let to: Month

    /// `from` must not be after `to`, and both must be months of the years 0001 to 9999.
    public init?(from: Month, to: Month) {
        guard from <= to, from.isInContractRange, to.isInContractRange else { return nil }
        self.from = from
        self.to = to
    }

    /// The default period: the 12 months ending with the month of the as-of date. For an as-of date
    /// in the first eleven months of the year 0001 it starts at 0001-01 (fewer months): a period never
    /// leaves the years a date can have. `--as-of` and `as-of` refuse such a date while the default
    /// period is in force (`defaultPeriodProblem`); only a data set's own `as_of` can lead here.
    public static func defaultPeriod(asOf: CivilDate) -> Period {
        let end = asOf.monthValue
        return Period(uncheckedFrom: end.adding(months: -11) ?? Month.earliest, to: end)
    }

    /// Nil when the default period of this as-of date (the 12 months ending with its month) stays in the
    /// years 0001 to 9999; else a message saying why the date cannot be the as-of date without a period.
    public static func defaultPeriodProblem(asOf: CivilDate) -> String? {
        let end = asOf.monthValue
        guard end.adding(months: -11) == nil else { return nil }
        return "the default period, the 12 months to \(end), would start before \(Month.earliest), the first month "
            + "a date can have"
    }

    /// The `count` months ending with the as-of month (`period last 3`), `count` from 1. Throws when
    /// they would start before 0001-01.
    public static func last(_ count: Int, asOf: CivilDate) throws -> Period {
        let end = asOf.monthValue
        let available = end.ordinal - Month.earliest.ordinal + 1
        guard count >= 1 else { throw PeriodError("period last N needs a whole number of months from 1, got \(count)") }
        guard count <= available, let start = end.adding(months: -(count - 1)) else {
            throw PeriodError(
                "last \(count) would start before \(Month.earliest), the first month a date can have: from the "
                    + "as-of month \(end) it can go back at most \(available) month\(available == 1 ? "" : "s")")
        }
        return Period(uncheckedFrom: start, to: end)
    }

    init(uncheckedFrom from: Month, to: Month) {
        self.from = from
        self.to = to
    }

    /// Every month of the period, in order.
    public var months: [Month] { Array(from...to) }
    public var monthCount: Int { to.ordinal - from.ordinal + 1 }

    /// The period of equal length that ends the month before this one starts; nil when it would start
    /// before 0001-01 (nothing can be in it: the change against it is not shown).
    public var previous: Period? {
        guard let start = from.adding(months: -monthCount), let end = from.adding(months: -1) else { return nil }
        return Period(uncheckedFrom: start, to: end)
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
            return try last(count, asOf: asOf)
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
