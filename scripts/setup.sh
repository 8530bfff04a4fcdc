# Installs what building and testing Mizan needs, skipping what is already there.
# Sourced by scripts/start and scripts/test; safe to run again.

mizan_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian/Ubuntu packages: the C toolchain for bundled SQLite, libclang for SQLite's
# session extension bindings, poppler and qpdf to check PDFs, the Unicode data files
# for the bidi conformance test.
MIZAN_APT_PACKAGES=(build-essential pkg-config libclang-dev poppler-utils qpdf unicode-data)

mizan_as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}

mizan_install_system_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "setup: please install these packages with your system's package manager: ${missing[*]}" >&2
        return 1
    fi
    echo "setup: installing ${missing[*]}" >&2
    mizan_as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive mizan_as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

mizan_require_rust() {
    if ! command -v cargo >/dev/null; then
        [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null; then
        echo "setup: installing the Rust toolchain with rustup" >&2
        mizan_install_system_packages curl ca-certificates
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
        export PATH="$HOME/.cargo/bin:$PATH"
    fi
}

mizan_setup() {
    if [ "${MIZAN_SKIP_SYSTEM_SETUP:-}" != 1 ]; then
        mizan_install_system_packages "${MIZAN_APT_PACKAGES[@]}"
    fi
    mizan_require_rust
}
