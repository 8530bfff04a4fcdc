# Installs what building and testing Mizan needs, skipping what is already there.
# Sourced by scripts/start and scripts/test; safe to run again.

mizan_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian/Ubuntu packages: the C toolchain for bundled SQLite, libclang for SQLite's
# session extension bindings, poppler and qpdf to check PDFs, the Unicode data files
# for the bidi conformance test; WebKitGTK and librsvg for the desktop app (Tauri 2);
# WebKitWebDriver, Xvfb and xauth for its end-to-end tests.
MIZAN_APT_PACKAGES=(build-essential pkg-config libclang-dev poppler-utils qpdf unicode-data
    libwebkit2gtk-4.1-dev librsvg2-dev libssl-dev file webkit2gtk-driver xvfb xauth)

# The UI's build tools (Vite 8) need Node.js 20.19 or newer.
MIZAN_NODE_MIN=20.19

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

mizan_node_ok() {
    command -v node >/dev/null || return 1
    local have
    have="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
    [ "$(printf '%s\n%s\n' "$MIZAN_NODE_MIN" "$have" | sort -V | head -1)" = "$MIZAN_NODE_MIN" ]
}

mizan_require_node() {
    local local_node="$mizan_root/target/node/node_modules/node/bin"
    [ -x "$local_node/node" ] && export PATH="$local_node:$PATH"
    mizan_node_ok && return 0
    command -v npm >/dev/null || mizan_install_system_packages nodejs npm
    mizan_node_ok && return 0
    # The distribution's Node.js is too old (Debian 12 ships 18): take Node 20 from the
    # npm registry, into the build folder, without touching the system.
    echo "setup: Node.js >= $MIZAN_NODE_MIN needed; installing Node 20 under target/node" >&2
    npm install --silent --prefix "$mizan_root/target/node" node@20 >/dev/null
    export PATH="$local_node:$PATH"
    mizan_node_ok || { echo "setup: could not get Node.js >= $MIZAN_NODE_MIN" >&2; return 1; }
}

# The UI's JavaScript dependencies, exactly as locked.
mizan_ui_deps() {
    if [ ! -d "$mizan_root/ui/node_modules" ] || [ "$mizan_root/ui/package-lock.json" -nt "$mizan_root/ui/node_modules/.package-lock.json" ]; then
        (cd "$mizan_root/ui" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# tauri-driver, the WebDriver bridge the end-to-end tests drive the app through.
mizan_require_tauri_driver() {
    command -v tauri-driver >/dev/null && return 0
    echo "setup: installing tauri-driver" >&2
    cargo install --locked --quiet tauri-driver --version 2.1.0
}

mizan_setup() {
    if [ "${MIZAN_SKIP_SYSTEM_SETUP:-}" != 1 ]; then
        mizan_install_system_packages "${MIZAN_APT_PACKAGES[@]}"
    fi
    mizan_require_rust
    mizan_require_node
    mizan_ui_deps
}
