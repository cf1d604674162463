import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// cos-bench: times the views inside one process, using the libraries the shell uses, and prints one
// JSON object per figure (scripts/bench collects them into its table). Not part of the product.
//
//   cos-bench views STORE [--reps N]    open, drill-downs and ticket pages of three organizations
//   cos-bench search STORE [--reps N]   organization search and completion
//   cos-bench import DIR STORE          the importer's steps, timed
let arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: cos-bench views|search STORE [--reps N] [--label TEXT] [--postgres CONNINFO], or cos-bench import DIR STORE"
guard arguments.count >= 2 else {
    FileHandle.standardError.write((usage + "\n").data(using: .utf8) ?? Data())
    exit(2)
}
if arguments[0] == "import", arguments.count == 3 {
    do {
        try importSteps(directory: arguments[1], destination: arguments[2])
        exit(0)
    } catch {
        FileHandle.standardError.write("cos-bench: \(error)\n".data(using: .utf8) ?? Data())
        exit(1)
    }
}
var repetitions = 200
var label = ""
var postgres: String?
var index = 2
while index < arguments.count {
    switch arguments[index] {
    case "--reps" where index + 1 < arguments.count:
        repetitions = max(3, Int(arguments[index + 1]) ?? repetitions)
        index += 2
    case "--label" where index + 1 < arguments.count:
        label = arguments[index + 1]
        index += 2
    case "--postgres" where index + 1 < arguments.count:
        // The views from this database's `cos` schema (loaded from the same export as STORE).
        postgres = arguments[index + 1]
        index += 2
    default:
        FileHandle.standardError.write((usage + "\n").data(using: .utf8) ?? Data())
        exit(2)
    }
}
do {
    let bench = try Bench(storePath: arguments[1], repetitions: repetitions, label: label, postgres: postgres)
    switch arguments[0] {
    case "views": try bench.views()
    case "search": try bench.search()
    default:
        FileHandle.standardError.write((usage + "\n").data(using: .utf8) ?? Data())
        exit(2)
    }
} catch {
    FileHandle.standardError.write("cos-bench: \(error)\n".data(using: .utf8) ?? Data())
    exit(1)
}
