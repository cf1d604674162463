import CosModel
import CosStore

/// Every organization's key, id, name, number and folded name, held in memory for ranked search and
/// completion: a substring search is a scan of every name, which SQLite's `LIKE '%text%'` does in
/// hundreds of milliseconds over 100,000 organizations, and a scan of packed bytes does in a few.
///
/// Loaded once per `Overview` on the first search (the store is read-only, so it never goes stale).
/// The ranking is the one `searchOrganizations` documents; names compare as UTF-8 bytes, like
/// SQLite's default collation, so the order is the one the SQL gave.
final class OrganizationIndex {
    private var keys: [Key] = []
    private var ids: [String] = []
    private var names: [String] = []
    private var numbers: [String?] = []
    /// All folded names back to back; `starts[i]..<starts[i + 1]` is organization i's.
    private var folded: [UInt8] = []
    private var starts: [Int] = [0]

    init(source: any BillingSource) throws {
        try source.query("SELECT k, id, name, number, search_name FROM organization ORDER BY k", []) { row in
            keys.append(row.int64(0))
            ids.append(row.text(1) ?? "")
            names.append(row.text(2) ?? "")
            numbers.append(row.optionalText(3))
            folded.append(contentsOf: (row.text(4) ?? "").utf8)
            starts.append(folded.count)
        }
    }

    var count: Int { keys.count }

    /// Matches of `raw` (exact number or id) or of `needle` (the folded text) anywhere in the folded
    /// name, ranked: 0 number or id, 1 name prefix, 2 word prefix, 3 substring; then by folded name
    /// and key. Returns the first `limit` and the number of matches in all.
    func search(raw: String, needle: String, limit: Int) -> (total: Int, matches: [OrganizationMatch]) {
        let pattern = Array(needle.utf8)
        var found: [(rank: Int, index: Int)] = []
        folded.withUnsafeBufferPointer { bytes in
            for index in 0..<keys.count {
                let start = starts[index]
                let end = starts[index + 1]
                var rank = Int.max
                // An exact number or id: byte for byte, as the contract compares ids (Swift's `==` would
                // take canonically equivalent texts, `café` in NFC and in NFD, as equal).
                if numbers[index]?.utf8.elementsEqual(raw.utf8) == true || ids[index].utf8.elementsEqual(raw.utf8) { rank = 0 }
                if rank != 0, let at = Self.firstMatch(pattern, in: bytes, start, end) {
                    if at == start {
                        rank = 1
                    } else if bytes[at - 1] == 0x20 {
                        rank = 2
                    } else {
                        // A later occurrence may still start a word: `a` in "bar a".
                        rank = Self.wordMatch(pattern, in: bytes, after: at, end) ? 2 : 3
                    }
                }
                if rank != Int.max { found.append((rank, index)) }
            }
        }
        let total = found.count
        let order: ((rank: Int, index: Int), (rank: Int, index: Int)) -> Bool = { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            let left = self.folded[self.starts[a.index]..<self.starts[a.index + 1]]
            let right = self.folded[self.starts[b.index]..<self.starts[b.index + 1]]
            if left != right { return left.lexicographicallyPrecedes(right) }
            return self.keys[a.index] < self.keys[b.index]
        }
        // Only the first `limit` are needed: keep a sorted prefix rather than sorting every match.
        var best: [(rank: Int, index: Int)] = []
        let wanted = max(0, limit)
        if wanted >= found.count / 4 {
            // Most or all of the matches (`find --limit none`, the machine formats): one sort.
            best = Array(found.sorted(by: order).prefix(wanted))
        } else if wanted > 0 {
            for candidate in found {
                if best.count == wanted, let last = best.last, !order(candidate, last) { continue }
                var low = 0
                var high = best.count
                while low < high {
                    let middle = (low + high) / 2
                    if order(best[middle], candidate) { low = middle + 1 } else { high = middle }
                }
                best.insert(candidate, at: low)
                if best.count > wanted { best.removeLast() }
            }
        }
        let matches = best.map {
            OrganizationMatch(key: keys[$0.index], id: ids[$0.index], name: names[$0.index], number: numbers[$0.index])
        }
        return (total, matches)
    }

    /// The offset of the first occurrence of `pattern` in `bytes[start..<end]`, or nil.
    private static func firstMatch(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let first = pattern.first else { return start }
        let count = pattern.count
        guard end - start >= count else { return nil }
        var at = start
        while at <= end - count {
            if bytes[at] == first {
                var offset = 1
                while offset < count && bytes[at + offset] == pattern[offset] { offset += 1 }
                if offset == count { return at }
            }
            at += 1
        }
        return nil
    }

    /// Whether `pattern` occurs right after a space somewhere after `after`.
    private static func wordMatch(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, after: Int, _ end: Int) -> Bool {
        var from = after + 1
        while let at = firstMatch(pattern, in: bytes, from, end) {
            if bytes[at - 1] == 0x20 { return true }
            from = at + 1
        }
        return false
    }
}
