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
    @exclusivity(unchecked) private(set) var pageCount: Int
    /// Consecutive pages waiting to be written: `pending` holds pages `pendingFirst ..< pendingFirst + n`.
    @exclusivity(unchecked) private var pending: UnsafeMutablePointer<UInt8>
    private let pendingCapacity: Int
    @exclusivity(unchecked) private var pendingFirst = 0
    @exclusivity(unchecked) private var pendingPages = 0

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
    @exclusivity(unchecked) private var levels: [PageBuffer] = []
    /// The cell being made (a leaf cell, then moved up unchanged as an index b-tree's interior cell
    /// after a 4-byte child pointer).
    @exclusivity(unchecked) private var cell: UnsafeMutablePointer<UInt8>
    private let cellCapacity: Int
    @exclusivity(unchecked) private var overflowPage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var entries = 0
    private let maxLocal: Int
    private let minLocal: Int

    init(file: BTreeFile, root: Int, kind: Kind) {
        self.file = file
        self.root = root
        self.kind = kind
        cellCapacity = file.pageSize + 32
        cell = .allocate(capacity: cellCapacity)
        overflowPage = .allocate(capacity: file.pageSize)
        let u = file.usable
        maxLocal = kind == .index ? (u - 12) * 64 / 255 - 23 : u - 35
        minLocal = (u - 12) * 32 / 255 - 23
    }

    deinit {
        cell.deallocate()
        overflowPage.deallocate()
    }

    /// A page being filled: cells are placed from the end of the usable area downward, and their
    /// pointers written at once after the header, in key order.
    private final class PageBuffer {
        let bytes: UnsafeMutablePointer<UInt8>
        let size: Int
        @exclusivity(unchecked) var cells = 0
        @exclusivity(unchecked) var contentStart: Int
        let headerSize: Int
        let type: UInt8
        /// The last cell added: where it is, its real and its padded size.
        @exclusivity(unchecked) var lastOffset = 0
        @exclusivity(unchecked) var lastSize = 0
        @exclusivity(unchecked) var lastPadded = 0
        /// The largest rowid in the page (table leaves) or in its subtree so far (table interior pages).
        @exclusivity(unchecked) var lastKey: Int64 = 0
        let usable: Int

        init(size: Int, usable: Int, type: UInt8) {
            self.size = size
            self.usable = usable
            bytes = .allocate(capacity: size)
            bytes.initialize(repeating: 0, count: size)
            contentStart = usable
            self.type = type
            headerSize = type == 0x0A || type == 0x0D ? 8 : 12
        }

        deinit { bytes.deallocate() }

        func reset() {
            cells = 0
            contentStart = usable
        }

        @inline(__always)
        func fits(_ size: Int) -> Bool {
            headerSize + 2 * (cells + 1) + max(size, 4) <= contentStart
        }

        /// Adds a cell of `count` bytes (at least 4 are taken: SQLite's smallest cell).
        @inline(__always)
        func add(_ cell: UnsafePointer<UInt8>, _ count: Int) {
            let padded = max(count, 4)
            contentStart -= padded
            (bytes + contentStart).update(from: cell, count: count)
            if padded > count { (bytes + contentStart + count).update(repeating: 0, count: padded - count) }
            let pointer = headerSize + 2 * cells
            bytes[pointer] = UInt8(contentStart >> 8)
            bytes[pointer + 1] = UInt8(contentStart & 0xFF)
            cells += 1
            lastOffset = contentStart
            lastSize = count
            lastPadded = padded
        }

        /// Removes the last cell added and copies its bytes to `into`; returns their count. Only once
        /// per page (the page is written next).
        func removeLast(into: UnsafeMutablePointer<UInt8>) -> Int {
            into.update(from: bytes + lastOffset, count: lastSize)
            cells -= 1
            contentStart += lastPadded
            return lastSize
        }

        /// The page's header, ready to write; `rightChild` for interior pages.
        func seal(rightChild: Int) {
            bytes[0] = type
            bytes[1] = 0
            bytes[2] = 0
            bytes[3] = UInt8(cells >> 8)
            bytes[4] = UInt8(cells & 0xFF)
            let start = contentStart == 65536 ? 0 : contentStart
            bytes[5] = UInt8(start >> 8)
            bytes[6] = UInt8(start & 0xFF)
            bytes[7] = 0
            if headerSize == 12 {
                for i in 0..<4 { bytes[8 + i] = UInt8(truncatingIfNeeded: rightChild >> ((3 - i) * 8)) }
            }
        }
    }

    private func newPage(level: Int) -> PageBuffer {
        let type: UInt8
        switch (kind, level) {
        case (.index, 0): type = 0x0A
        case (.index, _): type = 0x02
        case (.table, 0): type = 0x0D
        case (.table, _): type = 0x05
        }
        return PageBuffer(size: file.pageSize, usable: file.usable, type: type)
    }

    /// The bytes of a payload kept on a page, by SQLite's rule (`maxLocal`, `minLocal`).
    @inline(__always)
    private func localSize(_ payload: Int) -> Int {
        if payload <= maxLocal { return payload }
        let k = minLocal + (payload - minLocal) % (file.usable - 4)
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
            if let base = payload.baseAddress { (overflowPage + 4).update(from: base + offset, count: n) }
            (overflowPage + 4 + n).update(repeating: 0, count: file.pageSize - 4 - n)
            try file.write(overflowPage, at: page)
            offset += n
        }
        return pages.first ?? 0
    }

    /// Adds the next entry: a record (index b-trees), or a record and its rowid (table b-trees), in
    /// increasing key order.
    func add(record: UnsafeBufferPointer<UInt8>, rowid: Int64 = 0) throws {
        var n = Varint.write(UInt64(record.count), to: cell)
        if kind == .table { n += Varint.write(UInt64(bitPattern: rowid), to: cell + n) }
        let local = localSize(record.count)
        if let base = record.baseAddress { (cell + n).update(from: base, count: local) }
        n += local
        if local < record.count {
            let first = try writeOverflow(record, from: local)
            for j in 0..<4 { cell[n + j] = UInt8(truncatingIfNeeded: first >> ((3 - j) * 8)) }
            n += 4
        }
        entries += 1
        if levels.isEmpty { levels.append(newPage(level: 0)) }
        let leaf = levels[0]
        if !leaf.fits(n) { try closeLeaf(leaf) }
        leaf.add(cell, n)
        leaf.lastKey = rowid
    }

    /// Writes the full leaf and hands its separator to the level above; the leaf is reused.
    private func closeLeaf(_ leaf: PageBuffer) throws {
        switch kind {
        case .index:
            // The leaf's last entry moves up: in an index b-tree every entry is in exactly one cell.
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: cellCapacity + 4)
            defer { moved.deallocate() }
            let count = leaf.removeLast(into: moved + 4)
            let page = try write(leaf, rightChild: 0)
            try push(level: 1, child: page, interior: moved, count: count + 4, key: 0)
        case .table:
            let key = leaf.lastKey
            let page = try write(leaf, rightChild: 0)
            let interior = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
            defer { interior.deallocate() }
            let count = Varint.write(UInt64(bitPattern: key), to: interior + 4)
            try push(level: 1, child: page, interior: interior, count: count + 4, key: key)
        }
        leaf.reset()
    }

    /// Writes a page at a new page number (or `number`) and returns it.
    private func write(_ page: PageBuffer, rightChild: Int, at number: Int? = nil) throws -> Int {
        let at = number ?? file.allocate()
        page.seal(rightChild: rightChild)
        try file.write(page.bytes, at: at)
        return at
    }

    /// Adds a cell pointing at `child` to the open page of `level`: `interior` holds 4 free bytes for
    /// the child pointer, then the cell's rest (an index entry's cell, or a table b-tree's key: the
    /// largest rowid under `child`).
    private func push(level: Int, child: Int, interior: UnsafeMutablePointer<UInt8>, count: Int, key: Int64) throws {
        if levels.count <= level { levels.append(newPage(level: level)) }
        for j in 0..<4 { interior[j] = UInt8(truncatingIfNeeded: child >> ((3 - j) * 8)) }
        let page = levels[level]
        if !page.fits(count) {
            // Full: its last cell's child becomes the page's right child, and that cell's entry (index)
            // or key (table) moves up with the page.
            let last = UnsafeMutablePointer<UInt8>.allocate(capacity: cellCapacity + 8)
            defer { last.deallocate() }
            let lastCount = page.removeLast(into: last)
            let lastChild = Int(last[0]) << 24 | Int(last[1]) << 16 | Int(last[2]) << 8 | Int(last[3])
            let upKey = page.lastKey
            let written = try write(page, rightChild: lastChild)
            page.reset()
            try push(level: level + 1, child: written, interior: last, count: lastCount, key: upKey)
        }
        page.add(interior, count)
        page.lastKey = key
    }

    /// Writes the open pages bottom up, the top one at the root page.
    func finish() throws {
        guard entries > 0 else { return }
        var child = 0
        for level in levels.indices {
            let isTop = level == levels.count - 1
            child = try write(levels[level], rightChild: child, at: isTop ? root : nil)
        }
        levels.removeAll()
    }
}
