# Shared by scripts/cos and scripts/test: install what is missing, then build.
# Sourced, not run. Works as root, or as a normal user with sudo.

cos_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cos_need_packages() {
    # Debian packages cos builds and tests with, and any named as arguments (postgresql for the tests).
    local wanted=(libedit-dev libsqlite3-dev libssl-dev libpq-dev pkg-config sqlite3 tmux "$@")
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "cos: installing ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "cos: need root or sudo to install: ${missing[*]}" >&2; return 1; fi
    fi
    $sudo apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
}

cos_need_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
            [ -x "$d/swift" ] && export PATH="$d:$PATH" && return 0
        done
        echo "cos: the Swift toolchain (6.0 or newer) is not installed; see https://www.swift.org/install/linux/" >&2
        return 1
    fi
}

# PostgreSQL's server programs (initdb, pg_ctl, postgres): the newest installed, else "".
cos_postgres_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

# Starts a throwaway PostgreSQL server: initdb into a temporary directory, a Unix socket there and a
# free TCP port on 127.0.0.1 (password logins, for the tests of a wrong password), no fsync. Runs it
# as the `postgres` user when we are root (PostgreSQL refuses root). Sets:
#   COS_PG_DIR     the directory (removed by cos_stop_postgres)
#   COS_PG_PORT    the port
#   COS_PG_CONNINFO  "host=DIR port=PORT user=postgres dbname=cos_test" (socket, trust)
# Usage: cos_start_postgres; trap cos_stop_postgres EXIT
cos_start_postgres() {
    local bindir
    bindir=$(cos_postgres_bindir) || true
    if [ -z "$bindir" ]; then
        echo "cos: PostgreSQL's server is not installed (Debian package postgresql)" >&2
        return 1
    fi
    COS_PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cos-pg.XXXXXX")
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "cos: no postgres user to run the server as" >&2; return 1; }
        chown postgres: "$COS_PG_DIR"
        chmod 755 "$COS_PG_DIR"
        as=(runuser -u postgres --)
    fi
    "${as[@]}" "$bindir/initdb" -D "$COS_PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$COS_PG_DIR/initdb.log" 2>&1 || {
        cat "$COS_PG_DIR/initdb.log" >&2; return 1; }
    local attempt
    for attempt in 1 2 3 4 5 6 7 8; do
        COS_PG_PORT=$((20000 + (RANDOM * 7 + $$ + attempt * 131) % 40000))
        if "${as[@]}" "$bindir/pg_ctl" -D "$COS_PG_DIR/data" -l "$COS_PG_DIR/server.log" -w -t 60 start \
            -o "-p $COS_PG_PORT -k $COS_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=60 ${COS_PG_SERVER_OPTIONS:-}" \
            >/dev/null 2>&1; then
            COS_PG_CONNINFO="host=$COS_PG_DIR port=$COS_PG_PORT user=postgres dbname=cos_test"
            "$bindir/../bin/psql" -X -q -v ON_ERROR_STOP=1 "host=$COS_PG_DIR port=$COS_PG_PORT user=postgres dbname=postgres" \
                -c "CREATE DATABASE cos_test TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'" >/dev/null 2>&1 \
                || { echo "cos: could not create the test database" >&2; return 1; }
            export COS_PG_DIR COS_PG_PORT COS_PG_CONNINFO
            return 0
        fi
    done
    echo "cos: the PostgreSQL test server did not start:" >&2
    tail -n 20 "$COS_PG_DIR/server.log" >&2 2>/dev/null
    return 1
}

# Stops the server of cos_start_postgres and removes its directory (safe to call twice).
cos_stop_postgres() {
    [ -n "${COS_PG_DIR:-}" ] && [ -d "$COS_PG_DIR" ] || return 0
    local bindir as=()
    bindir=$(cos_postgres_bindir) || true
    [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
    [ -n "$bindir" ] && "${as[@]}" "$bindir/pg_ctl" -D "$COS_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$COS_PG_DIR"
    COS_PG_DIR=""
}
