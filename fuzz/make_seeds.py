#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets into fuzz/corpus-work/seeds/<target>/ (not
committed): the test fixtures for `feed` (behind the 5-byte seed/flags prefix the target
reads first), and their cells plus hand-written values for the field parsers. Run once
before a first `cargo fuzz cmin`; the committed corpus in fuzz/corpus/ grew from these."""
import hashlib, os, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus-work" / "seeds"

def put(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

cells = set()
for f in sorted((ROOT / "tests" / "fixtures").iterdir()):
    if f.name in ("make.py", "README.md") or f.name.startswith("."):
        continue
    data = f.read_bytes()
    for flags in (0x00, 0x21, 0x4A, 0xC3, 0xE5):
        put("feed", b"\x2a\x00\x00\x00" + bytes([flags]) + data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in data[:64]:
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    for cell in re.split(r"[;,\t|\r\n]", text):
        cell = cell.strip('"')
        if 0 < len(cell) < 64:
            cells.add(cell)

DATES = ["23/11/2026", "2026-11-23", "23/11/2026 14:05", "23-11-26", "2026-11-23T14:05:00Z",
         "23 novembre 2026", "lundi 1er décembre 2025 à 14h05", "45000", "45000,5", "11/23/2026",
         "29/02/2024", "31/02/2026", "1er janv. 2020", "Mon, 3 Feb 2025 10:00", "0001-01-01"]
PHONES = ["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "0033 6 12 34 56 78",
          "+33 (0)6 12 34 56 78", "612345678", "+1 212 555 0123", "+262 262 12 34 56",
          "06\u00a012\u00a034\u00a056\u00a078", "06\u201312\u201334", "+44 20 7946 0958", "0162000000"]
EMAILS = ["jean.dupont@gmail.com", "contact@exemple.fr", "a+tag@hotmail.fr", "x@gmial.com",
          "x@wanadoo.ff", "x@voila.fr", "x@yopmail.com", "x@exämple.fr", "X@GMAIL.COM",
          "a..b@x.fr", "@x.fr", "a@b", "a@xn--bcher-kva.ch"]
POSTAL = ["75001|Paris", "75001|PARIS 01", "42000|St-Étienne", "1000|Bourg-en-Bresse",
          "69003|Lyon Cedex 03", "92045|Paris La Défense Cedex", "96045|Nulle Part Cedex",
          "750011|", "ABCDE|", "97400|Saint-Denis", "20000|Ajaccio"]
for target, extra in (("dates", DATES), ("phone", PHONES), ("email", EMAILS), ("postal", POSTAL)):
    for v in sorted(cells) + extra:
        put(target, v.encode("utf-8"))
for n, c in enumerate(sorted(cells)):
    if re.fullmatch(r"\d{4,5}", c):
        put("postal", (c + "|Paris").encode())
print({t: len(os.listdir(OUT / t)) for t in os.listdir(OUT)})
