# Shared by scripts/cos and scripts/test: install what is missing, then build.
# Sourced, not run. Works as root, or as a normal user with sudo.

cos_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cos_need_packages() {
    # Debian packages cos builds and tests with.
    local wanted=(libedit-dev libsqlite3-dev libssl-dev pkg-config sqlite3 tmux)
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
