#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes SQLite b-trees straight into a database file, for rows that arrive in key order: the pages
/// SQLite itself would write for those rows (https://www.sqlite.org/fileformat2.html), packed full, at
/// the cost of copying each record once, instead of SQLite's search and insert per row.
///
/// The file must have been created by SQLite with every table and index of the store, empty, and be
/// closed by SQLite while this writes (the import's temporary file: nobody else opens it). New pages
/// are appended after the file's last page; each tree's root is written at the root page SQLite gave
/// it; `finish` sets the header's page count and change counter. SQLite then reads the file as its own
/// (the tests run `PRAGMA integrity_check` on stores written this way).
final class BTreeFile {
    let fd: Int32
    let pageSize: Int
    /// Usable bytes per page (the page size less the reserved bytes at the end of each page).
    let usable: Int
    private(set) var pageCount: Int
    /// Consecutive pages waiting to be written: `pending` holds pages `pendingFirst ..< pendingFirst + n`.
    private var pending: UnsafeMutablePointer<UInt8>
    private let pendingCapacity: Int
    private var pendingFirst = 0
    private var pendingPages = 0

    init(path: String) throws {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw ImportError.failed("\(path): cannot be opened: " + String(cString: strerror(errno))) }
        var header = [UInt8](repeating: 0, count: 100)
        guard pread(fd, &header, 100, 0) == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            close(fd)
            throw ImportError.failed("\(path): not an SQLite database")
        }
        let size = Int(header[16]) << 8 | Int(header[17])
        pageSize = size == 1 ? 65536 : size
        usable = pageSize - Int(header[20])
        pageCount = Int(header[28]) << 24 | Int(header[29]) << 16 | Int(header[30]) << 8 | Int(header[31])
        self.fd = fd
        pendingCapacity = max(1, (1 << 20) / pageSize)
        pending = .allocate(capacity: pendingCapacity * pageSize)
    }

    deinit {
        pending.deallocate()
        close(fd)
    }

    /// The number of a new page at the end of the file.
    func allocate() -> Int {
        pageCount += 1
        return pageCount
    }

    /// Writes page `number` (its `pageSize` bytes).
    func write(_ page: UnsafePointer<UInt8>, at number: Int) throws {
        if pendingPages > 0, number == pendingFirst + pendingPages, pendingPages < pendingCapacity {
            (pending + pendingPages * pageSize).update(from: page, count: pageSize)
            pendingPages += 1
            return
        }
        try flush()
        pending.update(from: page, count: pageSize)
        pendingFirst = number
        pendingPages = 1
    }

    private func flush() throws {
        guard pendingPages > 0 else { return }
        try writeAll(UnsafeRawPointer(pending), pendingPages * pageSize, at: (pendingFirst - 1) * pageSize)
        pendingPages = 0
    }

    private func writeAll(_ bytes: UnsafeRawPointer, _ count: Int, at offset: Int) throws {
        var done = 0
        while done < count {
            let n = pwrite(fd, bytes + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.failed("cannot write the store: " + String(cString: strerror(errno)))
            }
            done += n
        }
    }

    /// Writes what is pending and the header: the page count, and the change counter with the
    /// "version valid for" number that makes SQLite trust that count.
    func finish() throws {
        try flush()
        var header = [UInt8](repeating: 0, count: 100)
        guard pread(fd, &header, 100, 0) == 100 else { throw ImportError.failed("cannot read the store's header") }
        func put(_ value: Int, at offset: Int) {
            for i in 0..<4 { header[offset + i] = UInt8(truncatingIfNeeded: value >> ((3 - i) * 8)) }
        }
        let counter = (Int(header[24]) << 24 | Int(header[25]) << 16 | Int(header[26]) << 8 | Int(header[27])) &+ 1
        put(pageCount, at: 28)
        put(counter, at: 24)
        put(counter, at: 92)
        try header.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            try writeAll(base, 100, at: 0)
        }
    }
}

/// One b-tree built bottom-up from its entries in key order: an index b-tree (`WITHOUT ROWID` tables
/// and indexes: each entry a record, in key order) or a table b-tree (a rowid table: records with
/// increasing rowids).
///
/// Leaves fill up to the page; a full page is written and its last entry (index b-trees, whose
/// interior cells hold entries) or its largest rowid (table b-trees) goes up to the level above, where
/// pages fill and close the same way. At the end the open pages are written bottom up, the top one at
/// the tree's root page. Payloads too large for a page continue on overflow pages, as SQLite splits them.
final class BTreeBuilder {
    enum Kind { case index, table }

    private let file: BTreeFile
    private let root: Int
    private let kind: Kind
    /// The open page of each level (0: the leaves).
    private var levels: [OpenPage] = []
    private var cell: [UInt8] = []
    private var overflowPage: [UInt8]
    private(set) var entries = 0

    init(file: BTreeFile, root: Int, kind: Kind) {
        self.file = file
        self.root = root
        self.kind = kind
        overflowPage = [UInt8](repeating: 0, count: file.pageSize)
        cell.reserveCapacity(file.pageSize)
    }

    /// A page being filled: cells are placed from the end of the usable area downward, their offsets
    /// kept in key order.
    private struct OpenPage {
        var bytes: [UInt8]
        var offsets: [Int] = []
        var sizes: [Int] = []
        var contentStart: Int
        let headerSize: Int
        let type: UInt8
        /// The largest rowid in the page (table leaves) or in its subtree so far (table interior pages).
        var lastKey: Int64 = 0

        init(size: Int, usable: Int, type: UInt8) {
            bytes = [UInt8](repeating: 0, count: size)
            contentStart = usable
            self.type = type
            headerSize = type == 0x0A || type == 0x0D ? 8 : 12
        }

        var isEmpty: Bool { offsets.isEmpty }

        func fits(_ size: Int) -> Bool {
            headerSize + 2 * (offsets.count + 1) + max(size, 4) <= contentStart
        }

        mutating func add(_ cell: UnsafeBufferPointer<UInt8>) {
            let size = max(cell.count, 4)
            contentStart -= size
            bytes.withUnsafeMutableBufferPointer { page in
                guard let base = page.baseAddress, let source = cell.baseAddress else { return }
                (base + contentStart).update(from: source, count: cell.count)
                for i in cell.count..<size { page[contentStart + i] = 0 }
            }
            offsets.append(contentStart)
            sizes.append(size)
        }

        /// Removes the last cell (the most recently added: the lowest in the page) and returns its bytes.
        mutating func removeLast(realSize: Int) -> [UInt8] {
            let offset = offsets.removeLast()
            let size = sizes.removeLast()
            contentStart += size
            return Array(bytes[offset..<(offset + realSize)])
        }

        /// The page's header and cell pointers, ready to write; `rightChild` for interior pages.
        mutating func seal(rightChild: Int) {
            bytes[0] = type
            bytes[1] = 0
            bytes[2] = 0
            bytes[3] = UInt8(offsets.count >> 8)
            bytes[4] = UInt8(offsets.count & 0xFF)
            let start = contentStart == 65536 ? 0 : contentStart
            bytes[5] = UInt8(start >> 8)
            bytes[6] = UInt8(start & 0xFF)
            bytes[7] = 0
            if headerSize == 12 {
                for i in 0..<4 { bytes[8 + i] = UInt8(truncatingIfNeeded: rightChild >> ((3 - i) * 8)) }
            }
            for (i, offset) in offsets.enumerated() {
                bytes[headerSize + 2 * i] = UInt8(offset >> 8)
                bytes[headerSize + 2 * i + 1] = UInt8(offset & 0xFF)
            }
        }
    }

    /// Real (unpadded) sizes of the cells of each level's open page, to move a cell up intact.
    private var realSizes: [[Int]] = []

    private func newPage(level: Int) -> OpenPage {
        let type: UInt8
        switch (kind, level) {
        case (.index, 0): type = 0x0A
        case (.index, _): type = 0x02
        case (.table, 0): type = 0x0D
        case (.table, _): type = 0x05
        }
        return OpenPage(size: file.pageSize, usable: file.usable, type: type)
    }

    /// The bytes of a payload kept on a page, by SQLite's rule (`maxLocal`, `minLocal`).
    private func localSize(_ payload: Int) -> Int {
        let u = file.usable
        let maxLocal = kind == .index ? (u - 12) * 64 / 255 - 23 : u - 35
        let minLocal = (u - 12) * 32 / 255 - 23
        if payload <= maxLocal { return payload }
        let k = minLocal + (payload - minLocal) % (u - 4)
        return k <= maxLocal ? k : minLocal
    }

    /// Writes the part of `payload` after `local` bytes to a chain of overflow pages; returns the first.
    private func writeOverflow(_ payload: UnsafeBufferPointer<UInt8>, from local: Int) throws -> Int {
        let chunk = file.usable - 4
        var offset = local
        var pages: [Int] = []
        while offset < payload.count {
            pages.append(file.allocate())
            offset += chunk
        }
        offset = local
        for (i, page) in pages.enumerated() {
            let next = i + 1 < pages.count ? pages[i + 1] : 0
            for j in 0..<4 { overflowPage[j] = UInt8(truncatingIfNeeded: next >> ((3 - j) * 8)) }
            let n = min(chunk, payload.count - offset)
            for j in 0..<n { overflowPage[4 + j] = payload[offset + j] }
            for j in (4 + n)..<file.pageSize { overflowPage[j] = 0 }
            try overflowPage.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                try file.write(base, at: page)
            }
            offset += n
        }
        return pages.first ?? 0
    }

    /// Adds the next entry: a record (index b-trees), or a record and its rowid (table b-trees), in
    /// increasing key order.
    func add(record: UnsafeBufferPointer<UInt8>, rowid: Int64 = 0) throws {
        cell.removeAll(keepingCapacity: true)
        Varint.append(UInt64(record.count), to: &cell)
        if kind == .table { Varint.append(UInt64(bitPattern: rowid), to: &cell) }
        let local = localSize(record.count)
        cell.append(contentsOf: UnsafeBufferPointer(rebasing: record[0..<local]))
        if local < record.count {
            let first = try writeOverflow(record, from: local)
            for j in 0..<4 { cell.append(UInt8(truncatingIfNeeded: first >> ((3 - j) * 8))) }
        }
        entries += 1
        if levels.isEmpty {
            levels.append(newPage(level: 0))
            realSizes.append([])
        }
        if !levels[0].fits(cell.count) { try closeLeaf() }
        cell.withUnsafeBufferPointer { levels[0].add($0) }
        realSizes[0].append(cell.count)
        levels[0].lastKey = rowid
    }

    /// Writes the full leaf and hands its separator to the level above.
    private func closeLeaf() throws {
        switch kind {
        case .index:
            // The leaf's last entry moves up: in an index b-tree every entry is in exactly one cell.
            let moved = levels[0].removeLast(realSize: realSizes[0].removeLast())
            let page = try write(level: 0, rightChild: 0)
            try push(level: 1, child: page, cellBody: moved, key: 0)
        case .table:
            let key = levels[0].lastKey
            let page = try write(level: 0, rightChild: 0)
            try push(level: 1, child: page, cellBody: [], key: key)
        }
        levels[0] = newPage(level: 0)
        realSizes[0] = []
    }

    /// Writes level `level`'s open page at a new page number and returns it.
    private func write(level: Int, rightChild: Int, at number: Int? = nil) throws -> Int {
        let page = number ?? file.allocate()
        levels[level].seal(rightChild: rightChild)
        try levels[level].bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            try file.write(base, at: page)
        }
        return page
    }

    /// Adds a cell pointing at `child` to the open page of `level` (an index entry's cell bytes, or a
    /// table b-tree's key: the largest rowid under `child`).
    private func push(level: Int, child: Int, cellBody: [UInt8], key: Int64) throws {
        if levels.count <= level {
            levels.append(newPage(level: level))
            realSizes.append([])
        }
        var interior: [UInt8] = []
        interior.reserveCapacity(4 + max(cellBody.count, 9))
        for j in 0..<4 { interior.append(UInt8(truncatingIfNeeded: child >> ((3 - j) * 8))) }
        if kind == .index { interior.append(contentsOf: cellBody) } else { Varint.append(UInt64(bitPattern: key), to: &interior) }
        if !levels[level].fits(interior.count) {
            // Full: its last cell's child becomes the page's right child, and that cell's entry (index)
            // or key (table) moves up with the page.
            let last = levels[level].removeLast(realSize: realSizes[level].removeLast())
            let lastChild = Int(last[0]) << 24 | Int(last[1]) << 16 | Int(last[2]) << 8 | Int(last[3])
            let page = try write(level: level, rightChild: lastChild)
            let upKey = levels[level].lastKey
            levels[level] = newPage(level: level)
            realSizes[level] = []
            try push(level: level + 1, child: page, cellBody: Array(last[4...]), key: upKey)
        }
        interior.withUnsafeBufferPointer { levels[level].add($0) }
        realSizes[level].append(interior.count)
        levels[level].lastKey = key
    }

    /// Writes the open pages bottom up, the top one at the root page.
    func finish() throws {
        guard entries > 0 else { return }
        var child = 0
        for level in levels.indices {
            let isTop = level == levels.count - 1
            child = try write(level: level, rightChild: child, at: isTop ? root : nil)
        }
        levels.removeAll()
        realSizes.removeAll()
    }
}
