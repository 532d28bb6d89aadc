//! Targeted assertions on sniffing (encoding, delimiter, line ending, title lines,
//! header), on positions (row, line and byte of findings, computed from the fixture
//! bytes themselves) and on column roles.
//!
//! fixed yet: `cargo test --test sniff -- --ignored` shows them failing.

mod common;

use common::{
    audit, audit_preview, cp1252, examples, fixture, line_at, offset_of, roles, utf16be, utf16le,
};
use tamis::roles::role_from_header;
use tamis::{Report, Role, RoleSource};

/// The layout facts of a report: encoding, its source, BOM, delimiter, line ending,
/// title lines, header, rows, columns.
type Layout<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    bool,
    Option<&'a str>,
    Option<&'a str>,
    u32,
    bool,
    u64,
    usize,
);

/// The layout facts of a report, as one comparable tuple.
fn layout(r: &Report) -> Layout<'_> {
    let i = &r.input;
    (
        i.encoding.as_deref(),
        i.encoding_source.as_deref(),
        i.bom,
        i.delimiter.as_deref(),
        i.line_ending.as_deref(),
        i.title_lines,
        i.header,
        i.rows,
        i.columns.len(),
    )
}

// --- layout of every fixture ---------------------------------------------------

#[test]
fn layout_of_each_fixture() {
    type Row = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        bool,
        Option<&'static str>,
        Option<&'static str>,
        u32,
        bool,
        u64,
        usize,
    );
    const U8: Option<&str> = Some("UTF-8");
    const W: Option<&str> = Some("windows-1252");
    const VALID: Option<&str> = Some("valid_utf8");
    const FALLBACK: Option<&str> = Some("fallback");
    const BOM: Option<&str> = Some("bom");
    const SEMI: Option<&str> = Some(";");
    const COMMA: Option<&str> = Some(",");
    const TAB: Option<&str> = Some("\t");
    const LF: Option<&str> = Some("LF");
    const CRLF: Option<&str> = Some("CRLF");
    #[rustfmt::skip]
    let table: &[Row] = &[
        // file                          encoding          source                bom    delim      line end     title header rows cols
        ("utf8_bom_comma_lf.csv",        U8,               BOM,                  true,  COMMA,     LF,          0, true,  5, 6),
        ("utf8_semicolon_crlf.csv",      U8,               VALID,                false, SEMI,      CRLF,        0, true,  6, 9),
        ("cp1252_semicolon_crlf.csv",    W,                FALLBACK,             false, SEMI,      CRLF,        0, true,  5, 11),
        ("utf16le_bom_tab.txt",          Some("UTF-16LE"), BOM,                  true,  TAB,       CRLF,        0, true,  5, 6),
        ("utf16be_bom.csv",              Some("UTF-16BE"), BOM,                  true,  SEMI,      CRLF,        0, true,  5, 6),
        ("utf16le_nobom.csv",            Some("UTF-16LE"), Some("null_bytes"),   false, COMMA,     LF,          0, true,  5, 6),
        ("pipe.csv",                     U8,               VALID,                false, Some("|"), LF,          0, true,  4, 4),
        ("tab.tsv",                      U8,               VALID,                false, TAB,       LF,          0, true,  4, 5),
        ("decimal_comma.csv",            U8,               VALID,                false, SEMI,      CRLF,        0, true,  5, 5),
        ("cr_only.csv",                  U8,               VALID,                false, SEMI,      Some("CR"),  0, true,  4, 4),
        ("quoted_newlines.csv",          U8,               VALID,                false, COMMA,     LF,          0, true,  5, 4),
        ("ragged.csv",                   U8,               VALID,                false, SEMI,      LF,          0, true,  7, 4),
        ("title_line.csv",               U8,               VALID,                false, SEMI,      CRLF,        1, true,  4, 5),
        ("blank_lines.csv",              U8,               VALID,                false, SEMI,      LF,          0, true,  5, 4),
        ("header_only.csv",              U8,               VALID,                false, SEMI,      CRLF,        0, true,  0, 4),
        ("repeated_header.csv",          U8,               VALID,                false, SEMI,      LF,          0, true,  7, 4),
        ("no_header.csv",                U8,               VALID,                false, SEMI,      LF,          0, false, 6, 6),
        ("hubspot.csv",                  U8,               VALID,                false, COMMA,     CRLF,        0, true,  4, 7),
        ("salesforce.csv",               U8,               VALID,                false, COMMA,     CRLF,        0, true,  4, 8),
        ("mailing_tool.csv",             U8,               VALID,                false, SEMI,      LF,          0, true,  5, 4),
        ("lying_header.csv",             U8,               VALID,                false, SEMI,      CRLF,        0, true,  5, 3),
        ("nul_bytes.csv",                U8,               VALID,                false, SEMI,      LF,          0, true,  7, 4),
        ("invalid_utf8_late.csv",        U8,               VALID,                false, SEMI,      LF,          0, true,  1236, 5),
        ("unbalanced_quote.csv",         U8,               VALID,                false, SEMI,      LF,          0, true,  3, 4),
        ("unbalanced_quote_mid.csv",     U8,               VALID,                false, SEMI,      LF,          0, true,  2, 4),
        ("excel_trailing_semicolons.csv", W,               FALLBACK,             false, SEMI,      CRLF,        0, true,  4, 3),
    ];
    for &(name, enc, src, bom, delim, eol, title, header, rows, cols) in table {
        let r = audit(&fixture(name));
        assert!(r.input.text, "{name}");
        assert_eq!(
            layout(&r),
            (enc, src, bom, delim, eol, title, header, rows, cols),
            "{name}"
        );
    }
}

#[test]
fn not_text_fixtures() {
    for (name, kind) in [
        ("image.png", "PNG image"),
        (
            "workbook.xlsx",
            "ZIP archive (an .xlsx or .ods workbook is one)",
        ),
    ] {
        let r = audit(&fixture(name));
        assert!(!r.input.text, "{name}");
        assert_eq!(
            layout(&r),
            (None, None, false, None, None, 0, false, 0, 0),
            "{name}"
        );
        let f = r.finding("csv.not_text").expect("csv.not_text");
        assert_eq!(
            f.examples[0].params.get("kind").map(String::as_str),
            Some(kind)
        );
        assert_eq!(
            (f.examples[0].position.line, f.examples[0].position.byte),
            (1, 0)
        );
    }
}

// --- delimiters -------------------------------------------------------------------

#[test]
fn decimal_commas_keep_the_semicolon() {
    let r = audit(&fixture("decimal_comma.csv"));
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
    assert_eq!(r.input.columns[2].name, "Prix");
    let (_, preview) = audit_preview(&fixture("decimal_comma.csv"));
    let rows = preview.expect("preview").rows;
    assert_eq!(rows[0].fields[2], "12,50");
    assert!(rows.iter().all(|r| r.fields.len() == 5));

    // Narrower files: two decimal columns, a price and a quantity, thousands with spaces.
    for text in [
        "Prix;Email\r\n12,50;a@exemple.fr\r\n3,99;b@exemple.fr\r\n0,75;c@exemple.fr\r\n",
        "Produit;Prix HT;Prix TTC\r\nStylo;10,00;12,00\r\nAgenda;100,50;120,60\r\nGomme;0,50;0,60\r\n",
        "Nom;Montant\r\nDupont;1 250,10\r\nMartin;12,5\r\nDurand;7,25\r\n",
    ] {
        let r = audit(text.as_bytes());
        assert_eq!(r.input.delimiter.as_deref(), Some(";"), "{text:?}");
        assert_eq!(r.input.columns.len(), text.lines().next().unwrap_or("").split(';').count(), "{text:?}");
        assert_eq!(r.count("csv.ragged_row"), 0, "{text:?}");
    }
}

#[test]
fn each_delimiter_is_found() {
    for d in [";", ",", "\t", "|"] {
        let text = format!("email{d}nom{d}ville\nlea@exemple.fr{d}Durand{d}Lyon\njean@exemple.fr{d}Petit{d}Paris\n");
        let r = audit(text.as_bytes());
        assert_eq!(r.input.delimiter.as_deref(), Some(d));
        assert_eq!(r.input.columns.len(), 3);
    }
    // Commas inside values of a `;` file, quoted or not.
    let r = audit(b"nom;adresse;ville\nDurand;\"3, rue Haute\";Lyon\nPetit;5, place Basse;Paris\nMoreau;1 bis, all\xc3\xa9e;Nantes\n");
    assert_eq!(r.input.delimiter.as_deref(), Some(";"));
}

// --- encodings -------------------------------------------------------------------

#[test]
fn encodings() {
    let text = "Nom;Prénom;Ville\r\nLœvenbruck;Zoé;L’Haÿ-les-Roses\r\nDubœuf;Noël;Orléans\r\n";
    let cases: Vec<(&str, Vec<u8>, &str, &str, bool)> = vec![
        (
            "UTF-8",
            text.as_bytes().to_vec(),
            "UTF-8",
            "valid_utf8",
            false,
        ),
        (
            "UTF-8 BOM",
            [&b"\xef\xbb\xbf"[..], text.as_bytes()].concat(),
            "UTF-8",
            "bom",
            true,
        ),
        ("cp1252", cp1252(text), "windows-1252", "fallback", false),
        (
            "UTF-16LE BOM",
            [&[0xFF, 0xFE][..], &utf16le(text)].concat(),
            "UTF-16LE",
            "bom",
            true,
        ),
        (
            "UTF-16BE BOM",
            [&[0xFE, 0xFF][..], &utf16be(text)].concat(),
            "UTF-16BE",
            "bom",
            true,
        ),
        ("UTF-16LE", utf16le(text), "UTF-16LE", "null_bytes", false),
        ("UTF-16BE", utf16be(text), "UTF-16BE", "null_bytes", false),
    ];
    for (what, bytes, enc, source, bom) in cases {
        let (r, preview) = audit_preview(&bytes);
        assert_eq!(r.input.encoding.as_deref(), Some(enc), "{what}");
        assert_eq!(r.input.encoding_source.as_deref(), Some(source), "{what}");
        assert_eq!(r.input.bom, bom, "{what}");
        assert_eq!(r.input.columns[1].name, "Prénom", "{what}");
        let preview = preview.expect("preview");
        assert_eq!(
            preview.rows[0].fields,
            ["Lœvenbruck", "Zoé", "L’Haÿ-les-Roses"],
            "{what}"
        );
        assert_eq!(r.count("encoding.invalid_bytes"), 0, "{what}");
    }
}

#[test]
fn cp1252_values_are_decoded() {
    let (r, preview) = audit_preview(&fixture("cp1252_semicolon_crlf.csv"));
    assert_eq!(r.input.columns[0].name, "Civilité");
    assert_eq!(r.input.columns[3].name, "Société");
    let rows = preview.expect("preview").rows;
    assert_eq!(rows[0].fields[3], "Cœur de Loire SARL");
    assert_eq!(rows[0].fields[4], "12 rue de l’Église");
    assert_eq!(rows[0].fields[10], "Budget 1 500 €");
    assert_eq!(rows[3].fields[6], "L'Haÿ-les-Roses");
}

#[test]
fn utf16_surrogate_pairs_are_decoded() {
    for name in [
        "utf16le_bom_tab.txt",
        "utf16be_bom.csv",
        "utf16le_nobom.csv",
    ] {
        let (_, preview) = audit_preview(&fixture(name));
        let rows = preview.expect("preview").rows;
        assert_eq!(rows[0].fields[5], "Très bien 👍", "{name}");
        assert_eq!(rows[4].fields[5], "Client 🎉 fidèle", "{name}");
    }
}

#[test]
fn invalid_utf8_after_the_sniff_window() {
    let bytes = fixture("invalid_utf8_late.csv");
    let bad = offset_of(&bytes, b"rene.durand@");
    assert!(
        bad as usize > tamis::SNIFF_BYTES,
        "the fixture's bad bytes must come after the window"
    );
    let r = audit(&bytes);
    assert_eq!(r.input.encoding.as_deref(), Some("UTF-8"));
    let rows_before = bytes[..bad as usize]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        - 1;
    assert_eq!(
        examples(&r, "encoding.invalid_bytes"),
        vec![(Some(rows_before + 1), line_at(&bytes, bad), bad)]
    );
    assert_eq!(r.count("encoding.invalid_bytes"), 1);
}

// --- title lines and headers --------------------------------------------------------

#[test]
fn title_line_above_the_header() {
    let bytes = fixture("title_line.csv");
    let r = audit(&bytes);
    assert_eq!(r.input.title_lines, 1);
    assert!(r.input.header);
    assert_eq!(r.input.columns[0].name, "Nom");
    assert_eq!(examples(&r, "csv.title_line"), vec![(None, 1, 0)]);

    // Trailing delimiters on the title line (Excel).
    let text = "Export clients du 12/11/2026;;;;\r\nNom;Prénom;Email;Téléphone;Ville\r\nMartin;Camille;camille.martin@exemple.fr;06 39 98 10 01;Paris\r\n";
    let r = audit(text.as_bytes());
    assert_eq!(
        (r.input.title_lines, r.input.header, r.input.rows),
        (1, true, 1)
    );
    assert_eq!(r.input.columns[0].name, "Nom");
}

#[test]
fn title_line_above_a_two_column_header() {
    // sniff_dialect takes a one-value record as a title only when the usual width is 3 or
    // more; here the title becomes a one-column header and every row is ragged and rejected.
    let text = "Export clients du 12/11/2026\r\nemail;nom\r\na@exemple.fr;Durand\r\nb@exemple.fr;Petit\r\n";
    let r = audit(text.as_bytes());
    assert_eq!(
        (r.input.title_lines, r.input.header, r.input.rows),
        (1, true, 2)
    );
    assert_eq!(roles(&r), ["email", "last_name"]);
    assert_eq!(r.count("csv.ragged_row"), 0);
}

#[test]
fn two_title_lines() {
    // sniff_dialect only takes a record as a title when the *next* record has 2+ values,
    // so a title over a date line is never skipped although up to 5 title lines are meant.
    let text = "Export clients\r\nGénéré le 12/11/2026\r\nNom;Prénom;Email;Téléphone;Ville\r\nMartin;Camille;camille.martin@exemple.fr;06 39 98 10 01;Paris\r\n";
    let r = audit(text.as_bytes());
    assert_eq!(
        (r.input.title_lines, r.input.header, r.input.rows),
        (2, true, 1)
    );
    assert_eq!(r.input.columns[0].name, "Nom");
}

#[test]
fn title_line_then_an_empty_excel_line() {
    // sniff_dialect's title loop requires the *next* record to have 2+ values; here the
    // next one is `;;;;`, so the title is taken as the header (1 column, 5 ragged rows).
    let r = audit(&fixture("title_line_excel.csv"));
    assert_eq!(r.input.title_lines, 2);
    assert!(r.input.header);
    assert_eq!(r.input.columns.len(), 5);
    assert_eq!(r.input.columns[0].name, "Nom");
    assert_eq!(r.input.rows, 4);
    assert_eq!(r.count("csv.ragged_row"), 0);
}

#[test]
fn header_or_not() {
    let r = audit(&fixture("no_header.csv"));
    assert!(!r.input.header);
    assert_eq!(r.input.rows, 6, "the first line is a data row");
    assert_eq!(r.count("csv.no_header"), 1);
    let names: Vec<_> = r.input.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["column 1", "column 2", "column 3", "column 4", "column 5", "column 6"]
    );
    assert_eq!(roles(&r)[2..5], ["email", "phone", "postcode"]);
    assert!(r.input.columns[2..5]
        .iter()
        .all(|c| c.role_source == RoleSource::Content));

    let r = audit(&fixture("header_only.csv"));
    assert!(r.input.header);
    assert_eq!((r.input.rows, r.count("csv.header_only")), (0, 1));
    assert_eq!(roles(&r), ["email", "last_name", "first_name", "city"]);

    // Trailing empty header cells are not columns.
    let r = audit(&fixture("excel_trailing_semicolons.csv"));
    assert_eq!(r.input.columns.len(), 3);
    assert_eq!(r.count("csv.ragged_row"), 0);
}

#[test]
fn no_record_no_header_no_column() {
    for bytes in [&b"\n\n\r\n\r\n\n"[..], &fixture("only_blank_lines.csv")] {
        let r = audit(bytes);
        assert_eq!(r.count("csv.empty"), 1);
        assert!(!r.input.header, "no record, so no header");
        assert!(
            r.input.columns.is_empty(),
            "no record, so no column: {:?}",
            r.input.columns
        );
    }
}

// --- line endings --------------------------------------------------------------

#[test]
fn line_endings() {
    for (text, eol) in [
        ("a;b\nc;d\n", "LF"),
        ("a;b\r\nc;d\r\n", "CRLF"),
        ("a;b\rc;d\r", "CR"),
        ("a;b\r\nc;d\n", "mixed"),
        ("a;b", "none"),
    ] {
        assert_eq!(
            audit(text.as_bytes()).input.line_ending.as_deref(),
            Some(eol),
            "{text:?}"
        );
    }
}

#[test]
fn newlines_inside_quotes_are_not_line_endings() {
    let r = audit(&fixture("excel_multiline_cells.csv"));
    assert_eq!(r.input.line_ending.as_deref(), Some("CRLF"));
    let r = audit(b"a;b\n\"x\r\ny\";z\n");
    assert_eq!(r.input.line_ending.as_deref(), Some("LF"));
}

// --- positions ---------------------------------------------------------------------

/// Where a row starts: (data row, line, byte), from the fixture's bytes.
fn at(bytes: &[u8], row: u64, needle: &[u8]) -> (Option<u64>, u64, u64) {
    let byte = offset_of(bytes, needle);
    (Some(row), line_at(bytes, byte), byte)
}

#[test]
fn positions_of_ragged_rows() {
    let b = fixture("ragged.csv");
    let r = audit(&b);
    assert_eq!(
        examples(&r, "csv.ragged_row"),
        vec![
            at(&b, 2, b"Petit;"),
            at(&b, 4, b"Roux;"),
            at(&b, 5, b"Blanc;"),
            at(&b, 6, b"Girard;")
        ]
    );
    let params: Vec<_> = r
        .finding("csv.ragged_row")
        .expect("ragged")
        .examples
        .iter()
        .map(|e| e.params.clone())
        .collect();
    let found: Vec<_> = params
        .iter()
        .map(|p| (p["expected"].as_str(), p["found"].as_str()))
        .collect();
    assert_eq!(found, [("4", "2"), ("4", "6"), ("4", "7"), ("4", "3")]);
}

#[test]
fn positions_of_blank_rows_skip_empty_lines() {
    let b = fixture("blank_lines.csv");
    let r = audit(&b);
    // Empty lines are not rows; all-empty rows are (csv.blank_row).
    assert_eq!(r.input.rows, 5);
    assert_eq!(
        examples(&r, "csv.blank_row"),
        vec![at(&b, 2, b";;;\n"), at(&b, 4, b"  ;  ;;")]
    );
}

#[test]
fn positions_of_a_repeated_header() {
    let b = fixture("repeated_header.csv");
    let r = audit(&b);
    let second = offset_of(&b[1..], b"email;nom") + 1;
    assert_eq!(
        examples(&r, "csv.repeated_header"),
        vec![(Some(4), line_at(&b, second), second)]
    );
}

#[test]
fn positions_after_quoted_newlines() {
    let b = fixture("quoted_newlines.csv");
    let r = audit(&b);
    // Line 8: the records above span 1 + 2 + 3 + 1 lines after the header.
    assert_eq!(examples(&r, "csv.ragged_row"), vec![at(&b, 4, b"\"Roux\"")]);
    assert_eq!(examples(&r, "csv.ragged_row")[0].1, 8);
}

#[test]
fn positions_of_unbalanced_quotes() {
    let b = fixture("unbalanced_quote.csv");
    let r = audit(&b);
    assert_eq!(
        examples(&r, "csv.unbalanced_quote"),
        vec![at(&b, 3, b"Moreau;")]
    );

    let b = fixture("unbalanced_quote_mid.csv");
    let r = audit(&b);
    assert_eq!(
        examples(&r, "csv.unbalanced_quote"),
        vec![at(&b, 2, b"Petit;")]
    );
    assert_eq!(r.input.rows, 2, "the open quote swallows the rows after it");
}

#[test]
fn positions_count_original_bytes() {
    // Windows-1252: one byte per character, whatever its UTF-8 length.
    let b = fixture("cp1252_semicolon_crlf.csv");
    let empty = offset_of(&b, b"\r\n;;;;;;;;;;\r\n") + 2;
    assert_eq!(
        examples(&audit(&b), "csv.blank_row"),
        vec![(Some(3), line_at(&b, empty), empty)]
    );

    // UTF-16: two bytes per unit, four per surrogate pair, BOM included.
    for (name, sep) in [
        ("utf16le_bom_tab.txt", "\t"),
        ("utf16be_bom.csv", ";"),
        ("utf16le_nobom.csv", ","),
    ] {
        let b = fixture(name);
        let be = name.contains("be");
        let (enc, eol): (fn(&str) -> Vec<u8>, &str) = if be {
            (utf16be, "\r\n")
        } else {
            (utf16le, if sep == "," { "\n" } else { "\r\n" })
        };
        let needle = enc(&format!("{eol}{}{eol}", sep.repeat(5)));
        let empty = offset_of(&b, &needle) + enc(eol).len() as u64;
        let r = audit(&b);
        assert_eq!(
            examples(&r, "csv.blank_row"),
            vec![(Some(2), 3, empty)],
            "{name}"
        );
    }

    // UTF-8 with a BOM: offsets include the BOM's three bytes.
    let b = "\u{feff}email;nom\nlea@exemple.fr\n".as_bytes();
    assert_eq!(
        examples(&audit(b), "csv.ragged_row"),
        vec![(Some(1), 2, 13)]
    );
}

#[test]
fn positions_under_a_title_line() {
    let text = "Export clients du 12/11/2026\r\nNom;Prénom;Email\r\nMartin;Camille\r\n";
    let r = audit(text.as_bytes());
    assert_eq!(
        examples(&r, "csv.ragged_row"),
        vec![(Some(1), 3, offset_of(text.as_bytes(), b"Martin"))]
    );
}

#[test]
fn cr_only_line_numbers() {
    let b = fixture("cr_only_ragged.csv");
    let r = audit(&b);
    assert_eq!(
        examples(&r, "csv.ragged_row"),
        vec![at(&b, 3, b"jean.petit@")]
    );
    assert_eq!(examples(&r, "csv.ragged_row")[0].1, 4);
    assert_eq!(examples(&r, "csv.blank_row")[0].1, 6);
}

#[test]
fn nul_bytes_inside_text_stay_text() {
    let b = fixture("nul_bytes.csv");
    let (r, preview) = audit_preview(&b);
    assert!(r.input.text);
    assert_eq!(preview.expect("preview").rows[1].fields[1], "Be\0rnard");
    // The trailing NUL run is a one-field row.
    let nuls = offset_of(&b, &[0; 8]);
    assert_eq!(
        examples(&r, "csv.ragged_row"),
        vec![(Some(7), line_at(&b, nuls), nuls)]
    );
}

// --- roles -----------------------------------------------------------------------------

#[test]
fn roles_from_header_spellings() {
    use Role::*;
    #[rustfmt::skip]
    let table: &[(&str, Role)] = &[
        // Email.
        ("e-mail", Email), ("E-mail", Email), ("email", Email), ("EMAIL", Email), ("Email", Email),
        ("courriel", Email), ("Courriel", Email), ("mail", Email), ("adresse mail", Email),
        ("Adresse mail", Email), ("Adresse e-mail", Email), ("adresse email", Email), ("Mél", Email),
        ("email_address", Email), ("E-mail address", Email),
        // Phones.
        ("tel", Phone), ("tél", Phone), ("Tél.", Phone), ("téléphone", Phone), ("Téléphone", Phone),
        ("Numéro de téléphone", Phone), ("N° de téléphone", Phone), ("phone_number", Phone),
        ("portable", Mobile), ("Portable", Mobile), ("Téléphone portable", Mobile), ("Tél. portable", Mobile),
        ("mobile", Mobile), ("GSM", Mobile), ("mobile_number", Mobile), ("SMS", Mobile),
        ("fixe", Landline), ("Téléphone fixe", Landline), ("fax", Fax), ("Télécopie", Fax),
        // Names and companies.
        ("nom", LastName), ("Nom", LastName), ("NOM", LastName), ("Nom de famille", LastName),
        ("prénom", FirstName), ("Prénom", FirstName), ("PRENOM", FirstName),
        ("Nom Prénom", FullName), ("Nom et prénom", FullName),
        ("raison sociale", Company), ("Raison sociale", Company), ("société", Company), ("Société", Company),
        ("entreprise", Company), ("Entreprise", Company), ("Nom de l'entreprise", Company),
        // Company identifiers.
        ("siren", Siren), ("SIREN", Siren), ("N° SIREN", Siren), ("siret", Siret), ("SIRET", Siret),
        ("Numéro SIRET", Siret), ("tva", Vat), ("TVA", Vat), ("TVA intracommunautaire", Vat),
        ("N° TVA intracom", Vat), ("NAF", Naf), ("APE", Naf), ("Code NAF", Naf), ("Code APE", Naf),
        ("Code NAF/APE", Naf),
        // Address.
        ("adresse", Address1), ("Adresse", Address1), ("adresse 1", Address1), ("Adresse 1", Address1),
        ("Adresse ligne 1", Address1), ("adresse 2", Address2), ("Adresse 2", Address2),
        ("Adresse ligne 2", Address2), ("adresse 3", Address3), ("Adresse 3", Address3),
        ("Adresse ligne 3", Address3), ("complément", Address2), ("Complément d'adresse", Address2),
        ("code postal", Postcode), ("Code postal", Postcode), ("Code Postal", Postcode), ("CP", Postcode),
        ("cp", Postcode), ("C.P.", Postcode), ("ville", City), ("Ville", City), ("commune", City),
        ("Commune", City), ("pays", Country), ("Pays", Country),
        // Person.
        ("civilité", Civility), ("Civilité", Civility), ("CIVILITE", Civility),
        ("fonction", JobTitle), ("Fonction", JobTitle), ("poste", JobTitle), ("Poste", JobTitle),
        // Consent.
        ("optin", Consent), ("Optin", Consent), ("opt-in", Consent), ("Opt-in", Consent),
        ("consentement", Consent), ("Consentement", Consent),
        ("opt-in email", ConsentEmail), ("Opt-in email", ConsentEmail), ("Opt-in e-mail", ConsentEmail),
        ("Consentement email", ConsentEmail), ("Opt-in SMS", ConsentSms), ("Consentement SMS", ConsentSms),
        ("Opt-in téléphone", ConsentPhone), ("optin tel", ConsentPhone),
        ("accord partenaires", ConsentPartners), ("Accord partenaires", ConsentPartners),
        ("Accord offres partenaires", ConsentPartners), ("Opt-in partenaires", ConsentPartners),
        // Dates.
        ("date de collecte", CollectionDate), ("Date de collecte", CollectionDate),
        ("date d'inscription", CollectionDate), ("Date d'inscription", CollectionDate),
        ("Date de création", CollectionDate),
        ("dernière activité", LastActivityDate), ("Dernière activité", LastActivityDate),
        ("Date de dernière activité", LastActivityDate), ("Last Activity Date", LastActivityDate),
        ("Date consentement", ConsentDate), ("Date opt-in", ConsentDate),
        ("Date de naissance", BirthDate), ("date_of_birth", BirthDate),
        // Source and free text.
        ("source", Source), ("Source", Source), ("origine", Source), ("Origine", Source),
        ("Origine du contact", Source), ("Lead Source", Source),
        ("commentaire", FreeText), ("Commentaire", FreeText), ("commentaires", FreeText),
        ("notes", FreeText), ("Notes", FreeText),
        // HubSpot-like.
        ("First Name", FirstName), ("Last Name", LastName), ("Email", Email), ("Phone Number", Phone),
        ("Mobile Phone Number", Mobile), ("Postal Code", Postcode), ("Company Name", Company),
        // Salesforce-like (see also `salesforce_mailing_headers`).
        ("FirstName", FirstName), ("LastName", LastName), ("Phone", Phone), ("MobilePhone", Mobile),
        ("Account Name", Company),
        // Mailing-tool attributes.
        ("FIRSTNAME", FirstName), ("LASTNAME", LastName),
        // English.
        ("given_name", FirstName), ("surname", LastName), ("address_1", Address1), ("address_2", Address2),
        ("suburb", City), ("postcode", Postcode), ("zip", Postcode), ("Zip Code", Postcode),
        ("city", City), ("country", Country), ("job_title", JobTitle), ("Job Title", JobTitle),
        ("company", Company),
        // Not recognised.
        ("", Unknown), ("   ", Unknown), ("Date", Unknown), ("xyz", Unknown), ("Prix", Unknown),
    ];
    let wrong: Vec<String> = table
        .iter()
        .filter(|(h, want)| role_from_header(h) != *want)
        .map(|(h, want)| format!("{h:?}: expected {want:?}, got {:?}", role_from_header(h)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} headers misread:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn salesforce_mailing_headers() {
    for (h, want) in [
        ("MailingPostalCode", Role::Postcode),
        ("MailingCity", Role::City),
        ("MailingStreet", Role::Address1),
        ("MailingCountry", Role::Country),
        ("Mailing Zip", Role::Postcode),
    ] {
        assert_eq!(role_from_header(h), want, "{h}");
    }
    let r = audit(&fixture("salesforce.csv"));
    assert_eq!(
        roles(&r),
        [
            "first_name",
            "last_name",
            "email",
            "phone",
            "mobile",
            "postcode",
            "city",
            "company"
        ]
    );
}

#[test]
fn roles_of_crm_and_mailing_tool_exports() {
    let r = audit(&fixture("hubspot.csv"));
    assert_eq!(
        roles(&r),
        [
            "first_name",
            "last_name",
            "email",
            "phone",
            "mobile",
            "postcode",
            "company"
        ]
    );
    assert!(r
        .input
        .columns
        .iter()
        .all(|c| c.role_source == RoleSource::Header));

    let r = audit(&fixture("mailing_tool.csv"));
    assert_eq!(roles(&r), ["email", "first_name", "last_name", "mobile"]);

    let r = audit(&fixture("utf8_semicolon_crlf.csv"));
    assert_eq!(
        roles(&r),
        [
            "civility",
            "first_name",
            "last_name",
            "email",
            "mobile",
            "postcode",
            "city",
            "collection_date",
            "consent_email"
        ]
    );

    let r = audit(&fixture("cp1252_semicolon_crlf.csv"));
    assert_eq!(
        roles(&r),
        [
            "civility",
            "first_name",
            "last_name",
            "company",
            "address1",
            "postcode",
            "city",
            "phone",
            "email",
            "collection_date",
            "free_text"
        ]
    );
}

#[test]
fn roles_from_content() {
    // A header that lies: `Contact` holds emails.
    let r = audit(&fixture("lying_header.csv"));
    let c = &r.input.columns[1];
    assert_eq!(
        (c.name.as_str(), c.role, c.role_source),
        ("Contact", Role::Email, RoleSource::Content)
    );

    // Unnamed columns of phones, postcodes and civilities.
    let text = "Dupont;06 39 98 10 01;75011;M.\nMartin;+33 6 39 98 10 02;69003;Mme\nDurand;0639981003;13001;Mme\n";
    let r = audit(text.as_bytes());
    assert!(!r.input.header);
    assert_eq!(roles(&r), ["unknown", "phone", "postcode", "civility"]);

    // A column headed `email` holding something else is not kept as email.
    let text = "email;nom\nDupont;a\nMartin;b\nDurand;c\nPetit;d\nMoreau;e\n";
    let r = audit(text.as_bytes());
    assert_ne!(r.input.columns[0].role, Role::Email);
}
