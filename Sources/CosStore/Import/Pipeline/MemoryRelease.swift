#if canImport(Glibc)
    import Glibc
#endif

/// Makes the memory the import frees go back to the system.
///
/// glibc serves a large allocation with its own mapping (returned to the system by `free`), but after
/// the first such block is freed it raises that threshold to the freed block's size (up to 32 MB), so
/// the import's later arenas (sorters, hash tables, the dimension files' id tables, 1 to 96 MB each)
/// come from the heap instead, and a freed arena there stays in the process's resident set: a peak
/// RSS of 358 MB on the large set where about 250 MB is ever in use at once. A fixed threshold of
/// 16 MB keeps every arena its own mapping, while the tables that are made and freed per organization
/// (hash tables of a few MB) still reuse heap memory: at 1 MB they cost twice the system time in
/// mapping and zeroing pages. Called once per process, before the first import; a no-op where the C
/// library has no `mallopt`.
enum MemoryRelease {
    private static let once: Void = {
        #if os(Linux)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            // RTLD_DEFAULT (a null handle): the symbol as the process resolves it.
            if let symbol = dlsym(nil, "mallopt") {
                let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
                // M_MMAP_THRESHOLD (-3): a fixed threshold, which also turns the dynamic one off.
                _ = mallopt(-3, 16 << 20)
            }
        #endif
    }()

    static func configure() { once }
}
