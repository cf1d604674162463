/// What a run of the generator wrote.
public struct GenerationSummary: Equatable, Sendable {
    /// One written file: its name, its data rows (header not counted) and its size.
    public struct File: Equatable, Sendable {
        public let name: String
        public let rows: Int
        public let bytes: Int
    }

    /// The ten files, in the order of the data contract's table (manifest.json last, with 0 rows).
    public var files: [File] = []
    /// Ids of the final invoices whose total was deliberately made to differ from the sum of their
    /// tickets (a cent or a few kronor), so that the invoice view's comparison has something to show.
    public var deliberateDifferences: [String] = []
    /// Charge tickets in months that were invoiced long ago that were deliberately left uninvoiced.
    public var leftoverTickets = 0
    /// The rows planted for `audit`, by kind: ticket ids, or `OBJECT@YYYY-MM` for object-months.
    public var planted: [String: [String]] = [:]

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }

    /// The rows written to `name`, or 0.
    public func rows(_ name: String) -> Int { files.first { $0.name == name }?.rows ?? 0 }
}
