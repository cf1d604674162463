import Foundation
import XCTest

@testable import CosStore

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12, points 5, 6 and 13: where an import may write its store and `save` its script, and every
/// write checked. The import replaces only a cos store (or an empty file, or a new path), `--force`
/// aside; never a device, a directory or one of its own input files.
final class WriteTargetTests: ImportTestCase {
    var scratch = ""

    override func setUpWithError() throws {
        scratch = try TestData.temporaryDirectory(self)
    }

    func storeProblem(_ path: String, force: Bool = false, inputs: [String] = []) -> String? {
        do {
            try WriteTarget.checkStore(path, inputs: inputs, force: force)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func fileProblem(_ path: String) -> String? {
        do {
            try WriteTarget.checkFile(path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testWhereAStoreMayBeWritten() throws {
        let notes = scratch + "/notes.txt"
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: notes))
        let empty = scratch + "/empty"
        XCTAssertTrue(FileManager.default.createFile(atPath: empty, contents: nil))
        let fifo = scratch + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let link = scratch + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: notes)
        let store = scratch + "/store.cos"
        let directory = try TestData.write(self)
        _ = try Importer(directory: directory, destination: store).run()

        XCTAssertNil(storeProblem(scratch + "/new.cos"))
        XCTAssertNil(storeProblem(store))
        XCTAssertNil(storeProblem(empty))
        XCTAssertEqual(storeProblem(notes), "\(notes): the file exists and is not a cos store: nothing was written (--force replaces it)")
        XCTAssertNil(storeProblem(notes, force: true))
        XCTAssertEqual(storeProblem(fifo), "\(fifo): is a FIFO (named pipe), not a cos store: nothing was written (--force replaces it)")
        XCTAssertNil(storeProblem(fifo, force: true))
        XCTAssertEqual(
            storeProblem(link),
            "\(link): is a symbolic link: nothing was written (--force replaces the link itself, never the file it points to)")
        XCTAssertNil(storeProblem(link, force: true))
        for device in ["/dev/null", "/dev/full", "/dev/zero"] {
            let expected = "\(device): is a character device, not a file: a store is never written to a device"
            XCTAssertEqual(storeProblem(device), expected)
            XCTAssertEqual(storeProblem(device, force: true), expected)
        }
        XCTAssertEqual(storeProblem(scratch, force: true), "\(scratch): is a directory: name a store file inside it (\(scratch)/NAME.cos)")
        XCTAssertEqual(
            storeProblem(scratch + "/"), "\(scratch)/: names a directory (it ends with /): name a file, like \(scratch)/NAME.cos")
        XCTAssertEqual(storeProblem(scratch + "/nodir/x.cos"), "\(scratch)/nodir/x.cos: the directory \(scratch)/nodir does not exist")
        XCTAssertEqual(storeProblem(notes + "/x.cos"), "\(notes)/x.cos: \(notes) is not a directory")
        // One of the inputs, by its own name, through a link or a hard link: never, even with --force.
        let input = directory + "/invoices.csv"
        let inputs = [input]
        XCTAssertEqual(storeProblem(input, force: true, inputs: inputs), "\(input): is an input file of this import: nothing was written")
        let hard = scratch + "/hard.csv"
        XCTAssertEqual(Glibc.link(input, hard), 0)
        XCTAssertEqual(
            storeProblem(hard, force: true, inputs: inputs), "\(hard): is the input file \(input) of this import: nothing was written")
    }

    /// Through the importer: the refusals leave everything as it was; --force replaces a non-store.
    func testTheImportRefusesAndForces() throws {
        let directory = try TestData.write(self)
        let notes = scratch + "/notes.txt"
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: notes))
        XCTAssertThrowsError(try Importer(directory: directory, destination: notes).run()) { error in
            XCTAssertEqual("\(error)", "\(notes): the file exists and is not a cos store: nothing was written (--force replaces it)")
        }
        XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "my notes\n")
        XCTAssertThrowsError(try Importer(directory: directory, destination: directory + "/contracts.csv").run())
        XCTAssertThrowsError(try Importer(directory: directory, destination: "/dev/null").run()) { error in
            XCTAssertEqual("\(error)", "/dev/null: is a character device, not a file: a store is never written to a device")
        }
        var info = stat()
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
        var forced = Importer(directory: directory, destination: notes)
        forced.force = true
        _ = try forced.run()
        XCTAssertTrue(WriteTarget.isCosStore(notes))
        // A store of another format version is still a store: it may be replaced.
        let db = try Database(path: notes, readOnly: false)
        try db.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
        XCTAssertNil(storeProblem(notes))
    }

    func testWhereAScriptMayBeSaved() throws {
        let notes = scratch + "/notes.cos"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: notes))
        let fifo = scratch + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let link = scratch + "/link.cos"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: notes)
        XCTAssertNil(fileProblem(scratch + "/new.cos"))
        XCTAssertNil(fileProblem(notes))
        XCTAssertEqual(try WriteTarget.checkFile(link), notes)
        XCTAssertEqual(fileProblem(scratch), "\(scratch): is a directory: name a file inside it (\(scratch)/NAME)")
        XCTAssertEqual(fileProblem(scratch + "/"), "\(scratch)/: names a directory (it ends with /): name a file, like \(scratch)/NAME")
        XCTAssertEqual(fileProblem("/dev/full"), "/dev/full: is a character device, not a regular file: nothing was written")
        XCTAssertEqual(fileProblem(fifo), "\(fifo): is a FIFO (named pipe), not a regular file: nothing was written")
        XCTAssertEqual(fileProblem(scratch + "/no/x.cos"), "\(scratch)/no/x.cos: the directory \(scratch)/no does not exist")
        // Written through the link, keeping the file's mode.
        XCTAssertEqual(chmod(notes, 0o640), 0)
        try WriteTarget.write("new\n", toFile: link)
        XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "new\n")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: notes)[.posixPermissions] as? Int, 0o640)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), notes)
    }

    /// A write that fails half-way (here a file size limit: EFBIG, as a full disk gives ENOSPC) is an
    /// error, and the file that was there is left as it was.
    func testAFailedWriteSaysSoAndLeavesTheFileAsItWas() throws {
        let path = scratch + "/big.cos"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var previous = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &previous)
        var small = previous
        small.rlim_cur = 4096
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &small), 0)
        defer {
            setrlimit(Int32(RLIMIT_FSIZE.rawValue), &previous)
            signal(SIGXFSZ, previousHandler)
        }
        XCTAssertThrowsError(try WriteTarget.write(String(repeating: "x", count: 100_000), toFile: path)) { error in
            XCTAssertEqual("\(error)", "cannot write \(path): File too large; nothing was written")
        }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &previous)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch), ["big.cos"])
    }
}
