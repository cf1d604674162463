import Foundation
import XCTest

@testable import CosStore

/// Whatever the bytes, the import either loads or reports: it never crashes.
final class ImportFuzzTests: ImportTestCase {
    func testMutatedExportsNeverCrash() throws {
        var generator = SystemRandomNumberGenerator()
        let files = TestData.valid.keys.sorted()
        let noise: [UInt8] = [0, 10, 13, 34, 44, 45, 46, 0x2B, 0x3A, 0x54, 0x5A, 0x80, 0xC3, 0xE2, 0xFF, 0x20, 0x30, 0x39]
        let directory = try TestData.temporaryDirectory(self)
        for round in 0..<30 {
            try TestData.write(into: directory)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let name = files[Int.random(in: 0..<files.count, using: &generator)]
                var bytes = Array((TestData.valid[name] ?? "").utf8)
                for _ in 0..<Int.random(in: 1...6, using: &generator) where !bytes.isEmpty {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[at] = noise[Int.random(in: 0..<noise.count, using: &generator)]
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(noise[Int.random(in: 0..<noise.count, using: &generator)], at: at)
                    }
                }
                try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
            }
            let destination = directory + "/store-\(round).cos"
            do {
                _ = try Importer(directory: directory, destination: destination).run()
                XCTAssertNoThrow(try StoreFile.open(path: destination))
            } catch let error as ImportError {
                XCTAssertEqual(error.kind, .badData, "\(error)")
                XCTAssertFalse(error.lines.isEmpty)
                XCTAssertFalse(FileManager.default.fileExists(atPath: destination))
            }
        }
    }
}
