#!/usr/bin/env bash
# Build the tamis library for the browser into pkg/ (wasm-bindgen --target web).
#
# Usage:
#   scripts/build-wasm.sh            build, then update the generated files in pkg/
#   scripts/build-wasm.sh --check    build into a temp dir and compare with the committed
#                                    pkg/: exit 1 (listing the differing files) if it differs
#   option:  --keep     (with --check) keep the temp dir and print its path
#
# Reference route (defines the committed bytes of pkg/): Debian's rustc-web
# (/usr/bin/rustc + /usr/bin/cargo 1.96, packages rustc-web cargo-web rust-web-src), the
# standard library built from its sources with RUSTC_BOOTSTRAP=1 -Zbuild-std=std,panic_abort,
# linked by wasm-ld-22, `wasm` profile (release + panic=abort, Cargo.toml); then wasm-bindgen --target web --remove-name-section
# (the CLI version pinned in Cargo.toml). pkg/TOOLCHAIN.txt records these versions.
#
# No wasm-opt: Debian 12's binaryen (wasm-opt 108) corrupts wasm-bindgen 0.2.130's output (the
# export __wbindgen_externrefs ends up pointing at the funcref table: init fails with "table.set
# ... function-typed object"), and a current wasm-opt (binaryen 132, from npm) does not pay once
# the name section is removed (measured 2026-11-29, gzip -9 of the .wasm: tamis with its data
# tables 540249 -> 544763 bytes with -Oz, i.e. larger; a smaller early build 202967 -> 201840).
#
# Fallback route (a laptop with rustup): rustup's wasm32-unknown-unknown target, used when the
# Debian toolchain is absent (or TAMIS_WASM_ROUTE=rustup). It builds a working pkg/, but not
# the reference bytes; `--check` is then skipped (exit 0), or fails when CI is set.
#
# Reproducible: the same sources + toolchain give byte-identical pkg/ whatever the checkout
# folder, $HOME or $CARGO_HOME (paths are remapped with --remap-path-prefix, the target dir is
# fixed at target/wasm, RUSTFLAGS from the environment and cargo config are overridden).
#
# pkg/ ownership: the generated files are exactly those listed in pkg/SHA256SUMS (plus
# SHA256SUMS itself). Any other file in pkg/ is never modified or deleted by this script, and
# is not compared by --check.
#
# pkg/ is also an npm-style package: this script writes pkg/package.json (name, version,
# description and license from Cargo.toml; ES module entry points and types) and pkg/README.md
# (a usage example). They are generated files like the others (listed in SHA256SUMS, so
# --check compares them); their text depends only on Cargo.toml and the list of files.
#
# After writing pkg/, the build reruns scripts/sw-manifest.sh: the service worker's cache
# version (www/sw.js) covers pkg/'s .js and .wasm.
#
# This file can also be sourced (by scripts/test.sh) to get the wasm toolchain environment:
#   source scripts/build-wasm.sh; tamis_wasm_env; "${WASM_CARGO[@]}" test "${WASM_CARGO_ARGS[@]}" ...

TAMIS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

# First-load weight budget (gzip -9 of pkg/*.wasm + pkg/*.js + www/ files), in bytes.
TAMIS_WEIGHT_BUDGET=${TAMIS_WEIGHT_BUDGET:-1500000}

# Sets: WASM_ROUTE (debian|rustup), WASM_CARGO (array: the cargo command),
# WASM_CARGO_ARGS (array: --target ... [-Zbuild-std=...]), and exports the environment
# (RUSTC, RUSTDOC, RUSTC_BOOTSTRAP, linker, CARGO_TARGET_DIR, CARGO_ENCODED_RUSTFLAGS).
tamis_wasm_env() {
    local cargo_home sysroot hash flags=() p
    export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    WASM_ROUTE=${TAMIS_WASM_ROUTE:-}
    if [[ -z $WASM_ROUTE ]]; then
        if [[ -x /usr/bin/rustc && -x /usr/bin/cargo && -d /usr/lib/rustlib/src/rust/library ]] &&
            command -v wasm-ld-22 >/dev/null; then
            WASM_ROUTE=debian
        elif command -v rustup >/dev/null &&
            grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed 2>/dev/null)"; then
            WASM_ROUTE=rustup
        else
            echo "build-wasm: no wasm32 toolchain found: run scripts/setup.sh" >&2
            return 1
        fi
    fi
    case $WASM_ROUTE in
    debian)
        export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
        export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22
        WASM_CARGO=(/usr/bin/cargo)
        WASM_CARGO_ARGS=(--target wasm32-unknown-unknown "-Zbuild-std=std,panic_abort")
        ;;
    rustup)
        unset RUSTC RUSTDOC RUSTC_BOOTSTRAP CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER
        WASM_CARGO=(cargo)
        WASM_CARGO_ARGS=(--target wasm32-unknown-unknown)
        ;;
    *)
        echo "build-wasm: unknown TAMIS_WASM_ROUTE=$WASM_ROUTE (debian|rustup)" >&2
        return 1
        ;;
    esac
    unset RUSTC_WRAPPER RUSTC_WORKSPACE_WRAPPER RUSTFLAGS CARGO_BUILD_RUSTFLAGS \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS CARGO_BUILD_TARGET_DIR CARGO_PROFILE_RELEASE_DEBUG
    # Fixed target dir (its path is remapped with the checkout); one per route.
    if [[ $WASM_ROUTE == debian ]]; then
        export CARGO_TARGET_DIR="$TAMIS_ROOT/target/wasm"
    else
        export CARGO_TARGET_DIR="$TAMIS_ROOT/target/wasm-$WASM_ROUTE"
    fi

    # --remap-path-prefix: the last matching rule wins, so the most specific come last.
    cargo_home=${CARGO_HOME:-$HOME/.cargo}
    for p in "$cargo_home" "$(cd "$cargo_home" 2>/dev/null && pwd -P)"; do
        [[ -n $p ]] && flags+=("--remap-path-prefix=$p=/cargo")
    done
    if [[ $WASM_ROUTE == debian ]]; then
        sysroot=$(/usr/bin/rustc --print sysroot)
        hash=$(/usr/bin/rustc -vV | sed -n 's/^commit-hash: //p')
        for p in "$sysroot/lib/rustlib/src/rust" "$(cd "$sysroot/lib/rustlib/src/rust" && pwd -P)"; do
            flags+=("--remap-path-prefix=$p=/rustc/$hash")
        done
    fi
    flags+=("--remap-path-prefix=$TAMIS_ROOT=/tamis")
    # Unit separator (0x1f) between flags: paths with spaces survive.
    CARGO_ENCODED_RUSTFLAGS=$(IFS=$'\x1f'; printf '%s' "${flags[*]}")
    export CARGO_ENCODED_RUSTFLAGS
}

# The versions that determine the bytes of pkg/ (written to pkg/TOOLCHAIN.txt).
tamis_toolchain_info() {
    local rustc=rustc
    [[ $WASM_ROUTE == debian ]] && rustc=/usr/bin/rustc
    echo "# Tools that built the files listed in SHA256SUMS (scripts/build-wasm.sh)."
    echo "route: $WASM_ROUTE"
    "$rustc" -vV | grep -E '^(rustc|commit-hash|LLVM version)' | sed 's/^rustc /rustc: /'
    if [[ $WASM_ROUTE == debian ]]; then
        echo "linker: $(wasm-ld-22 --version | head -n1)"
    fi
    echo "wasm-bindgen: $(wasm-bindgen --version | awk '{print $2}')"
    echo "wasm-bindgen flags: $WASM_BINDGEN_FLAGS"
}

# A string field of Cargo.toml's [package] table (`name = "..."`), or nothing.
tamis_cargo_field() {
    awk -v k="$1" '/^\[/ { s = $0 } s == "[package]" && $0 ~ ("^" k " *= *\"") { sub(/^[^"]*"/, ""); sub(/".*$/, ""); print; exit }' \
        "$TAMIS_ROOT/Cargo.toml"
}

# A JSON string literal (backslashes and quotes escaped; Cargo.toml's values are one line).
tamis_json_string() {
    local v=${1//\\/\\\\}
    printf '"%s"' "${v//\"/\\\"}"
}

# pkg/package.json for the files of directory $2 (module name $1), in a fixed order.
tamis_package_json() {
    local name=$1 dir=$2 f first=1
    echo '{'
    echo "  \"name\": $(tamis_json_string "$(tamis_cargo_field name)"),"
    echo "  \"version\": $(tamis_json_string "$(tamis_cargo_field version)"),"
    echo "  \"description\": $(tamis_json_string "$(tamis_cargo_field description)"),"
    echo "  \"license\": $(tamis_json_string "$(tamis_cargo_field license)"),"
    # Cargo.toml's `publish = false`: not on a registry (npm refuses to publish it by mistake).
    if awk '/^\[/ { s = $0 } s == "[package]" && /^publish *= *false/ { f = 1 } END { exit !f }' "$TAMIS_ROOT/Cargo.toml"; then
        echo '  "private": true,'
    fi
    echo '  "type": "module",'
    echo "  \"main\": \"./$name.js\","
    echo "  \"module\": \"./$name.js\","
    echo "  \"types\": \"./$name.d.ts\","
    echo '  "exports": {'
    echo '    ".": {'
    echo "      \"types\": \"./$name.d.ts\","
    echo "      \"default\": \"./$name.js\""
    echo '    },'
    echo "    \"./${name}_bg.wasm\": \"./${name}_bg.wasm\","
    echo '    "./package.json": "./package.json"'
    echo '  },'
    echo '  "files": ['
    while IFS= read -r f; do
        [[ $f == package.json ]] && continue
        ((first)) || echo ','
        first=0
        printf '    %s' "$(tamis_json_string "$f")"
    done < <({ tamis_list_files "$dir"; echo SHA256SUMS; } | LC_ALL=C sort -u)
    echo
    echo '  ],'
    if [[ -d $dir/snippets ]]; then
        echo '  "sideEffects": ["./snippets/*"]'
    else
        echo '  "sideEffects": false'
    fi
    echo '}'
}

# pkg/README.md: what the package holds, and a short usage example (module name $1).
tamis_package_readme() {
    local name=$1 crate version
    crate=$(tamis_cargo_field name)
    version=$(tamis_cargo_field version)
    cat <<README
# $crate $version: the WebAssembly build

Generated by \`scripts/build-wasm.sh\` (do not edit): the tamis audit core compiled to
WebAssembly with wasm-bindgen \`--target web\`. An ES module (\`$name.js\`), its engine
(\`${name}_bg.wasm\`) and TypeScript declarations (\`$name.d.ts\`); no bundler needed.
\`SHA256SUMS\` lists the SHA-256 of every generated file, \`TOOLCHAIN.txt\` the tools that built them.

\`\`\`js
import init, { Auditor, version } from './pkg/$name.js'; // or '$crate' with an import map or a bundler

await init(); // fetches ${name}_bg.wasm next to $name.js (or: init({ module_or_path: bytes }))

// \`file\`: a File from <input type="file">, pushed in chunks of any size (same report whatever the chunking).
const auditor = new Auditor({ audit_date: '2026-11-29' }); // the JSON options, snake_case keys
const reader = file.stream().getReader();
for (let r = await reader.read(); !r.done; r = await reader.read()) auditor.feed(r.value);
const { report, reportJson, preview } = auditor.finish();
console.log(version(), report.rows, report.score);
\`\`\`

Audit big files in a Web Worker (the site's \`www/worker.js\` does). The report holds no cell
value; the preview and \`exampleValues()\` do: keep them on the user's machine. Bad options throw
an \`Error\` with a \`name\` (\`TamisOptionError\`, ...). A page with a Content Security Policy needs
\`'wasm-unsafe-eval'\` in \`script-src\` (EMBEDDING.md in the repository lists the directives).
README
}

# Files of a directory, relative, sorted bytewise (one per line).
# Whether $1 is one of the other arguments (no pipe: under pipefail, `printf | grep -q`
# can fail with SIGPIPE when grep exits first).
tamis_in_list() {
    local needle=$1 x
    shift
    for x in "$@"; do
        [[ $x == "$needle" ]] && return 0
    done
    return 1
}
tamis_list_files() { (cd "$1" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort); }

# gzip -9 size of the first-load files; fails when over the budget.
tamis_weight() {
    local pkg=$1 total=0 n f
    echo "First-load weight (gzip -9):"
    while IFS= read -r f; do
        n=$(gzip -9 -n -c "$f" | wc -c)
        total=$((total + n))
        printf '  %9d  %s\n' "$n" "${f#"$TAMIS_ROOT"/}"
    done < <({
        find "$pkg" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' \)
        [[ -d $TAMIS_ROOT/www ]] && find "$TAMIS_ROOT/www" -type f ! -name '.*'
    } | LC_ALL=C sort)
    printf '  %9d  total (budget %d)\n' "$total" "$TAMIS_WEIGHT_BUDGET"
    if ((total > TAMIS_WEIGHT_BUDGET)); then
        echo "build-wasm: OVER BUDGET: first-load weight $total > $TAMIS_WEIGHT_BUDGET bytes gzipped" >&2
        return 1
    fi
}

tamis_build_main() {
    set -euo pipefail
    local mode=build keep=0 stage pkg="$TAMIS_ROOT/pkg" name wasm f bad=0 t0
    WASM_BINDGEN_FLAGS="--target web --remove-name-section"
    while (($#)); do
        case $1 in
        --check) mode=check ;;
        --keep) keep=1 ;;
        -h | --help)
            sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            return 0
            ;;
        *)
            echo "build-wasm: unknown option $1 (see --help)" >&2
            return 2
            ;;
        esac
        shift
    done
    t0=$(date +%s)
    tamis_wasm_env
    cd "$TAMIS_ROOT"
    echo "build-wasm: route $WASM_ROUTE, target dir ${CARGO_TARGET_DIR#"$TAMIS_ROOT"/}"
    if [[ $mode == check && $WASM_ROUTE != debian ]]; then
        echo "build-wasm: --check needs the reference route (Debian rustc-web, see scripts/setup.sh);" \
            "this machine uses '$WASM_ROUTE', whose bytes differ." >&2
        if [[ -n ${CI:-} ]]; then return 1; fi
        echo "build-wasm: SKIPPED the pkg/ freshness check (set CI=1 to make this an error)." >&2
        return 0
    fi
    for f in wasm-bindgen gzip sha256sum; do
        command -v "$f" >/dev/null || { echo "build-wasm: $f not found: run scripts/setup.sh" >&2; return 1; }
    done

    # Library name: [lib] name, else the package name with - replaced by _.
    name=$(awk '/^\[/{s=$0} s=="[lib]" && /^name *=/{gsub(/.*= *"|".*/,""); print; exit}' Cargo.toml)
    [[ -n $name ]] || name=$(awk '/^\[/{s=$0} s=="[package]" && /^name *=/{gsub(/.*= *"|".*/,""); print; exit}' Cargo.toml)
    name=${name//-/_}

    "${WASM_CARGO[@]}" build --locked --profile wasm --lib "${WASM_CARGO_ARGS[@]}"
    wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/$name.wasm"

    stage=$(mktemp -d "${TMPDIR:-/tmp}/tamis-pkg.XXXXXX")
    # shellcheck disable=SC2064
    [[ $keep == 1 ]] || trap "rm -rf '$stage'" EXIT
    # TypeScript declarations (.d.ts) are kept on purpose.
    # shellcheck disable=SC2086
    wasm-bindgen $WASM_BINDGEN_FLAGS --out-dir "$stage" "$wasm"
    tamis_toolchain_info >"$stage/TOOLCHAIN.txt"
    tamis_package_readme "$name" >"$stage/README.md"
    tamis_package_json "$name" "$stage" >"$stage/package.json"
    local sums
    sums=$(cd "$stage" && tamis_list_files . | tr '\n' '\0' | xargs -0 sha256sum)
    printf '%s\n' "$sums" >"$stage/SHA256SUMS"

    # Previously generated files (committed list).
    local old=()
    if [[ -f $pkg/SHA256SUMS ]]; then
        mapfile -t old < <(sed 's/^[0-9a-f]\{64\}  \**//' "$pkg/SHA256SUMS")
    fi

    if [[ $mode == check ]]; then
        if [[ ! -f $pkg/SHA256SUMS ]]; then
            echo "build-wasm: CHECK FAILED: pkg/SHA256SUMS is missing: run scripts/build-wasm.sh and commit pkg/" >&2
            bad=1
        fi
        if [[ -f $pkg/TOOLCHAIN.txt ]] && ! cmp -s "$stage/TOOLCHAIN.txt" "$pkg/TOOLCHAIN.txt"; then
            echo "build-wasm: the toolchain or build flags differ from those that built the committed pkg/:" >&2
            diff -u --label committed --label 'this machine' "$pkg/TOOLCHAIN.txt" "$stage/TOOLCHAIN.txt" |
                sed 's/^/    /' >&2 || true
        fi
        while IFS= read -r f; do
            if [[ ! -f $pkg/$f ]]; then
                echo "  missing in pkg/: $f" >&2
                bad=1
            elif ! cmp -s "$stage/$f" "$pkg/$f"; then
                echo "  differs: pkg/$f (committed $(wc -c <"$pkg/$f") bytes, fresh build $(wc -c <"$stage/$f") bytes)" >&2
                bad=1
            fi
        done < <(tamis_list_files "$stage"; echo SHA256SUMS)
        for f in "${old[@]}"; do
            if [[ ! -f $stage/$f ]]; then
                echo "  stale: pkg/$f is listed in pkg/SHA256SUMS but no longer generated" >&2
                bad=1
            fi
        done
        [[ $keep == 1 ]] && echo "build-wasm: fresh build kept in $stage"
        if ((bad)); then
            echo "build-wasm: CHECK FAILED: pkg/ is not what the sources build." \
                "Run scripts/build-wasm.sh and commit pkg/." >&2
            return 1
        fi
        echo "build-wasm: pkg/ is up to date ($(wc -l <"$stage/SHA256SUMS") generated files match)."
        tamis_weight "$pkg"
    else
        mkdir -p "$pkg"
        # A generated file must not overwrite a hand-written one (one not in pkg/SHA256SUMS).
        while IFS= read -r f; do
            if [[ -e $pkg/$f ]] && ! tamis_in_list "$f" "${old[@]}"; then
                echo "build-wasm: wasm-bindgen now generates pkg/$f, which exists and is hand-written" \
                    "(not in pkg/SHA256SUMS): move it away or delete it, then rebuild." >&2
                return 1
            fi
        done < <(tamis_list_files "$stage")
        for f in "${old[@]}"; do
            if [[ ! -f $stage/$f && -f $pkg/$f ]]; then
                echo "build-wasm: removing stale generated file pkg/$f"
                rm -f "$pkg/$f"
            fi
        done
        (cd "$stage" && tamis_list_files . ; echo SHA256SUMS) | while IFS= read -r f; do
            mkdir -p "$(dirname "$pkg/$f")"
            cp "$stage/$f" "$pkg/$f.tmp.$$" && mv "$pkg/$f.tmp.$$" "$pkg/$f"
        done
        find "$pkg" -mindepth 1 -type d -empty -delete
        echo "build-wasm: wrote pkg/ ($(wc -l <"$pkg/SHA256SUMS") generated files):"
        sed 's/^/    /' "$pkg/SHA256SUMS"
        "$TAMIS_ROOT/scripts/sw-manifest.sh"
        tamis_weight "$pkg"
    fi
    echo "build-wasm: done in $(($(date +%s) - t0)) s"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    tamis_build_main "$@"
fi
