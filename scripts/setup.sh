#!/usr/bin/env bash
# Install what tamis needs to build and test; idempotent (a fast no-op when all is present).
#
#   scripts/setup.sh
#
# Installs only what is missing:
#   - Debian packages: rustc-web cargo-web rust-web-src lld-22 (the reference wasm toolchain:
#     rustc/cargo 1.96 in /usr/bin with the std sources, built with -Zbuild-std), chromium and
#     chromium-driver (browser tests). `apt-get update` runs only if something is missing.
#   - wasm32 target via rustup, ONLY where the Debian toolchain is not available (a laptop):
#     `rustup target add wasm32-unknown-unknown`, under a timeout (that download hangs on
#     the project's build machines, which is why the Debian route exists).
#   - rustfmt and clippy (rustup components).
#   - wasm-bindgen-cli at exactly the version pinned in Cargo.toml (wasm-bindgen = "=X").
#   - tests/e2e npm packages, `npm ci` from the committed lock (no browser download).
#   - cargo-fuzz, ONLY with TAMIS_FUZZ=1 (scripts/test.sh sets it for its optional fuzz step).
#
# Environment:
#   TAMIS_WASM_ROUTE=debian|rustup   force a route (default: debian when apt can provide it)
#   TAMIS_RUSTUP_TIMEOUT=seconds     timeout of `rustup target add` (default 120)
#   TAMIS_SKIP_NPM=1                 skip the npm part
#   TAMIS_FUZZ=1                     also install cargo-fuzz (scripts/fuzz.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

log() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    have sudo || die "not root and no sudo: cannot install system packages"
    SUDO=(sudo env DEBIAN_FRONTEND=noninteractive)
fi

# ---------------------------------------------------------------- Debian packages
WASM_APT=(rustc-web cargo-web rust-web-src lld-22)
BROWSER_APT=(chromium chromium-driver)
apt_installed() { grep -q 'install ok installed' <<<"$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)"; }
apt_candidate() {
    local c
    c=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
    [[ -n $c && $c != "(none)" ]]
}

route=${TAMIS_WASM_ROUTE:-}
if have apt-get && have dpkg-query; then
    want=("${BROWSER_APT[@]}")
    [[ $route == rustup ]] || want+=("${WASM_APT[@]}")
    missing=()
    for p in "${want[@]}"; do apt_installed "$p" || missing+=("$p"); done
    if ((${#missing[@]})); then
        log "missing Debian packages: ${missing[*]}"
        log "apt-get update"
        "${SUDO[@]}" apt-get update -q
        available=()
        for p in "${missing[@]}"; do
            if apt_candidate "$p"; then available+=("$p"); else log "WARNING: apt has no package $p"; fi
        done
        if ((${#available[@]})); then
            log "apt-get install ${available[*]}"
            "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${available[@]}"
        fi
    else
        log "Debian packages present: ${want[*]}"
    fi
    if [[ -z $route ]]; then
        if apt_installed rustc-web && apt_installed rust-web-src && apt_installed lld-22; then
            route=debian
        else
            route=rustup
        fi
    fi
else
    route=${route:-rustup}
    log "no apt-get: install Chromium + ChromeDriver yourself for the browser tests"
fi

# ---------------------------------------------------------------- wasm32 toolchain
if [[ $route == debian ]]; then
    [[ -x /usr/bin/rustc && -d /usr/lib/rustlib/src/rust/library ]] ||
        die "Debian route chosen but /usr/bin/rustc or its std sources are missing"
    have wasm-ld-22 || die "Debian route chosen but wasm-ld-22 (lld-22) is missing"
    log "wasm32 route: debian ($(/usr/bin/rustc -V), wasm-ld-22, -Zbuild-std): reference route"
    # The committed pkg/ records the compiler that built it: say so early if this one differs
    # (e.g. Debian's security suite moved rustc-web on, or only bookworm's 1.85 was available).
    if [[ -f pkg/TOOLCHAIN.txt ]]; then
        want_rustc=$(sed -n 's/^commit-hash: //p' pkg/TOOLCHAIN.txt)
        have_rustc=$(/usr/bin/rustc -vV | sed -n 's/^commit-hash: //p')
        if [[ -n $want_rustc && $want_rustc != "$have_rustc" ]]; then
            log "WARNING: pkg/ was built by rustc $want_rustc, /usr/bin/rustc is $have_rustc:"
            log "         scripts/build-wasm.sh --check will fail until pkg/ is rebuilt with this compiler"
        fi
    fi
else
    have rustup || die "no Debian toolchain and no rustup: cannot get a wasm32 target"
    if grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
        log "wasm32 route: rustup (target already installed); pkg/ bytes will differ from the reference"
    else
        t=${TAMIS_RUSTUP_TIMEOUT:-120}
        log "rustup target add wasm32-unknown-unknown (timeout ${t}s)"
        timeout --kill-after=10 "$t" rustup target add wasm32-unknown-unknown ||
            die "rustup target add wasm32-unknown-unknown failed or timed out; on Debian 12 use the
       Debian route instead: apt-get install rustc-web cargo-web rust-web-src lld-22"
    fi
fi

# ---------------------------------------------------------------- rustfmt, clippy
need_comp=()
cargo fmt --version >/dev/null 2>&1 || need_comp+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || need_comp+=(clippy)
if ((${#need_comp[@]})); then
    log "rustup component add ${need_comp[*]}"
    timeout --kill-after=10 600 rustup component add "${need_comp[@]}"
else
    log "rustfmt and clippy present"
fi

# ---------------------------------------------------------------- wasm-bindgen-cli
# The CLI must equal the wasm-bindgen crate exactly: read the `=X` pin from Cargo.toml.
wb_version=$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=([0-9][0-9A-Za-z.+-]*)".*/\2/p' Cargo.toml | head -n1)
[[ -n $wb_version ]] ||
    die 'Cargo.toml must pin wasm-bindgen exactly (wasm-bindgen = "=X.Y.Z") so the CLI can match it'
lock_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock 2>/dev/null || true)
if [[ -n $lock_version && $lock_version != "$wb_version" ]]; then
    die "Cargo.lock has wasm-bindgen $lock_version but Cargo.toml pins =$wb_version"
fi
have_wb=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [[ $have_wb == "$wb_version" && $have_runner == "$wb_version" ]]; then
    log "wasm-bindgen-cli $wb_version present"
else
    log "cargo install wasm-bindgen-cli --version =$wb_version (found: ${have_wb:-none}; takes ~2-3 min)"
    # Not --locked: the CLI's own lock names a dependency version missing from crates.io.
    cargo install --force wasm-bindgen-cli --version "=$wb_version"
fi

# ---------------------------------------------------------------- npm (tests/e2e)
if [[ ${TAMIS_SKIP_NPM:-} == 1 ]]; then
    log "npm: skipped (TAMIS_SKIP_NPM=1)"
elif [[ -f tests/e2e/package.json ]]; then
    if ! have node || ! have npm; then die "node and npm are needed for tests/e2e"; fi
    node_major=$(node -p 'process.versions.node.split(".")[0]')
    ((node_major >= 20)) || die "Node.js >= 20 needed (found $(node -v))"
    [[ -f tests/e2e/package-lock.json ]] || die "tests/e2e/package-lock.json is missing (commit it)"
    # The lock must only point at the npm registry (or at nothing: resolved URLs omitted, as
    # with npm's omit-lockfile-registry-resolved); no git, file: or link dependencies.
    if grep -nE '"resolved": *"' tests/e2e/package-lock.json | grep -vE '"https://registry\.npmjs\.org/' ||
        grep -nE '"link": *true' tests/e2e/package-lock.json; then
        die "tests/e2e/package-lock.json refers to something other than registry.npmjs.org (lines above)"
    fi
    stamp=tests/e2e/node_modules/.tamis-lock.sha256
    lock_sum=$( (sha256sum tests/e2e/package-lock.json; node -v) | sha256sum | cut -d' ' -f1)
    if [[ -f $stamp && $(cat "$stamp") == "$lock_sum" ]]; then
        log "tests/e2e/node_modules up to date"
    else
        log "npm ci in tests/e2e (no browser download)"
        (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
        echo "$lock_sum" >"$stamp"
    fi
fi

# ---------------------------------------------------------------- cargo-fuzz (optional)
if [[ ${TAMIS_FUZZ:-} == 1 ]]; then
    if cargo fuzz --version >/dev/null 2>&1; then
        log "cargo-fuzz present"
    else
        log "cargo install cargo-fuzz (about 1 min)"
        cargo install --locked cargo-fuzz || cargo install cargo-fuzz
    fi
fi

# ---------------------------------------------------------------- summary
log "ready:"
{
    echo "  cargo:        $(cargo -V)"
    [[ $route == debian ]] && echo "  wasm rustc:   $(/usr/bin/rustc -V) (route debian)"
    [[ $route == rustup ]] && echo "  wasm rustc:   $(rustc -V) (route rustup)"
    echo "  wasm-bindgen: $(wasm-bindgen --version)"
    have chromium && echo "  chromium:     $(chromium --version 2>/dev/null | head -n1)"
    have chromedriver && echo "  chromedriver: $(chromedriver --version 2>/dev/null | head -n1 | cut -d' ' -f1-2)"
    have node && echo "  node:         $(node -v)"
    [[ ${TAMIS_FUZZ:-} == 1 ]] && echo "  cargo-fuzz:   $(cargo fuzz --version 2>/dev/null)"
} || true
