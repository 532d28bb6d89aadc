#!/usr/bin/env bash
# The project's test command: everything CI checks, in order, stopping at the first failure.
#
#   scripts/test.sh              all steps
#   scripts/test.sh STEP...      only these steps (setup is still run unless TAMIS_SKIP_SETUP=1)
#
# Steps: setup fmt clippy native wasm pkg e2e [fuzz]
#   setup   scripts/setup.sh (installs what is missing; a no-op when all is present)
#   fmt     cargo fmt --all --check
#   clippy  cargo clippy --all-targets --locked -- -D warnings, then the API docs built
#           with warnings denied (broken or private intra-doc links)
#   native  cargo test --locked (TAMIS_NEXTEST=1: cargo nextest run + doctests)
#   wasm    tests/wasm.rs in headless Chromium (wasm-bindgen-test-runner + chromedriver)
#   pkg     scripts/build-wasm.sh --check (the committed pkg/ is what the sources build),
#           scripts/sw-manifest.sh --check (www/sw.js lists every asset, at their version)
#   e2e     node --test tests/e2e/**/*.test.mjs (headless Chromium via playwright-core)
#   fuzz    optional, not a default step: scripts/fuzz.sh, every cargo-fuzz target for
#           TAMIS_FUZZ_SECONDS (default 60) each. Runs only with TAMIS_FUZZ=1 (appended to
#           the default steps) or when named (`scripts/test.sh fuzz`); setup then installs
#           cargo-fuzz. About 9 min on a clean clone (2 cores): ~35 s to install
#           cargo-fuzz, ~2 min to build, 5 x 60 s, ~1 min replaying feed's corpus.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

ALL_STEPS=(setup fmt clippy native wasm pkg e2e)
OPTIONAL_STEPS=(fuzz)
if (($#)); then
    for s in "$@"; do
        [[ " ${ALL_STEPS[*]} ${OPTIONAL_STEPS[*]} " == *" $s "* ]] ||
            { echo "test.sh: unknown step '$s' (${ALL_STEPS[*]} ${OPTIONAL_STEPS[*]})" >&2; exit 2; }
    done
    STEPS=("$@")
    [[ ${TAMIS_SKIP_SETUP:-} == 1 || " $* " == *" setup "* ]] || STEPS=(setup "${STEPS[@]}")
else
    STEPS=("${ALL_STEPS[@]}")
    [[ ${TAMIS_SKIP_SETUP:-} == 1 ]] && STEPS=("${STEPS[@]:1}")
    [[ ${TAMIS_FUZZ:-} == 1 ]] && STEPS+=(fuzz)
fi
# The fuzz step needs cargo-fuzz: tell scripts/setup.sh to install it (only then).
[[ " ${STEPS[*]} " == *" fuzz "* ]] && export TAMIS_FUZZ=1

TIMES=()
CURRENT=
T_ALL=$(date +%s)

summary() {
    local t
    echo
    echo "==== timings"
    for t in "${TIMES[@]}"; do echo "  $t"; done
    echo "  total: $(($(date +%s) - T_ALL)) s"
}
on_exit() {
    local rc=$?
    if [[ -n $CURRENT ]]; then
        TIMES+=("$(printf '%-7s FAILED after %d s' "$CURRENT" "$(($(date +%s) - T_STEP))")")
        summary
        echo "test.sh: FAILED at step '$CURRENT' (exit $rc)" >&2
    fi
}
trap on_exit EXIT

banner() {
    echo
    echo "================================================================"
    echo "==== $1: $2"
    echo "================================================================"
}

# ---------------------------------------------------------------- steps
step_setup() { scripts/setup.sh; }

step_fmt() { cargo fmt --all -- --check; }

step_clippy() {
    cargo clippy --locked --all-targets -- -D warnings
    RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --quiet
}

step_native() {
    if [[ ${TAMIS_NEXTEST:-} == 1 ]] && cargo nextest --version >/dev/null 2>&1; then
        cargo nextest run --locked --all-targets
        cargo test --locked --doc
    else
        cargo test --locked
    fi
}

step_wasm() {
    if [[ ! -f tests/wasm.rs ]]; then
        echo "SKIP: tests/wasm.rs does not exist yet"
        STEP_STATUS=skipped
        return 0
    fi
    wasm_tests
}

# A subshell: the wasm toolchain environment (RUSTC, CARGO_TARGET_DIR, RUSTFLAGS...) must not
# leak into the later steps (the e2e tests build the native CLI with plain cargo).
wasm_tests() (
    # shellcheck source=scripts/build-wasm.sh
    source scripts/build-wasm.sh
    tamis_wasm_env
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
    export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
    # The runner's own timeout per test (seconds).
    export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
    echo "route $WASM_ROUTE, chromedriver $CHROMEDRIVER"
    "${WASM_CARGO[@]}" test --locked "${WASM_CARGO_ARGS[@]}" --test wasm
)

step_pkg() {
    scripts/build-wasm.sh --check
    scripts/sw-manifest.sh --check # the offline cache's version (www/sw.js)
}

step_e2e() {
    local files=()
    mapfile -t files < <(find tests/e2e -name node_modules -prune -o -type f -name '*.test.mjs' -print | LC_ALL=C sort)
    if ((${#files[@]} == 0)); then
        echo "SKIP: no tests/e2e/*.test.mjs yet"
        STEP_STATUS=skipped
        return 0
    fi
    export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
    echo "node $(node -v), Chromium at $CHROMIUM_PATH, ${#files[@]} file(s)"
    node --test "${files[@]}"
}

step_fuzz() { scripts/fuzz.sh all "${TAMIS_FUZZ_SECONDS:-60}"; }

declare -A DESC=(
    [setup]="scripts/setup.sh"
    [fmt]="cargo fmt --check"
    [clippy]="cargo clippy --all-targets -- -D warnings; cargo doc, warnings denied"
    [native]="native tests (cargo test)"
    [wasm]="wasm-bindgen tests in headless Chromium (tests/wasm.rs)"
    [pkg]="pkg/ and www/sw.js freshness (build-wasm.sh --check, sw-manifest.sh --check)"
    [e2e]="end-to-end tests (node --test tests/e2e)"
    [fuzz]="cargo-fuzz targets, ${TAMIS_FUZZ_SECONDS:-60} s each (scripts/fuzz.sh)"
)

for s in "${STEPS[@]}"; do
    banner "$s" "${DESC[$s]}"
    CURRENT=$s
    T_STEP=$(date +%s)
    STEP_STATUS=ok
    "step_$s"
    TIMES+=("$(printf '%-7s %-7s %4d s' "$s" "$STEP_STATUS" "$(($(date +%s) - T_STEP))")")
    CURRENT=
done

summary
echo "test.sh: all steps passed"
