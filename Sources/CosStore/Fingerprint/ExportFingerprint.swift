/// The fingerprint of a billing export: one SHA-256 that changes whenever a byte of any of its files
/// changes, so a saved script can tell whether it is replayed on the data it was saved from.
///
/// Each file's SHA-256 is computed while the import reads it (the CSV reader hands every buffer it
/// fills to `watch`'s digest: no second pass over the data). The fingerprint is then the SHA-256 of
/// the text `sha256sum` prints for those files in byte order of their names: one line
/// `HEX  NAME\n` per file (64 lower-case hex digits, two spaces, the file name). The files are the
/// ten CSV files of the contract and `manifest.json` when it exists, so in the data directory
///
///     sha256sum charge_tickets.csv contracts.csv invoices.csv manifest.json object_profiles.csv \
///       object_types.csv objects.csv organizations.csv product_categories.csv products.csv \
///       usage_events.csv | sha256sum
///
/// prints the same value (see docs/data-contract.md).
public final class ExportFingerprint {
    private var digests: [(name: String, digest: SHA256Digest)] = []

    public init() {}

    /// Digests the file `name` as `reader` reads it.
    public func watch(_ reader: CSVReader, name: String) {
        let digest = SHA256Digest()
        digests.append((name, digest))
        reader.onRead = { digest.update($0) }
    }

    /// Digests a file read whole (`manifest.json`).
    public func add(name: String, bytes: [UInt8]) {
        let digest = SHA256Digest()
        digest.update(bytes)
        digests.append((name, digest))
    }

    /// The `sha256sum` lines of the files, in byte order of their names.
    public var lines: String {
        digests.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { $0.digest.hex() + "  " + $0.name + "\n" }.joined()
    }

    /// The fingerprint: 64 lower-case hex digits.
    public var value: String { SHA256Digest.hex(of: Array(lines.utf8)) }

    /// The key of the store's `meta` table that holds the fingerprint.
    public static let metaKey = "fingerprint"
}
