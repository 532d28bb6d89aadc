//! Golden reports: every fixture in `tests/fixtures/` audited with the default options
//! must give exactly `tests/golden/<stem>.report.json` (`Report::to_json_pretty()`).
//!
//! Re-bless with `TAMIS_BLESS=1 cargo test --test golden` (never by hand), then read
//! the diff of `tests/golden/` before committing: a golden that enshrines a bug is
//! worse than none. The CLI and browser tests compare against the same files.
//!
//! A fixture whose report shows a known core bug has its test `#[ignore]`d with the
//! reason and no golden file; once the bug is fixed, bless it with
//! `TAMIS_BLESS=1 cargo test --test golden -- --include-ignored`, check it, and drop the
//! `#[ignore]`.

mod common;

use std::collections::BTreeSet;

use common::{audit, fixture, fixture_names, golden_dir, stem};

fn bless() -> bool {
    std::env::var_os("TAMIS_BLESS").is_some_and(|v| v == "1")
}

fn check(name: &str) {
    let bytes = fixture(name);
    let actual = audit(&bytes).to_json_pretty();
    let path = golden_dir().join(format!("{}.report.json", stem(name)));
    if bless() {
        std::fs::create_dir_all(golden_dir()).expect("create tests/golden/");
        std::fs::write(&path, &actual).expect("write the golden report");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: audit the fixture, read the report, then bless it with \
             `TAMIS_BLESS=1 cargo test --test golden`",
            path.display()
        )
    });
    if expected != actual {
        let diff = first_difference(&expected, &actual);
        panic!(
            "{name}: the report differs from {}\n{diff}\nIf the change is intended, re-bless with \
             `TAMIS_BLESS=1 cargo test --test golden` and review the diff.\n--- actual ---\n{actual}",
            path.display()
        );
    }
}

/// The first differing line, with a little context.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let i = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    format!(
        "first difference at line {}:\n  expected: {}\n  actual:   {}",
        i + 1,
        e.get(i).unwrap_or(&"<end of file>"),
        a.get(i).unwrap_or(&"<end of file>")
    )
}

/// One test per fixture; `fixtures!` also lists them for the completeness check.
macro_rules! fixtures {
    ($($(#[$attr:meta])* $test:ident => $file:literal,)*) => {
        $(
            #[test]
            $(#[$attr])*
            fn $test() {
                check($file);
            }
        )*
        const LISTED: &[&str] = &[$($file),*];
    };
}

fixtures! {
    blank_lines => "blank_lines.csv",
    cp1252_semicolon_crlf => "cp1252_semicolon_crlf.csv",
    cr_only => "cr_only.csv",
    cr_only_ragged => "cr_only_ragged.csv",
    decimal_comma => "decimal_comma.csv",
    duplicates => "duplicates.csv",
    empty => "empty.csv",
    excel_multiline_cells => "excel_multiline_cells.csv",
    excel_trailing_semicolons => "excel_trailing_semicolons.csv",
    febrl_english => "febrl_english.csv",
    header_only => "header_only.csv",
    hostile => "hostile.csv",
    hubspot => "hubspot.csv",
    image => "image.png",
    invalid_utf8_late => "invalid_utf8_late.csv",
    lying_header => "lying_header.csv",
    mailing_tool => "mailing_tool.csv",
    no_header => "no_header.csv",
    nul_bytes => "nul_bytes.csv",
    only_blank_lines => "only_blank_lines.csv",
    only_empty_rows => "only_empty_rows.csv",
    pipe => "pipe.csv",
    quoted_newlines => "quoted_newlines.csv",
    ragged => "ragged.csv",
    repeated_header => "repeated_header.csv",
    salesforce => "salesforce.csv",
    tab => "tab.tsv",
    title_line => "title_line.csv",
    title_line_excel => "title_line_excel.csv",
    unbalanced_quote => "unbalanced_quote.csv",
    unbalanced_quote_mid => "unbalanced_quote_mid.csv",
    utf16be_bom => "utf16be_bom.csv",
    utf16le_bom_tab => "utf16le_bom_tab.txt",
    utf16le_nobom => "utf16le_nobom.csv",
    utf8_bom_comma_lf => "utf8_bom_comma_lf.csv",
    utf8_semicolon_crlf => "utf8_semicolon_crlf.csv",
    workbook => "workbook.xlsx",
}

#[test]
fn every_fixture_has_a_golden_test() {
    let on_disk: BTreeSet<String> = fixture_names().into_iter().collect();
    let listed: BTreeSet<String> = LISTED.iter().map(|s| s.to_string()).collect();
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty(),
        "fixtures without a test in tests/golden.rs: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "tests/golden.rs lists fixtures that do not exist: {missing:?}"
    );
    let stems: BTreeSet<&str> = LISTED.iter().map(|n| stem(n)).collect();
    assert_eq!(
        stems.len(),
        LISTED.len(),
        "two fixtures share a stem: their goldens would collide"
    );
}

#[test]
fn every_golden_has_a_fixture() {
    let stems: BTreeSet<&str> = LISTED.iter().map(|n| stem(n)).collect();
    let Ok(dir) = std::fs::read_dir(golden_dir()) else {
        return;
    };
    for entry in dir {
        let name = entry
            .expect("readable entry")
            .file_name()
            .into_string()
            .expect("UTF-8 name");
        if name.starts_with('.') {
            continue;
        }
        let s = name
            .strip_suffix(".report.json")
            .unwrap_or_else(|| panic!("tests/golden/{name}: not a .report.json"));
        assert!(
            stems.contains(s),
            "tests/golden/{name} has no fixture: delete it"
        );
    }
}

#[test]
fn every_fixture_is_in_the_readme() {
    let readme =
        std::fs::read_to_string(common::fixtures_dir().join("README.md")).expect("README.md");
    for name in fixture_names() {
        assert!(
            readme.contains(&format!("`{name}`")),
            "tests/fixtures/README.md does not list {name}"
        );
    }
}
