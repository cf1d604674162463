/// What a completion function answers, in the line reader's terms (the shell converts the
/// language's `Completion` into it): replace characters `replaceStart..<replaceEnd` (0-based, in
/// characters; `replaceEnd` is the cursor) with the single candidate's insertion; with several,
/// with `commonInsertion` when it differs from what is there, else list them.
public struct LineCompletion: Equatable, Sendable {
    /// One candidate: what is inserted, and how it is listed.
    public struct Candidate: Equatable, Sendable {
        public var insertion: String
        public var display: String

        public init(insertion: String, display: String) {
            self.insertion = insertion
            self.display = display
        }
    }

    public var replaceStart: Int
    public var replaceEnd: Int
    public var candidates: [Candidate]
    public var commonInsertion: String
    /// Candidates not in `candidates` (listed as "N more").
    public var moreCount: Int

    public init(replaceStart: Int, replaceEnd: Int, candidates: [Candidate], commonInsertion: String, moreCount: Int = 0) {
        self.replaceStart = replaceStart
        self.replaceEnd = replaceEnd
        self.candidates = candidates
        self.commonInsertion = commonInsertion
        self.moreCount = moreCount
    }

    /// What to do with the line, given the text currently in the replaced range.
    public enum Action: Equatable, Sendable {
        /// Nothing to offer: beep.
        case none
        /// Replace the range with this text.
        case replace(String)
        /// Show the candidates.
        case list
    }

    /// The action for `current`, the text now in `replaceStart..<replaceEnd`.
    public func action(current: String) -> Action {
        if candidates.isEmpty { return .none }
        if candidates.count == 1 && moreCount == 0 {
            return candidates[0].insertion == current ? .none : .replace(candidates[0].insertion)
        }
        return commonInsertion != current && !commonInsertion.isEmpty ? .replace(commonInsertion) : .list
    }

    /// The candidates laid out in columns for a terminal `width` wide, at most `maxRows` rows, with
    /// a last line saying how many more there are.
    public func listing(width: Int, maxRows: Int) -> [String] {
        let names = candidates.map(\.display)
        let widest = (names.map(\.count).max() ?? 0) + 2
        let columns = max(1, min(names.count, max(width, 1) / max(widest, 1)))
        let rowsNeeded = (names.count + columns - 1) / columns
        let rows = min(rowsNeeded, max(maxRows, 1))
        let shown = min(names.count, rows * columns)
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                // Down the columns first, as ls does.
                let index = column * rows + row
                guard index < shown else { continue }
                let name = names[index]
                let pad = column == columns - 1 || index + rows >= shown ? 0 : widest - name.count
                line += name + String(repeating: " ", count: max(pad, 0))
            }
            lines.append(line)
        }
        let more = names.count - shown + moreCount
        if more > 0 { lines.append("(\(more) more)") }
        return lines
    }
}
