/// The data contract's value rules as SQL functions, so that `--from-schema` checks and converts the
/// rows inside the server exactly as the CSV import does in Swift (`ExportFileReader`, `CivilDate`,
/// `Timestamp`, `ExactDecimal`, `CurrencyCode`), with the same messages.
///
/// They are created in `pg_temp` (the session's own schema, gone with the session): plain SQL
/// functions that the planner inlines, without exceptions (nothing is cast before it is known to fit).
enum ContractSQL {
    static let notADecimal = "not a decimal number (like 12, -3.5 or 0.0042)"
    static let tooLarge = "too large (the limit is 9223372036854.775807)"
    static let tooManyDigits = "more than 6 digits after the decimal point"
    static let notADate = "not a date (YYYY-MM-DD)"
    static let notATimestamp = "not an ISO 8601 timestamp (2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00 or 2026-03-01)"
    static let notACurrency = "not a currency code (three letters, ISO 4217, like SEK or EUR)"
    static let notAStatus = "not a status: draft, final or void"
    static let empty = "a required value is empty"

    /// The usual form of a timestamp: `YYYY-MM-DDTHH:MM:SS`, an optional fraction, and `Z` or `+hh:mm`,
    /// matched without capture groups (`regexp_match` with groups costs 70 µs a row, `~` one) and read
    /// by position. Any other form is read by `pg_temp.cos_seconds`.
    static let commonTimestamp =
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.][0-9]+)?(?:Z|[+-][0-9]{2}:[0-9]{2})$"

    /// Seconds since 1970 in UTC of the text `x` (an SQL expression; NULL when it is not a timestamp).
    static func seconds(_ x: String) -> String {
        let local = "(substr(\(x), 1, 10)::date - DATE '1970-01-01')::bigint * 86400 + substr(\(x), 12, 2)::bigint * 3600 "
            + "+ substr(\(x), 15, 2)::bigint * 60 + substr(\(x), 18, 2)::bigint"
        let offset = "(substr(right(\(x), 5), 1, 2)::bigint * 3600 + substr(right(\(x), 5), 4, 2)::bigint * 60)"
        return """
            CASE WHEN \(x) IS NULL THEN NULL
              WHEN \(x) !~ '\(commonTimestamp)' THEN pg_temp.cos_seconds(\(x))
              WHEN NOT pg_temp.cos_is_date(substr(\(x), 1, 10)) OR substr(\(x), 12, 2)::int > 23 OR substr(\(x), 15, 2)::int > 59
                OR substr(\(x), 18, 2)::int > 60 THEN NULL
              WHEN right(\(x), 1) = 'Z' THEN \(local)
              WHEN substr(right(\(x), 5), 1, 2)::int > 23 OR substr(right(\(x), 5), 4, 2)::int > 59 THEN NULL
              ELSE \(local) - CASE substr(right(\(x), 6), 1, 1) WHEN '+' THEN 1 ELSE -1 END * \(offset)
            END
            """
    }

    static var functions: [String] {
        [
            // The days of a month (CivilDate.daysIn).
            """
            CREATE FUNCTION pg_temp.cos_days_in(y int, m int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE m WHEN 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END
                WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END $$
            """,
            // Exactly YYYY-MM-DD, a real date of the years 0001 to 9999 (CivilDate(parsing:)).
            """
            CREATE FUNCTION pg_temp.cos_is_date(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE WHEN x !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN false
                WHEN substr(x, 1, 4)::int < 1 OR substr(x, 6, 2)::int NOT BETWEEN 1 AND 12 THEN false
                ELSE substr(x, 9, 2)::int BETWEEN 1 AND pg_temp.cos_days_in(substr(x, 1, 4)::int, substr(x, 6, 2)::int) END $$
            """,
            """
            CREATE FUNCTION pg_temp.cos_date_problem(x text, required boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE WHEN x IS NULL THEN CASE WHEN required THEN '\(empty)' END
                WHEN NOT pg_temp.cos_is_date(x) THEN '\(notADate)' END $$
            """,
            // Month ordinal (year * 12 + month - 1) of a valid date's text.
            """
            CREATE FUNCTION pg_temp.cos_month(x text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
              SELECT substr(x, 1, 4)::bigint * 12 + substr(x, 6, 2)::bigint - 1 $$
            """,
            // ExactDecimal(parsingUTF8:), in the order it finds problems: the whole digits (too large),
            // then what follows them, then the fraction digits, then the scaled value.
            """
            CREATE FUNCTION pg_temp.cos_decimal_problem(x text, required boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE WHEN x IS NULL THEN CASE WHEN required THEN '\(empty)' END
                WHEN x !~ '^-?[0-9]' THEN '\(notADecimal)'
                WHEN substring(x from '^-?([0-9]+)')::numeric > 9223372036854775807 THEN '\(tooLarge)'
                WHEN x !~ '^-?[0-9]+($|\\.)' THEN '\(notADecimal)'
                WHEN x ~ '^-?[0-9]+\\.[0-9]{7}' THEN '\(tooManyDigits)'
                WHEN x !~ '^-?[0-9]+(\\.[0-9]+)?$' THEN '\(notADecimal)'
                WHEN abs(x::numeric) > 9223372036854.775807 THEN '\(tooLarge)' END $$
            """,
            // Days since 1970-01-01 of a valid date's text (CivilDate.daysSinceEpoch).
            """
            CREATE FUNCTION pg_temp.cos_day(x text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
              SELECT (x::date - DATE '1970-01-01')::bigint $$
            """,
            // The texts NameFolding folds byte by byte: ASCII and Latin-1's letters (not × and ÷).
            """
            CREATE FUNCTION pg_temp.cos_foldable(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
              SELECT x ~ '^[\\x01-\\x7f\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u00ff]*$' $$
            """,
            // NameFolding on such a text: A-Z lower-cased, the Latin-1 letters without their accents
            // (Æ ae, Þ th, ß ss, ÿ y).
            """
            CREATE FUNCTION pg_temp.cos_fold(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
              SELECT translate(replace(replace(replace(replace(replace(x, 'Æ', 'ae'), 'æ', 'ae'), 'Þ', 'th'), 'þ', 'th'), 'ß', 'ss'),
                'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿ',
                'abcdefghijklmnopqrstuvwxyzaaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyy') $$
            """,
            // A checked decimal in millionths.
            """
            CREATE FUNCTION pg_temp.cos_micros(x text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
              SELECT (x::numeric * 1000000)::bigint $$
            """,
            // CurrencyCode: three ASCII letters, lower case folded to upper case.
            """
            CREATE FUNCTION pg_temp.cos_currency_problem(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE WHEN x IS NULL THEN '\(empty)' WHEN upper(x) !~ '^[A-Z]{3}$' THEN '\(notACurrency)' END $$
            """,
            """
            CREATE FUNCTION pg_temp.cos_status_problem(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE WHEN x IS NULL THEN '\(empty)' WHEN lower(x) NOT IN ('draft', 'final', 'void') THEN '\(notAStatus)' END $$
            """,
            // Timestamp(parsing:): seconds since 1970 in UTC, or NULL when it is not a timestamp. A bare
            // date, or a date, `T` or a space, hh:mm[:ss[.fraction]] and an offset (Z, +hh, +hhmm, +hh:mm;
            // none is UTC). PL/pgSQL: its plans are kept for the session, where a SQL function with a
            // FROM clause would be planned again for every row.
            """
            CREATE FUNCTION pg_temp.cos_seconds(x text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE m text[];
            BEGIN
              m := regexp_match(x, '^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?(?:[Zz]|([+-])([0-9]{2})(?::?([0-9]{2}))?)?)?$');
              IF m IS NULL OR NOT pg_temp.cos_is_date(m[1]) THEN RETURN NULL; END IF;
              IF coalesce(m[2]::int, 0) > 23 OR coalesce(m[3]::int, 0) > 59 OR coalesce(m[4]::int, 0) > 60
                OR coalesce(m[6]::int, 0) > 23 OR coalesce(m[7]::int, 0) > 59 THEN RETURN NULL; END IF;
              RETURN (m[1]::date - DATE '1970-01-01')::bigint * 86400 + coalesce(m[2]::bigint, 0) * 3600
                + coalesce(m[3]::bigint, 0) * 60 + coalesce(m[4]::bigint, 0)
                - CASE m[5] WHEN '+' THEN 1 WHEN '-' THEN -1 ELSE 0 END
                  * (coalesce(m[6]::bigint, 0) * 3600 + coalesce(m[7]::bigint, 0) * 60);
            END $$
            """,
            // The UTC calendar date of seconds since 1970 (CivilDate(daysSinceEpoch:)) as year * 10000 +
            // month * 100 + day, and the second of that day.
            """
            CREATE FUNCTION pg_temp.cos_civil(seconds bigint, OUT ymd bigint, OUT sod bigint) LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE days bigint; z bigint; era bigint; doe bigint; yoe bigint; doy bigint; mp bigint; y bigint; m bigint; d bigint;
            BEGIN
              days := seconds / 86400;
              IF seconds % 86400 < 0 THEN days := days - 1; END IF;
              sod := seconds - days * 86400;
              z := days + 719468;
              era := z / 146097;
              IF z % 146097 < 0 THEN era := era - 1; END IF;
              doe := z - era * 146097;
              yoe := (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
              doy := doe - (365 * yoe + yoe / 4 - yoe / 100);
              mp := (5 * doy + 2) / 153;
              d := doy - (153 * mp + 2) / 5 + 1;
              m := CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END;
              y := yoe + era * 400 + CASE WHEN m <= 2 THEN 1 ELSE 0 END;
              ymd := y * 10000 + m * 100 + d;
            END $$
            """,
            // Timestamp.description: YYYY-MM-DDTHH:MM:SSZ in UTC.
            """
            CREATE FUNCTION pg_temp.cos_utc_text(seconds bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE c record;
            BEGIN
              c := pg_temp.cos_civil(seconds);
              -- lpad cuts a longer text: a five-digit year is written whole.
              RETURN CASE WHEN c.ymd / 10000 > 9999 THEN (c.ymd / 10000)::text ELSE lpad((c.ymd / 10000)::text, 4, '0') END || '-' || lpad((c.ymd / 100 % 100)::text, 2, '0') || '-'
                || lpad((c.ymd % 100)::text, 2, '0') || 'T' || lpad((c.sod / 3600)::text, 2, '0') || ':'
                || lpad((c.sod / 60 % 60)::text, 2, '0') || ':' || lpad((c.sod % 60)::text, 2, '0') || 'Z';
            END $$
            """,
            """
            CREATE FUNCTION pg_temp.cos_utc_month(seconds bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE c record;
            BEGIN
              c := pg_temp.cos_civil(seconds);
              RETURN (c.ymd / 10000) * 12 + c.ymd / 100 % 100 - 1;
            END $$
            """,
            // The UTC month ordinal of seconds since 1970 within the years 0001 to 9999 (floor division).
            """
            CREATE FUNCTION pg_temp.cos_month_of_seconds(seconds bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
              SELECT (extract(year FROM DATE '1970-01-01' + floor(seconds::numeric / 86400)::int) * 12
                + extract(month FROM DATE '1970-01-01' + floor(seconds::numeric / 86400)::int) - 1)::bigint $$
            """,
            // The years 0001 to 9999 in UTC (Timestamp.contractRange).
            """
            CREATE FUNCTION pg_temp.cos_timestamp_problem(x text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE s bigint;
            BEGIN
              IF x IS NULL THEN RETURN '\(empty)'; END IF;
              s := pg_temp.cos_seconds(x);
              IF s IS NULL THEN RETURN '\(notATimestamp)'; END IF;
              IF s < -62135596800 OR s > 253402300799 THEN
                RETURN 'in UTC this is ' || pg_temp.cos_utc_text(s) || ', outside the years 0001 to 9999';
              END IF;
              RETURN NULL;
            END $$
            """,
        ]
    }
}
