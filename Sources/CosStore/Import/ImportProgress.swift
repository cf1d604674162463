/// Where an import is, for a progress bar: reported every few thousand rows and at each step's end.
public struct ImportProgress: Sendable {
    /// What is being done: a file name (`charge_tickets.csv`) while reading, then `indexes`,
    /// `rollups`, `statistics`.
    public let step: String
    /// Rows read so far in this step (0 for the steps after reading).
    public let rows: Int
    /// Rows per second in this step so far.
    public let rowsPerSecond: Double
    /// The part of the file read so far (0...1), or nil when unknown.
    public let fraction: Double?
    /// True for the last report of a step.
    public let isStepDone: Bool

    public init(step: String, rows: Int, rowsPerSecond: Double, fraction: Double?, isStepDone: Bool) {
        self.step = step
        self.rows = rows
        self.rowsPerSecond = rowsPerSecond
        self.fraction = fraction
        self.isStepDone = isStepDone
    }
}
