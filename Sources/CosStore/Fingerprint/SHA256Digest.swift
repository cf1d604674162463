import CCrypto

/// A running SHA-256 (OpenSSL's libcrypto, which uses the CPU's SHA instructions where it has them).
///
/// Bytes are fed in as they are read (`update`), so a digest of a file costs no second pass over it.
public final class SHA256Digest {
    private let context: OpaquePointer?
    private var finished: [UInt8]?

    public init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the digest. Ignored after `finish()`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard finished == nil, let context, let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32 bytes of the digest; the first call ends it (later calls return the same bytes).
    /// Empty when libcrypto could not make a context (out of memory), which no caller mistakes for a
    /// digest: its hex is the empty string.
    public func finish() -> [UInt8] {
        if let finished { return finished }
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard let context, EVP_DigestFinal_ex(context, &out, &length) == 1 else {
            finished = []
            return []
        }
        let digest = Array(out.prefix(Int(length)))
        finished = digest
        return digest
    }

    /// The digest as 64 lower-case hex digits.
    public func hex() -> String { Self.hex(finish()) }

    /// SHA-256 of some bytes, in hex.
    public static func hex(of bytes: [UInt8]) -> String {
        let digest = SHA256Digest()
        digest.update(bytes)
        return digest.hex()
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
