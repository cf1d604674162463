import Foundation
import XCTest

@testable import CosStore

/// The export fingerprint: SHA-256 from libcrypto against the standard's test vectors, the digest the
/// CSV reader's refill hook builds against the file's bytes, and the store's fingerprint against
/// coreutils' `sha256sum` run over the same files (an independent computation).
final class FingerprintTests: XCTestCase {
    func testSHA256OfTheStandardVectors() {
        // FIPS 180-2, appendix B.1 and the empty message.
        XCTAssertEqual(SHA256Digest.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256Digest.hex(of: []), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(SHA256Digest.hex(of: Array(twoBlocks.utf8)), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Fed in pieces, the same digest.
        let digest = SHA256Digest()
        for piece in ["ab", "", "c"] { digest.update(Array(piece.utf8)) }
        XCTAssertEqual(digest.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The reader hands every byte to the hook exactly once, whatever the chunk size (a BOM, a quoted
    /// line break and a chunk boundary inside a record included).
    func testTheReaderHookSeesEveryByteOnce() throws {
        let directory = try TestData.temporaryDirectory(self)
        let text = "\u{FEFF}id,name\r\n1,\"two\nlines\"\n\n3,x" + String(repeating: "y", count: 5000) + "\n"
        let path = directory + "/f.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for chunk in [16, 17, 1000, 1 << 20] {
            let reader = try CSVReader(path: path, fileName: "f.csv", chunkSize: chunk)
            var seen: [UInt8] = []
            reader.onRead = { seen.append(contentsOf: $0) }
            try reader.readHeader()
            var records = 0
            while try reader.next() { records += 1 }
            XCTAssertEqual(records, 2)
            XCTAssertEqual(seen, Array(text.utf8), "chunk size \(chunk)")
        }
    }

    func testTheStoreHoldsTheFingerprintThatSha256sumComputes() throws {
        let directory = try TestData.write(self)
        let store = try TestData.temporaryDirectory(self) + "/store.cos"
        _ = try Importer(directory: directory, destination: store).run()
        let db = try StoreFile.open(path: store)
        let stored = try XCTUnwrap(try db.metadata()[ExportFingerprint.metaKey])
        XCTAssertEqual(stored, try Self.sha256sum(directory: directory))
        XCTAssertEqual(stored.count, 64)

        // One byte changed anywhere (here in the last file read) changes it; without the manifest it
        // is the fingerprint of the other ten files.
        try TestData.write(into: directory, TestData.appending("usage_events.csv", "E4,O1,P1,2025-03-01,1"))
        _ = try Importer(directory: directory, destination: store).run()
        let changed = try XCTUnwrap(try StoreFile.open(path: store).metadata()[ExportFingerprint.metaKey])
        XCTAssertNotEqual(changed, stored)
        XCTAssertEqual(changed, try Self.sha256sum(directory: directory))
        try FileManager.default.removeItem(atPath: directory + "/manifest.json")
        _ = try Importer(directory: directory, destination: store).run()
        let withoutManifest = try XCTUnwrap(try StoreFile.open(path: store).metadata()[ExportFingerprint.metaKey])
        XCTAssertEqual(withoutManifest, try Self.sha256sum(directory: directory))
        XCTAssertNotEqual(withoutManifest, changed)
    }

    /// `sha256sum` over the export's files in byte order of their names, piped into `sha256sum`: the
    /// definition in docs/data-contract.md, computed by coreutils.
    static func sha256sum(directory: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".csv") || $0 == "manifest.json" }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "cd \"$1\" && shift && sha256sum -- \"$@\" | sha256sum", "sh", directory] + names
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(output.prefix(64))
    }
}
