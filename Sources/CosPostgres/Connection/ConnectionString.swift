/// PostgreSQL connection strings as psql takes them: a URL (`postgresql://user:secret@host:5432/db?sslmode=require`)
/// or `key=value` pairs (`host=db dbname=billing user=alice`). libpq parses and uses them (with the
/// `PG*` variables, the service file and the password file); cos only recognizes them and masks the
/// password wherever it shows one.
public enum ConnectionString {
    /// Whether a DATA argument names a PostgreSQL database: a `postgresql://` or `postgres://` URL, or
    /// `key=value` pairs (the first word is a libpq keyword followed by `=`, as in `service=billing` or
    /// `host=db dbname=billing`).
    public static func isConnectionString(_ text: String) -> Bool {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") { return true }
        var key = ""
        for character in text.drop(while: { $0 == " " || $0 == "\t" }) {
            if character == "=" || character == " " || character == "\t" { break }
            key.append(character)
        }
        guard let rest = text.drop(while: { $0 == " " || $0 == "\t" }).dropFirst(key.count).first(where: { $0 != " " && $0 != "\t" }),
            rest == "="
        else { return false }
        return keywords.contains(key)
    }

    /// libpq's connection keywords (`PQconndefaults`), so that a file named `a=b` is not taken for one.
    static let keywords: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "channel_binding",
        "connect_timeout", "client_encoding", "options", "application_name", "fallback_application_name",
        "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout",
        "replication", "gssencmode", "sslmode", "requiressl", "sslcompression", "sslcert", "sslkey",
        "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version",
        "ssl_max_protocol_version", "krbsrvname", "gsslib", "service", "target_session_attrs", "load_balance_hosts",
    ]

    /// The connection string with every password replaced by `***`: the password of a URL's user
    /// (`user:***@host`), a URL's `password=` parameter, and `password=` (quoted or not) in `key=value`
    /// pairs. Everything else is kept as written.
    public static func masked(_ text: String) -> String {
        for prefix in ["postgresql://", "postgres://"] where text.hasPrefix(prefix) {
            return prefix + maskedURL(String(text.dropFirst(prefix.count)))
        }
        return maskedPairs(text)
    }

    /// The part of a URL after `postgresql://`.
    private static func maskedURL(_ rest: String) -> String {
        var result = ""
        var remainder = Substring(rest)
        // libpq ends the user part at the first `@` before any `/`.
        if let end = remainder.firstIndex(where: { $0 == "@" || $0 == "/" }), remainder[end] == "@" {
            let user = remainder[..<end]
            if let colon = user.firstIndex(of: ":") {
                result += user[..<colon] + ":***@"
            } else {
                result += user + "@"
            }
            remainder = remainder[remainder.index(after: end)...]
        }
        guard let question = remainder.firstIndex(of: "?") else { return result + remainder }
        result += remainder[...question]
        let parameters = remainder[remainder.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        result += parameters.map { parameter -> String in
            guard let equals = parameter.firstIndex(of: "=") else { return String(parameter) }
            let key = parameter[..<equals]
            return isPasswordKey(String(key)) ? key + "=***" : String(parameter)
        }.joined(separator: "&")
        return result
    }

    /// `key=value` pairs, parsed as libpq does (spaces around `=`, values in single quotes with `\`
    /// escapes, or bare up to a space).
    private static func maskedPairs(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var i = 0
        while i < characters.count {
            // Spaces between pairs.
            while i < characters.count, characters[i].isWhitespace {
                result.append(characters[i])
                i += 1
            }
            var key = ""
            while i < characters.count, characters[i] != "=", !characters[i].isWhitespace {
                key.append(characters[i])
                i += 1
            }
            result += key
            while i < characters.count, characters[i].isWhitespace {
                result.append(characters[i])
                i += 1
            }
            guard i < characters.count, characters[i] == "=" else { continue }
            result.append("=")
            i += 1
            while i < characters.count, characters[i].isWhitespace {
                result.append(characters[i])
                i += 1
            }
            var value = ""
            if i < characters.count, characters[i] == "'" {
                value.append("'")
                i += 1
                while i < characters.count {
                    let c = characters[i]
                    value.append(c)
                    i += 1
                    if c == "\\", i < characters.count {
                        value.append(characters[i])
                        i += 1
                    } else if c == "'" {
                        break
                    }
                }
            } else {
                while i < characters.count, !characters[i].isWhitespace {
                    let c = characters[i]
                    value.append(c)
                    i += 1
                    if c == "\\", i < characters.count {
                        value.append(characters[i])
                        i += 1
                    }
                }
            }
            result += isPasswordKey(key) ? "***" : value
        }
        return result
    }

    private static func isPasswordKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower == "password" || lower == "sslpassword"
    }
}
