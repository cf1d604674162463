/// The places the shell has been, most recent last. `cd` pushes, `back` and `cd -` pop.
///
/// The bottom is always `/`. The stack is bounded so a long session does not grow without limit.
public struct ContextStack: Equatable, Sendable {
    public private(set) var places: [Place] = [.root]
    public static let depthLimit = 1000

    public init() {}

    public var current: Place { places.last ?? .root }

    /// The place before the current one (where `back`, `cd -` and `-/...` go), if any.
    public var previous: Place? { places.count > 1 ? places[places.count - 2] : nil }

    /// Makes `place` current, remembering where the shell was.
    public mutating func push(_ place: Place) {
        guard place != current else { return }
        places.append(place)
        if places.count > Self.depthLimit { places.removeSubrange(1..<(places.count - Self.depthLimit + 1)) }
    }

    /// Returns to the previous place; false when there is none (the shell is where it started).
    @discardableResult
    public mutating func pop() -> Bool {
        guard places.count > 1 else { return false }
        places.removeLast()
        return true
    }
}
