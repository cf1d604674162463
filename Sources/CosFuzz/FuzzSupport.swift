import CosRender
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What every fuzz target checks besides "does not crash, does not hang".
enum FuzzCheck {
    /// Stops the process with `message`: the input that led here is the finding. (libFuzzer keeps it
    /// as a crash file; the mutation loop writes it beside its corpus.)
    static func fail(_ message: String) -> Never {
        let text = "cos-fuzz: FAILED: " + message + "\n"
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
        abort()
    }

    /// Each line of JSON output parses as one JSON object.
    static func jsonProblem(_ text: String) -> String? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let data = Data(line.utf8)
            guard (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] != nil else {
                return "not a JSON object: \(String(line.prefix(200)).debugDescription)"
            }
            if let raw = TerminalSafeText.firstRawControl(in: String(line), allowSGR: false, allowBidi: true) { return "raw control character in JSON: \(raw)" }
        }
        return nil
    }
}

/// Decisions taken from the fuzz input's bytes, so that the same input always does the same thing.
struct ByteSource {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isEmpty: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// 0..<bound (0 when the input is used up).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        var value = 0
        for _ in 0..<(bound > 255 ? 2 : 1) { value = value << 8 | Int(byte()) }
        return value % bound
    }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    mutating func int64() -> Int64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int64(bitPattern: value)
    }

    /// The rest of the input.
    mutating func rest() -> [UInt8] {
        defer { position = bytes.count }
        return position < bytes.count ? Array(bytes[position...]) : []
    }
}

/// Where the shipped sample data is: `$COS_SAMPLE_DATA`, else `sample-data/` of the package this was
/// built from.
enum FuzzPaths {
    static var sampleData: String? {
        if let path = ProcessInfo.processInfo.environment["COS_SAMPLE_DATA"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = root.appendingPathComponent("sample-data").path
        return FileManager.default.fileExists(atPath: candidate + "/organizations.csv") ? candidate : nil
    }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory(_ label: String) -> String {
        var template = Array((NSTemporaryDirectory() + "/cos-fuzz-\(label)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let made else { FuzzCheck.fail("cannot create a temporary directory") }
        return made
    }
}

/// Text that tends to break things: control characters, wide and combining characters, right-to-left
/// text, long runs, quotes and separators of the formats.
enum NastyText {
    static let pieces: [String] = [
        "", " ", "\u{1B}[2J", "\u{1B}]0;PWNED\u{07}", "\u{07}", "\u{0}", "\u{7F}", "\u{85}", "\u{9B}31m", "\t", "\n", "\r\n",
        "名前", "株式会社テスト", "🙂", "👨‍👩‍👧", "e\u{301}", "\u{202E}evil", "\u{200B}", "\u{FEFF}", "Å", "ß", "|", "`", "*", "_",
        "\"", "'", "\\", ",", ";", "#", "$x", "%", "<script>", String(repeating: "W", count: 300),
        String(repeating: "界", count: 80), "id:", "..", "/", "-", "(no profile)",
    ]

    static func make(_ source: inout ByteSource) -> String {
        var text = ""
        for _ in 0..<(1 + source.below(4)) { text += pieces[source.below(pieces.count)] }
        return text
    }
}
