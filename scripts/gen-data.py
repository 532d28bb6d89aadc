#!/usr/bin/env python3
"""Generate the reference data that tamis embeds (src/data/mod.rs) from files under data/.

Usage:
    python3 scripts/gen-data.py            fetch missing upstream archives, verify them,
                                           write the generated files under data/
    python3 scripts/gen-data.py --check    regenerate in memory and compare with the
                                           committed files: exit 1 if they differ
    python3 scripts/gen-data.py --sizes    also print raw and gzip -9 sizes (default on write)
    options: --offline  never fetch (fail if an upstream archive is missing from data/raw/)

Inputs:
  data/raw/        upstream archives, pinned below by name, version and SHA-256. Missing ones
                   are fetched with the registries' own clients (`npm pack NAME@VERSION`,
                   `pip download --no-deps NAME==VERSION`) and verified before use. Small ones
                   are committed; large ones are git-ignored (data/raw/.gitignore).
  data/sources/    hand-written lists (webmail, dead domains, roles, typo targets, postcode
                   additions), with comments.

Outputs (committed, embedded with include_str!, deterministic: same inputs, same bytes):
  data/postcodes.txt     one line per postcode: "CCCCC NAME|NAME|..." (folded names, sorted)
  data/disposable.txt    one domain per line, sorted
  data/webmail.txt       one domain per line, sorted
  data/dead-domains.txt  one domain per line, sorted
  data/roles.txt         one normalised local part per line, sorted
  data/typo-targets.txt  one domain per line, in priority order
  data/fold-map.txt      the character table of the place-name folding: "CHAR ASCII" lines

Standard library only. The place-name folding here must stay identical to
`fold_place` in src/data/mod.rs: both use the character table written to data/fold-map.txt
(its single source is FOLD_MAP below), the Rust tests check that every stored name is already
folded (a fixed point), and this script refuses a character it has no rule for.
"""

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
RAW = os.path.join(DATA, "raw")
SOURCES = os.path.join(DATA, "sources")

# Pinned upstream archives. sha256 is that of the archive file as the registry serves it.
UPSTREAM = {
    "codes-postaux": {
        "client": "npm",
        "name": "codes-postaux",
        "version": "4.1.2",
        "file": "codes-postaux-4.1.2.tgz",
        "sha256": "4dbca742ec9eaa91897b949bde893cc4c7417699693120e1373f0cd489157d41",
    },
    "decoupage-administratif": {
        "client": "npm",
        "name": "@etalab/decoupage-administratif",
        "version": "6.0.0",
        "file": "etalab-decoupage-administratif-6.0.0.tgz",
        "sha256": "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
    },
    "disposable-email-domains": {
        "client": "pip",
        "name": "disposable-email-domains",
        "version": "0.0.293",
        "file": "disposable_email_domains-0.0.293-py3-none-any.whl",
        "sha256": "b03e29f3a810a012c200b944ce9ef52ce975da2ea63bcf50d08767bf9e225f8e",
    },
}

# ---------------------------------------------------------------------------------------
# Place-name folding (mirror of src/data/mod.rs `fold_place`).
# ---------------------------------------------------------------------------------------

# Non-ASCII letters mapped to ASCII (upper case). Anything else that is not an ASCII
# letter or digit is a separator, except combining marks (U+0300..U+036F), which vanish.
_LATIN = {
    "A": "ÀÁÂÃÄÅàáâãäåĀāĂăĄą",
    "AE": "Ææ",
    "C": "ÇçĆćĈĉĊċČč",
    "D": "ÐðĎďĐđ",
    "E": "ÈÉÊËèéêëĒēĔĕĖėĘęĚě",
    "G": "ĜĝĞğĠġĢģ",
    "H": "ĤĥĦħ",
    "I": "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı",
    "J": "Ĵĵ",
    "K": "Ķķ",
    "L": "ĹĺĻļĽľĿŀŁł",
    "N": "ÑñŃńŅņŇň",
    "O": "ÒÓÔÕÖØòóôõöøŌōŎŏŐő",
    "OE": "Œœ",
    "R": "ŔŕŖŗŘř",
    "S": "ŚśŜŝŞşŠš",
    "SS": "ß",
    "T": "ŢţŤťŦŧ",
    "U": "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų",
    "W": "Ŵŵ",
    "Y": "ÝýÿŶŷŸ",
    "Z": "ŹźŻżŽž",
}
FOLD_MAP = {ch: repl for repl, chars in _LATIN.items() for ch in chars}

TOKEN_EXPAND = {"ST": "SAINT", "STE": "SAINTE", "STS": "SAINTS", "STES": "SAINTES"}
_CEDEX_RE = re.compile(r"^CEDEX[0-9]*$")


def fold_tokens(s):
    """Tokens of s after character folding and ST/STE expansion (no CEDEX removal)."""
    out = []
    for ch in s:
        if ch.isascii():
            if ch.isalnum():
                out.append(ch.upper())
            else:
                out.append(" ")
        elif ch in FOLD_MAP:
            out.append(FOLD_MAP[ch])
        elif 0x300 <= ord(ch) <= 0x36F:
            pass
        else:
            out.append(" ")
    return [TOKEN_EXPAND.get(t, t) for t in "".join(out).split()]


def fold_place(s):
    """Fold a place name: see the module docs of src/data/mod.rs."""
    toks = fold_tokens(s)
    # Trailing "CEDEX", "CEDEX 12" or "CEDEX12" is dropped.
    if toks and toks[-1].isdigit() and len(toks) >= 2 and toks[-2] == "CEDEX":
        toks = toks[:-2]
    elif toks and _CEDEX_RE.match(toks[-1]):
        toks = toks[:-1]
    return " ".join(toks)


def check_chars(name, where):
    for ch in name:
        if ch.isascii() or ch in FOLD_MAP:
            continue
        if 0x300 <= ord(ch) <= 0x36F:
            continue
        sys.exit(f"gen-data: {where}: no folding rule for {ch!r} (U+{ord(ch):04X}) in {name!r}: "
                 "add it here and in src/data/mod.rs")


ARTICLES = {"LE", "LA", "LES", "L"}
_PAREN_RE = re.compile(r"^(.*?)\s*\(([^)]*)\)?\s*$")


def name_variants(raw):
    """Folded forms under which a raw commune name or label is accepted.

    "ROCHE SUR YON (LA)" (old INSEE / DGFiP style) -> "LA ROCHE SUR YON";
    "Castillon (Canton de Lembeye)" -> "CASTILLON CANTON DE LEMBEYE" and "CASTILLON".
    """
    out = set()
    m = _PAREN_RE.match(raw) if "(" in raw else None
    if m:
        base, inner = fold_place(m.group(1)), fold_place(m.group(2))
        if inner in ARTICLES:
            out.add(f"{inner} {base}")
        else:
            if inner:
                out.add(f"{base} {inner}")
            out.add(base)
    else:
        out.add(fold_place(raw))
    return {v for v in out if v}


# ---------------------------------------------------------------------------------------
# Upstream archives.
# ---------------------------------------------------------------------------------------

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(key, offline):
    up = UPSTREAM[key]
    path = os.path.join(RAW, up["file"])
    if not os.path.exists(path):
        if offline:
            sys.exit(f"gen-data: {path} is missing (and --offline)")
        os.makedirs(RAW, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            if up["client"] == "npm":
                cmd = ["npm", "pack", "--silent", f"{up['name']}@{up['version']}",
                       "--pack-destination", tmp]
            else:
                cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                       "--only-binary", ":all:", "-d", tmp, f"{up['name']}=={up['version']}"]
            print("gen-data: fetching:", " ".join(cmd), file=sys.stderr)
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            got = os.path.join(tmp, up["file"])
            if not os.path.exists(got):
                sys.exit(f"gen-data: {' '.join(cmd)} did not produce {up['file']}: "
                         f"got {os.listdir(tmp)}")
            shutil.move(got, path)
    digest = sha256_file(path)
    if digest != up["sha256"]:
        sys.exit(f"gen-data: {path}: sha256 {digest}, expected {up['sha256']} "
                 f"({up['name']} {up['version']}): delete it to re-fetch, or update the pin")
    return path


def read_tar_member(path, member):
    with tarfile.open(path, "r:gz") as t:
        return t.extractfile(member).read()


def read_zip_member(path, member):
    with zipfile.ZipFile(path) as z:
        return z.read(member)


def read_source_list(name):
    """A hand-written list: one item per line, '#' starts a comment. Order kept."""
    items = []
    with open(os.path.join(SOURCES, name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                items.append(line)
    return items


# ---------------------------------------------------------------------------------------
# Generators: each returns the bytes of one output file.
# ---------------------------------------------------------------------------------------

def gen_postcodes(offline, stats):
    cp_json = json.loads(read_tar_member(fetch("codes-postaux", offline),
                                         "package/codes-postaux.json"))
    communes = json.loads(read_tar_member(fetch("decoupage-administratif", offline),
                                          "package/data/communes.json"))
    pairs = {}  # postcode -> set of folded names

    def add(cp, raw, where):
        if not re.fullmatch(r"[0-9]{5}", cp):
            sys.exit(f"gen-data: {where}: bad postcode {cp!r}")
        check_chars(raw, where)
        for v in name_variants(raw):
            pairs.setdefault(cp, set()).add(v)

    # 1. codes-postaux: commune names and La Poste routing labels (libellé d'acheminement).
    for e in cp_json:
        add(e["codePostal"], e["nomCommune"], "codes-postaux")
        add(e["codePostal"], e["libelleAcheminement"], "codes-postaux")
    stats["codes-postaux entries"] = len(cp_json)

    # 2. decoupage-administratif (COG 2026 + La Poste postcodes): current communes and
    #    municipal arrondissements with their postcodes; overseas collectivities too.
    by_code = {}
    for c in communes:
        if c["type"] in ("commune-actuelle", "arrondissement-municipal"):
            by_code[c["code"]] = c
            for cp in c.get("codesPostaux", []):
                add(cp, c["nom"], "decoupage-administratif")
    # 3. Delegated and associated communes (former communes merged into a new one): people
    #    still write their names. A postcode from codes-postaux when it has one for that
    #    code, else every postcode of the commune they belong to (over-accepts a little when
    #    that commune has several postcodes).
    cp_by_commune = {}
    for e in cp_json:
        cp_by_commune.setdefault(e["codeCommune"], set()).add(e["codePostal"])
    n_deleg = n_deleg_approx = 0
    for c in communes:
        if c["type"] not in ("commune-deleguee", "commune-associee"):
            continue
        if c["code"] in cp_by_commune and c["code"] not in by_code:
            cps = cp_by_commune[c["code"]]
        else:
            parent = by_code.get(c.get("chefLieu"))
            cps = set(parent.get("codesPostaux", [])) if parent else set()
            if len(cps) > 1:
                n_deleg_approx += 1
        for cp in cps:
            add(cp, c["nom"], "decoupage-administratif (delegated)")
        n_deleg += 1
    stats["delegated/associated communes"] = n_deleg
    stats["  of which given all their parent's postcodes"] = n_deleg_approx

    # 4. Hand-written additions (Monaco).
    for line in read_source_list("postcodes-extra.txt"):
        cp, _, names = line.partition(" ")
        for n in names.split("|"):
            add(cp, n, "postcodes-extra.txt")

    lines = []
    for cp in sorted(pairs):
        names = sorted(pairs[cp])
        for n in names:
            assert re.fullmatch(r"[A-Z0-9]+( [A-Z0-9]+)*", n), n
            assert fold_place(n) == n, n
        lines.append(f"{cp} {'|'.join(names)}\n")
    stats["postcodes"] = len(lines)
    stats["postcode/name pairs"] = sum(len(v) for v in pairs.values())
    return "".join(lines).encode()


def norm_domain(d, where):
    d = d.strip().lower().rstrip(".")
    if not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+", d):
        sys.exit(f"gen-data: {where}: not a plain ASCII domain: {d!r}")
    return d


def domain_lines(domains):
    return "".join(f"{d}\n" for d in domains).encode()


def gen_email_lists(offline, stats):
    webmail = [norm_domain(d, "sources/webmail.txt") for d in read_source_list("webmail.txt")]
    dead = [norm_domain(d, "sources/dead-domains.txt")
            for d in read_source_list("dead-domains.txt")]
    typo = [norm_domain(d, "sources/typo-targets.txt")
            for d in read_source_list("typo-targets.txt")]
    for name, lst in (("webmail", webmail), ("dead-domains", dead), ("typo-targets", typo)):
        dup = sorted({d for d in lst if lst.count(d) > 1})
        if dup:
            sys.exit(f"gen-data: sources/{name}.txt: duplicates {dup}")
    if set(webmail) & set(dead):
        sys.exit(f"gen-data: both webmail and dead: {sorted(set(webmail) & set(dead))}")
    missing = [d for d in typo if d not in webmail]
    if missing:
        sys.exit(f"gen-data: typo targets not in webmail.txt: {missing}")

    # The disposable list: the module's own source text, a Python set literal of strings.
    src = read_zip_member(fetch("disposable-email-domains", offline),
                          "disposable_email_domains/__init__.py").decode()
    body = src[src.index("blocklist = {"):]
    body = body[:body.index("\n}")]
    disposable = set()
    for m in re.finditer(r"'([^'\\]*)'", body):
        disposable.add(norm_domain(m.group(1), "disposable-email-domains"))
    stats["disposable upstream"] = len(disposable)
    if len(disposable) < 5000:
        sys.exit(f"gen-data: only {len(disposable)} disposable domains parsed: format changed?")
    # Our own additions, each with its reason in the source file.
    extra = {norm_domain(d, "disposable-extra.txt") for d in read_source_list("disposable-extra.txt")}
    stats["disposable extra"] = len(extra - disposable)
    disposable |= extra
    # Lookups also match subdomains of a listed domain: a public suffix in the list
    # ("co.uk", "com.br") would then flag whole countries. Refuse the obvious ones.
    suffixy = sorted(d for d in disposable
                     if d.count(".") == 1 and d.split(".")[0] in
                     {"co", "com", "org", "net", "edu", "gov", "ac", "or", "ne", "go"}
                     and d not in {"co.cc"})  # co.cc: a defunct free-subdomain service
    if suffixy:
        sys.exit(f"gen-data: disposable list has public-suffix-like entries: {suffixy}")
    # Never call a listed webmail or dead domain disposable (the lists must be disjoint).
    clash = disposable & (set(webmail) | set(dead))
    stats["disposable removed (webmail/dead clash)"] = len(clash)
    if clash:
        print(f"gen-data: dropped from the disposable list (webmail/dead): {sorted(clash)}",
              file=sys.stderr)
    disposable -= clash
    # A listed parent domain makes its subdomains disposable too (lookup checks parents):
    # drop the subdomains that are therefore redundant.
    redundant = {d for d in disposable
                 if any(d.split(".", i)[-1] in disposable for i in range(1, d.count(".")))}
    stats["disposable removed (under a listed parent)"] = len(redundant)
    disposable -= redundant
    stats["disposable kept"] = len(disposable)

    roles = set()
    for r in read_source_list("roles.txt"):
        n = re.sub(r"[._-]", "", r.lower())
        if not re.fullmatch(r"[a-z0-9]+", n):
            sys.exit(f"gen-data: sources/roles.txt: {r!r}")
        roles.add(n)
    return {
        "disposable.txt": domain_lines(sorted(disposable)),
        "webmail.txt": domain_lines(sorted(webmail)),
        "dead-domains.txt": domain_lines(sorted(dead)),
        "typo-targets.txt": domain_lines(typo),
        "roles.txt": domain_lines(sorted(roles)),
    }


def gen_fold_map():
    """The character table of fold_place, for src/data/mod.rs: "CHAR REPLACEMENT" lines."""
    return "".join(f"{ch} {FOLD_MAP[ch]}\n" for ch in sorted(FOLD_MAP, key=ord)).encode()


def generate(offline):
    stats = {}
    files = {"postcodes.txt": gen_postcodes(offline, stats), "fold-map.txt": gen_fold_map()}
    files.update(gen_email_lists(offline, stats))
    return files, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--offline", action="store_true")
    ap.add_argument("--sizes", action="store_true")
    args = ap.parse_args()
    files, stats = generate(args.offline)
    bad = 0
    for name, content in files.items():
        path = os.path.join(DATA, name)
        if args.check:
            try:
                with open(path, "rb") as f:
                    same = f.read() == content
            except FileNotFoundError:
                same = False
            if not same:
                print(f"gen-data: data/{name} is not what the sources generate", file=sys.stderr)
                bad = 1
        else:
            tmp = path + ".tmp"
            with open(tmp, "wb") as f:
                f.write(content)
            os.replace(tmp, path)
    for k, v in stats.items():
        print(f"  {k}: {v}")
    if args.sizes or not args.check:
        total_raw = total_gz = 0
        print(f"  {'file':<24}{'bytes':>10}{'gzip -9':>10}")
        for name, content in files.items():
            gz = len(gzip.compress(content, 9, mtime=0))
            total_raw += len(content)
            total_gz += gz
            print(f"  data/{name:<19}{len(content):>10}{gz:>10}")
        print(f"  {'total':<24}{total_raw:>10}{total_gz:>10}")
    if args.check:
        if bad:
            print("gen-data: CHECK FAILED: run python3 scripts/gen-data.py", file=sys.stderr)
            return 1
        print("gen-data: generated files are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
