#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ (libFuzzer), one after the other, one process each.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]   default: all targets, 60 s each
#   scripts/fuzz.sh --cmin [TARGET|all]      merge what the runs found into fuzz/corpus/ and minimise it
#   scripts/fuzz.sh --list                   the targets
#
# Targets: feed (Auditor::feed, arbitrary bytes in arbitrary chunks), dates, phone, email, postal.
# Installs cargo-fuzz if it is missing. The stable toolchain is used with RUSTC_BOOTSTRAP=1 (cargo-fuzz
# passes nightly flags); AddressSanitizer is used when its runtime links, otherwise --sanitizer none.
# Each run reads the committed, minimised corpus fuzz/corpus/TARGET/ and writes what it finds to
# fuzz/corpus-work/TARGET/ (not committed); a crash is saved in fuzz/artifacts/TARGET/ and printed in
# hex, and the script exits 1. Logs: fuzz/logs/TARGET.log. Builds go to fuzz/target/.
#
# Environment:
#   TAMIS_FUZZ_SANITIZER=address|none   force the sanitizer (default: address if it builds)
#   TAMIS_FUZZ_NICE=N                   niceness of the fuzzer (default 10; the machine is shared)
#   TAMIS_FUZZ_ARGS="..."               more libFuzzer flags (e.g. -seed=1)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1
# A CARGO_TARGET_DIR from the caller would mix instrumented and plain builds.
unset CARGO_TARGET_DIR

TARGETS=(feed dates phone email postal)
log() { printf 'fuzz: %s\n' "$*"; }
die() { printf 'fuzz: ERROR: %s\n' "$*" >&2; exit 2; }

# libFuzzer flags per target: the longest input, and the time one input may take (a hang).
max_len() { case $1 in feed) echo 1048576 ;; email) echo 512 ;; postal) echo 256 ;; *) echo 128 ;; esac; }
timeout_s() { case $1 in feed) echo 60 ;; *) echo 10 ;; esac; }
RSS_MB=2048

targets_of() {
    case ${1:-all} in
        all) echo "${TARGETS[@]}" ;;
        *) [[ " ${TARGETS[*]} " == *" $1 "* ]] || die "unknown target '$1' (${TARGETS[*]})"; echo "$1" ;;
    esac
}

install_cargo_fuzz() {
    if cargo fuzz --version >/dev/null 2>&1; then return; fi
    log "cargo install cargo-fuzz (about 1 min)"
    cargo install --locked cargo-fuzz || cargo install cargo-fuzz
}

SANITIZER=()
pick_sanitizer() {
    local s=${TAMIS_FUZZ_SANITIZER:-}
    if [[ -z $s ]]; then
        if cargo fuzz build "$1" >/dev/null 2>fuzz/logs/build.log; then
            s=address
        else
            log "AddressSanitizer build failed (fuzz/logs/build.log): --sanitizer none"
            s=none
        fi
    fi
    SANITIZER=(--sanitizer "$s")
    log "sanitizer: $s"
}

case ${1:-} in
    --list) echo "${TARGETS[@]}"; exit 0 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
esac

mkdir -p fuzz/logs
install_cargo_fuzz

if [[ ${1:-} == --cmin ]]; then
    read -r -a sel <<<"$(targets_of "${2:-all}")"
    pick_sanitizer "${sel[0]}"
    for t in "${sel[@]}"; do
        mkdir -p "fuzz/corpus/$t" "fuzz/corpus-work/$t"
        cp -n "fuzz/corpus-work/$t"/* "fuzz/corpus/$t"/ 2>/dev/null || true
        log "cmin $t: $(find "fuzz/corpus/$t" -type f | wc -l) inputs before"
        cargo fuzz cmin "${SANITIZER[@]}" "$t" "fuzz/corpus/$t" -- -max_len="$(max_len "$t")" \
            -rss_limit_mb=$RSS_MB >"fuzz/logs/cmin-$t.log" 2>&1
        log "cmin $t: $(find "fuzz/corpus/$t" -type f | wc -l) inputs, $(du -sh "fuzz/corpus/$t" | cut -f1)"
    done
    exit 0
fi

read -r -a sel <<<"$(targets_of "${1:-all}")"
secs=${2:-60}
[[ $secs =~ ^[0-9]+$ && $secs -gt 0 ]] || die "SECONDS must be a positive number, not '$secs'"
pick_sanitizer "${sel[0]}"
read -r -a extra <<<"${TAMIS_FUZZ_ARGS:-}"

failed=()
for t in "${sel[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/corpus-work/$t" "fuzz/artifacts/$t"
    log "$t: ${secs} s, -max_len=$(max_len "$t") -rss_limit_mb=$RSS_MB -timeout=$(timeout_s "$t")"
    start=$(date +%s)
    set +e
    # One process (no -jobs/-fork): the new inputs go to the first corpus folder.
    nice -n "${TAMIS_FUZZ_NICE:-10}" cargo fuzz run "${SANITIZER[@]}" "$t" \
        "fuzz/corpus-work/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -max_len="$(max_len "$t")" -rss_limit_mb=$RSS_MB \
        -timeout="$(timeout_s "$t")" -print_final_stats=1 "${extra[@]}" \
        >"fuzz/logs/$t.log" 2>&1
    rc=$?
    set -e
    stats=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "fuzz/logs/$t.log" | tail -n1 || true)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "fuzz/logs/$t.log" | tail -n1)
    log "$t: exit $rc after $(($(date +%s) - start)) s, ${execs:-?} executions; last: ${stats:-none}"
    if ((rc != 0)); then
        failed+=("$t")
        grep -E 'panicked at|^(thread|assertion)|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY' "fuzz/logs/$t.log" | head -n 8 || true
        art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "fuzz/logs/$t.log" | tail -n1)
        if [[ -n $art && -f $art ]]; then
            log "$t: crash input $art ($(stat -c %s "$art") bytes), hex:"
            head -c 4096 "$art" | od -An -tx1 -v | tr -d ' \n' | fold -w 128
            echo
            log "reproduce: RUSTC_BOOTSTRAP=1 cargo fuzz run ${SANITIZER[*]} $t $art"
        else
            tail -n 20 "fuzz/logs/$t.log"
        fi
    fi
done
if ((${#failed[@]})); then
    log "FAILED: ${failed[*]} (logs in fuzz/logs/)"
    exit 1
fi
log "all passed: ${sel[*]}"
