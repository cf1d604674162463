import CosFuzz
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// `cos-fuzz`: the fuzz targets of cos (see Sources/CosFuzz and scripts/fuzz).
//
// Built normally, it runs a seeded mutation loop:
//   cos-fuzz TARGET [--seconds N] [--inputs N] [--seed N] [CORPUS_DIR ...]   mutate for a while
//   cos-fuzz TARGET FILE ...                                                replay inputs (a crash)
// Built by scripts/fuzz with -sanitize=fuzzer and -DCOS_LIBFUZZER, libFuzzer drives it instead
// (the target from $COS_FUZZ_TARGET, libFuzzer's own flags on the command line).

#if COS_LIBFUZZER
    nonisolated(unsafe) private var libFuzzerTarget: FuzzTarget?

    @_cdecl("LLVMFuzzerTestOneInput")
    public func libFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        if libFuzzerTarget == nil {
            let name = ProcessInfo.processInfo.environment["COS_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(Data("cos-fuzz: set COS_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
                exit(2)
            }
            target.prepare()
            libFuzzerTarget = target
        }
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        libFuzzerTarget?.run(bytes)
        return 0
    }
#else
    @main
    struct FuzzMain {
        static func main() {
            var arguments = Array(CommandLine.arguments.dropFirst())
            let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(
                    Data("usage: cos-fuzz TARGET [--seconds N] [--inputs N] [--seed N] [CORPUS_DIR|FILE ...]  (targets: \(targets))\n".utf8))
                exit(2)
            }
            arguments.removeFirst()
            var loop = MutationLoop(target: target, crashFile: "cos-fuzz-crash-\(name).bin")
            var paths: [String] = []
            while let argument = arguments.first {
                arguments.removeFirst()
                switch argument {
                case "--seconds": loop.seconds = Double(arguments.first ?? "") ?? loop.seconds; arguments = Array(arguments.dropFirst())
                case "--inputs": loop.maximumInputs = Int(arguments.first ?? "") ?? loop.maximumInputs; arguments = Array(arguments.dropFirst())
                case "--seed": loop.seed = UInt64(arguments.first ?? "") ?? loop.seed; arguments = Array(arguments.dropFirst())
                case "--crash-file": loop.crashFile = arguments.first ?? loop.crashFile; arguments = Array(arguments.dropFirst())
                default: paths.append(argument)
                }
            }
            var isDirectory: ObjCBool = false
            let files = paths.filter { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue }
            if !files.isEmpty {
                // Replay: each file once.
                target.prepare()
                for file in files {
                    if let data = FileManager.default.contents(atPath: file) { target.run(Array(data)) }
                }
                print("cos-fuzz \(name): replayed \(files.count) input\(files.count == 1 ? "" : "s"), no finding")
                return
            }
            let stats = loop.run(corpus: MutationLoop.loadCorpus(paths))
            print(
                "cos-fuzz \(name): \(stats.inputs) inputs (\(stats.corpusInputs) from the corpus) in "
                    + String(format: "%.1f", stats.seconds) + " s, seed \(loop.seed), no finding")
        }
    }
#endif
