import CosModel

/// The names among `names` that `typed` was probably meant to be, best first: those within a small
/// edit distance (Damerau-Levenshtein: a swap of two neighbours counts as one edit), then those that
/// start with what was typed. Compared case- and accent-insensitively; at most `limit` names.
///
/// Used for commands, flags, setting names and names in a context.
public func suggest(for typed: String, among names: [String], limit: Int = 3) -> [String] {
    let key = NameFolding.fold(typed)
    guard !key.isEmpty else { return [] }
    let allowed = key.count <= 3 ? 1 : key.count <= 6 ? 2 : 3
    var scored: [(name: String, score: Int)] = []
    var seen = Set<String>()
    for name in names where !seen.contains(name) {
        seen.insert(name)
        let folded = NameFolding.fold(name)
        let distance = editDistance(key, folded)
        if distance <= allowed && distance < max(folded.count, 1) {
            scored.append((name, distance))
        } else if key.count >= 2 && folded.hasPrefix(key) {
            // A prefix ranks after near misses: `tic` suggests `tickets` only if nothing is closer.
            scored.append((name, allowed + 1))
        }
    }
    scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.name < $1.name }
    guard let best = scored.first?.score else { return [] }
    // Only the best tier and the next: a typo one edit away should not come with three-edit noise.
    return scored.filter { $0.score <= best + 1 }.prefix(limit).map(\.name)
}

/// The optimal-string-alignment (restricted Damerau-Levenshtein) distance between two strings, in
/// characters: insertions, deletions, substitutions and swaps of two neighbours count one each.
public func editDistance(_ a: String, _ b: String) -> Int {
    let s = Array(a), t = Array(b)
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    var previous2 = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
        current[0] = i
        for j in 1...t.count {
            let cost = s[i - 1] == t[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] {
                value = min(value, previous2[j - 2] + 1)
            }
            current[j] = value
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[t.count]
}
