/// The query layer's portable SQL uses `?` for each parameter, in order; PostgreSQL numbers them
/// (`$1`, `$2`, ...). The rewrite skips what is not SQL code: string literals (`'...'` with `''`, and
/// `E'...'` with backslash escapes), quoted identifiers (`"..."`), dollar-quoted strings (`$tag$...$tag$`),
/// line comments (`-- ...`) and block comments (`/* ... */`, nested as PostgreSQL nests them).
public enum Placeholders {
    /// The rewritten SQL and the number of parameters it takes.
    public static func numbered(_ sql: String) -> (sql: String, count: Int) {
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var count = 0
        var i = 0
        let n = bytes.count
        func copy(_ from: Int, _ to: Int) { out.append(contentsOf: bytes[from..<min(to, n)]) }
        func isIdentifierByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
        }
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "?"):
                count += 1
                out.append(contentsOf: Array("$\(count)".utf8))
                i += 1
            case UInt8(ascii: "'"):
                // E'...' (an escape string) lets a backslash escape the quote.
                let escapes = i > 0 && (bytes[i - 1] == UInt8(ascii: "E") || bytes[i - 1] == UInt8(ascii: "e"))
                    && (i < 2 || !isIdentifierByte(bytes[i - 2]))
                var j = i + 1
                while j < n {
                    if escapes && bytes[j] == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    if bytes[j] == UInt8(ascii: "'") {
                        if j + 1 < n && bytes[j + 1] == UInt8(ascii: "'") {
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                copy(i, j + 1)
                i = j + 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < n {
                    if bytes[j] == UInt8(ascii: "\"") {
                        if j + 1 < n && bytes[j + 1] == UInt8(ascii: "\"") {
                            j += 2
                            continue
                        }
                        break
                    }
                    j += 1
                }
                copy(i, j + 1)
                i = j + 1
            case UInt8(ascii: "-") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "-"):
                var j = i
                while j < n && bytes[j] != 0x0A { j += 1 }
                copy(i, j)
                i = j
            case UInt8(ascii: "/") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "*"):
                var depth = 1
                var j = i + 2
                while j < n && depth > 0 {
                    if bytes[j] == UInt8(ascii: "/") && j + 1 < n && bytes[j + 1] == UInt8(ascii: "*") {
                        depth += 1
                        j += 2
                    } else if bytes[j] == UInt8(ascii: "*") && j + 1 < n && bytes[j + 1] == UInt8(ascii: "/") {
                        depth -= 1
                        j += 2
                    } else {
                        j += 1
                    }
                }
                copy(i, j)
                i = j
            case UInt8(ascii: "$") where i == 0 || !isIdentifierByte(bytes[i - 1]):
                // $tag$ ... $tag$ (a tag is an identifier or empty); `$1` is not a dollar quote.
                var j = i + 1
                while j < n && isIdentifierByte(bytes[j]) && !(j == i + 1 && bytes[j] >= 0x30 && bytes[j] <= 0x39) { j += 1 }
                if j < n && bytes[j] == UInt8(ascii: "$") {
                    let tag = Array(bytes[i...j])
                    var k = j + 1
                    var end = n
                    while k + tag.count <= n {
                        if bytes[k] == UInt8(ascii: "$") && Array(bytes[k..<(k + tag.count)]) == tag {
                            end = k + tag.count
                            break
                        }
                        k += 1
                    }
                    copy(i, end)
                    i = end
                } else {
                    out.append(b)
                    i += 1
                }
            default:
                out.append(b)
                i += 1
            }
        }
        return (String(decoding: out, as: UTF8.self), count)
    }
}
