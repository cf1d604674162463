import CosModel
import Foundation

/// The optional `manifest.json`: `{"as_of": "YYYY-MM-DD", "name": "..."}`. Both keys are optional;
/// other keys are ignored.
public struct Manifest: Sendable, Equatable {
    public var asOf: CivilDate?
    public var name: String?
    /// The file's bytes as read (nil when there is no manifest), for the export fingerprint.
    var bytes: [UInt8]?

    /// Reads `directory/manifest.json`; no file is an empty manifest. Problems are reported.
    static func read(directory: String, _ problems: inout ImportProblems) -> Manifest {
        let path = directory + "/manifest.json"
        guard FileManager.default.fileExists(atPath: path) else { return Manifest() }
        if let problem = FileKind.notRegularFileProblem(path) {
            problems.add(file: nil, line: nil, "manifest.json: \(problem)")
            return Manifest()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.add(file: nil, line: nil, "manifest.json: cannot be read")
            return Manifest()
        }
        guard let object = try? JSONSerialization.jsonObject(with: data),
            let dictionary = object as? [String: Any]
        else {
            problems.add(file: nil, line: nil, "manifest.json: not a JSON object like {\"as_of\": \"2026-06-30\", \"name\": \"...\"}")
            return Manifest()
        }
        var manifest = Manifest()
        manifest.bytes = [UInt8](data)
        if let value = dictionary["as_of"], !(value is NSNull) {
            if let text = value as? String, let date = CivilDate(parsing: text), text.utf8.count == 10 {
                manifest.asOf = date
            } else {
                problems.add(file: nil, line: nil, "manifest.json: as_of: value \(ImportProblems.quote("\(value)")): not a date (YYYY-MM-DD)")
            }
        }
        if let value = dictionary["name"], !(value is NSNull) {
            if let text = value as? String {
                manifest.name = text
            } else {
                problems.add(file: nil, line: nil, "manifest.json: name: value \(ImportProblems.quote("\(value)")): not a string")
            }
        }
        return manifest
    }
}
