//! The JavaScript-facing API (`src/web.rs`), run in headless Chromium by
//! wasm-bindgen-test-runner:
//!
//! ```text
//! RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! /usr/bin/cargo test --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --test wasm
//! ```
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use tamis::web::{
    rules, seeds_add, seeds_make, version, JsAuditor, JsHashBuilder, JsLikeFile, JsOwnFileBuilder,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A small Windows-1252, semicolon, CRLF file with one ragged row.
const CP1252: &[u8] = b"Nom;Pr\xe9nom;Email;T\xe9l\xe9phone\r\n\
Dupont;Ren\xe9;rene@exemple.fr;01 99 00 12 34\r\n\
L\xe9ger;Zo\xe9;zoe@exemple.fr;06 39 98 00 01\r\n\
Fran\xe7ois;Ma\xebl\r\n\
\"Mercier\";\"Ag\xe8s\";agnes@exemple.fr;\r\n";

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, k| {
        let key = match k.parse::<u32>() {
            Ok(i) => JsValue::from(i),
            Err(_) => JsValue::from_str(k),
        };
        Reflect::get(&v, &key).unwrap_or_else(|_| panic!("no {k} in {path}"))
    })
}

fn string(v: &JsValue, path: &str) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

fn number(v: &JsValue, path: &str) -> f64 {
    get(v, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"))
}

/// Feeds `input` in chunks of `size` bytes (0: whole) and finishes.
fn audit(input: &[u8], size: usize) -> JsValue {
    let mut a = JsAuditor::new(JsValue::UNDEFINED).expect("default options");
    if size == 0 {
        a.feed(input).unwrap();
    } else {
        for chunk in input.chunks(size) {
            a.feed(chunk).unwrap();
        }
    }
    assert_eq!(a.bytes_fed().unwrap(), input.len() as f64);
    a.finish(None).expect("finish")
}

/// The report's summary for one finding code.
fn finding(report: &JsValue, code: &str) -> Option<JsValue> {
    let findings: js_sys::Array = get(report, "findings")
        .dyn_into()
        .expect("findings is an array");
    findings.iter().find(|f| string(f, "code") == code)
}

fn error_name(e: &JsValue) -> String {
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    string(e, "name")
}

#[wasm_bindgen_test]
fn chunks_give_a_report_object() {
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    assert!(a.preview().unwrap().is_null(), "no preview before any byte");
    for chunk in CP1252.chunks(7) {
        a.feed(chunk).unwrap();
    }
    assert_eq!(a.bytes_fed().unwrap(), CP1252.len() as f64);
    let out = a.finish(None).unwrap();
    assert!(a.finished());

    let report = get(&out, "report");
    assert_eq!(number(&report, "input.rows"), 4.0);
    assert_eq!(string(&report, "input.encoding"), "windows-1252");
    assert_eq!(string(&report, "input.delimiter"), ";");
    assert_eq!(string(&report, "input.line_ending"), "CRLF");
    assert_eq!(string(&report, "input.columns.1.name"), "Prénom");
    assert_eq!(string(&report, "input.columns.2.role"), "email");
    assert_eq!(
        number(&report, "rows.review")
            + number(&report, "rows.reject")
            + number(&report, "rows.ok"),
        4.0
    );
    let ragged = finding(&report, "csv.ragged_row").expect("a ragged row");
    assert_eq!(number(&ragged, "count"), 1.0);
    assert_eq!(number(&ragged, "examples.0.row"), 3.0);
    // Maps are plain objects, and `null` stays null.
    assert_eq!(string(&ragged, "examples.0.params.found"), "2");
    assert!(get(&report, "campaign.price.total").is_null());
    let score = number(&report, "score.value");
    assert!((0.0..=100.0).contains(&score), "score {score}");

    let preview = get(&out, "preview");
    assert_eq!(string(&preview, "encoding"), "windows-1252");
    assert_eq!(string(&preview, "rows.0.fields.1"), "René");
    assert_eq!(string(&preview, "rows.3.fields.0"), "Mercier");

    let json = string(&out, "reportJson");
    assert!(json.ends_with("}\n"), "pretty JSON with a final newline");
    assert!(json.contains("\n  \"input\": {\n"), "pretty JSON");
}

#[wasm_bindgen_test]
fn the_report_object_is_the_report_json() {
    // The object is serde_json's report: same keys, same order, maps as objects, null
    // for None. Compared through JS, since numbers print differently (serde_json
    // writes 100.0 where JavaScript writes 100).
    let out = audit(CP1252, 0);
    let report = get(&out, "report");
    let pretty = |v: &JsValue| {
        JSON::stringify_with_replacer_and_space(v, &JsValue::NULL, &JsValue::from(2))
            .unwrap()
            .as_string()
            .unwrap()
    };
    let parsed = JSON::parse(&string(&out, "reportJson")).unwrap();
    assert_eq!(pretty(&report), pretty(&parsed));
}

#[wasm_bindgen_test]
fn example_values_hold_the_examples_rows_apart_from_the_report() {
    // Row 3 is ragged; row 5 has a 300-character comment (cut to 120 and `…`).
    let long = "x".repeat(300);
    let input = format!(
        "Nom;Email;Commentaire\nDupont;rene@exemple.fr;ok\nLeger;zoe@exemple.fr;ok\n\
         Fran\u{e7}ois\nMercier;pas-un-email;{long}\n"
    );
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    for chunk in input.as_bytes().chunks(5) {
        a.feed(chunk).unwrap();
    }
    let out = a.finish(None).unwrap();
    let values = a.example_values().unwrap();
    assert_eq!(number(&values, "maxExamples"), 5.0);
    assert_eq!(number(&values, "cellCap"), 120.0);
    let rows: js_sys::Array = get(&values, "rows").dyn_into().unwrap();
    let row = |n: f64| {
        rows.iter()
            .find(|r| number(r, "row") == n)
            .unwrap_or_else(|| panic!("no row {n} in the example values"))
    };
    assert_eq!(string(&row(3.0), "cells.0"), "Fran\u{e7}ois");
    assert_eq!(string(&row(4.0), "cells.1"), "pas-un-email");
    let cut = string(&row(4.0), "cells.2");
    assert_eq!(cut.chars().count(), 121);
    assert!(cut.ends_with('\u{2026}'));
    // Rows are in file order, each once; the report holds none of these values.
    let order: Vec<f64> = rows.iter().map(|r| number(&r, "row")).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let json = string(&out, "reportJson");
    assert!(!json.contains("pas-un-email") && !json.contains("Fran\u{e7}ois"));
}

#[wasm_bindgen_test]
fn whole_and_byte_by_byte_agree() {
    let whole = string(&audit(CP1252, 0), "reportJson");
    for size in [1, 2, 3, 5, 64] {
        assert_eq!(
            string(&audit(CP1252, size), "reportJson"),
            whole,
            "chunks of {size}"
        );
    }
}

#[wasm_bindgen_test]
fn preview_appears_while_feeding() {
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    a.feed(CP1252).unwrap();
    // The dialect is decided from the first 64 KiB or at the end: not yet here.
    let early = a.preview().unwrap();
    if !early.is_null() {
        assert_eq!(string(&early, "delimiter"), ";");
    }
    let big: Vec<u8> =
        std::iter::repeat_n(&b"Dupont;Jean;jean@exemple.fr;0199001234\r\n"[..], 2000)
            .flatten()
            .copied()
            .collect();
    a.feed(&big).unwrap();
    let preview = a.preview().unwrap();
    assert_eq!(string(&preview, "delimiter"), ";");
    assert_eq!(number(&preview, "rows.length"), 10.0);
    assert!(a.rows().unwrap() > 10.0);
}

#[wasm_bindgen_test]
fn options_are_read_from_an_object() {
    let opts = JSON::parse(r#"{"delimiter": ",", "max_examples": 1, "preview_rows": 2}"#).unwrap();
    let mut a = JsAuditor::new(opts).unwrap();
    a.feed(CP1252).unwrap();
    let out = a.finish(None).unwrap();
    assert_eq!(string(&out, "report.input.delimiter"), ",");
    assert_eq!(number(&out, "preview.rows.length"), 2.0);
    assert!(
        JsAuditor::new(JsValue::NULL).is_ok(),
        "null means the defaults"
    );
    assert!(
        JsAuditor::new(js_sys::Object::new().into()).is_ok(),
        "{{}} means the defaults"
    );
}

#[wasm_bindgen_test]
fn bad_options_throw_a_named_error() {
    for bad in [
        r#"{"delimiter": "ab"}"#,
        r#"{"encoding": "klingon"}"#,
        r#"{"max_examples": 5000}"#,
        r#"{"no_such_option": true}"#,
        r#"{"header": "maybe"}"#,
        r##"{"roles": {"#0": "email"}}"##,
    ] {
        let e = JsAuditor::new(JSON::parse(bad).unwrap())
            .err()
            .unwrap_or_else(|| panic!("{bad} accepted"));
        assert_eq!(error_name(&e), "TamisOptionError", "{bad}");
        assert!(!string(&e, "message").is_empty());
    }
    let e = JsAuditor::new(JsValue::from_str("{}"))
        .err()
        .expect("a string is not an options object");
    assert_eq!(error_name(&e), "TamisOptionError");
}

#[wasm_bindgen_test]
fn a_finished_auditor_throws() {
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    a.feed(CP1252).unwrap();
    a.finish(None).unwrap();
    assert_eq!(error_name(&a.feed(b"x").unwrap_err()), "TamisStateError");
    assert_eq!(error_name(&a.finish(None).unwrap_err()), "TamisStateError");
    assert_eq!(error_name(&a.rows().unwrap_err()), "TamisStateError");
    assert_eq!(error_name(&a.preview().unwrap_err()), "TamisStateError");
}

#[wasm_bindgen_test]
fn empty_input_has_a_report_and_no_preview() {
    let out = audit(b"", 0);
    assert_eq!(number(&out, "report.input.rows"), 0.0);
    assert!(get(&out, "report.input.encoding").is_null());
    assert!(get(&out, "preview").is_null());
    assert!(finding(&get(&out, "report"), "csv.empty").is_some());
}

#[wasm_bindgen_test]
fn registry_and_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    let rules = rules().unwrap();
    let n = number(&rules, "length") as u32;
    assert_eq!(
        n as usize,
        tamis::rules::all().count(),
        "every rule, the field rules included"
    );
    assert!(tamis::rules::all().any(|r| r.code == "email.typo"));
    for i in 0..n {
        let r = get(&rules, &i.to_string());
        let code = string(&r, "code");
        if i > 0 {
            assert!(
                string(&get(&rules, &(i - 1).to_string()), "code") < code,
                "sorted by code"
            );
        }
        assert!(code.contains('.'), "{code}");
        assert!(!string(&r, "summary.fr").is_empty(), "{code}");
        assert!(!string(&r, "summary.en").is_empty(), "{code}");
        assert!(
            ["info", "warning", "error"].contains(&string(&r, "severity").as_str()),
            "{code}"
        );
    }
}

// ---- reference lists, hashes and seeds -----------------------------------------------------

const SALT: &[u8] = b"a salt shared by two partners\n";
const SECRET: &[u8] = b"the owner's secret, 16 bytes or more";

/// A plain object from `(key, value)` pairs.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn bytes(b: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(b).into()
}

/// The audited file's rows that are customers: the first two (one written differently).
const CUSTOMERS: &[u8] = b"email,nom,prenom\nRENE@exemple.fr,Dupont,Rene\nzoe@exemple.fr,Leger,Zoe\nautre@ailleurs.fr,Martin,Paul\n";

#[wasm_bindgen_test]
fn hash_builder_gives_the_librarys_hash_file() {
    for (how, hashing) in [
        (
            bytes(SALT),
            tamis::keys::Hashing::Salted(tamis::keys::Salt::new(SALT).unwrap()),
        ),
        (
            JsValue::from_str("google"),
            tamis::keys::Hashing::Platform(tamis::keys::Platform::Google),
        ),
    ] {
        // The library, as `tamis hash` runs it.
        let mut a = tamis::Auditor::new(tamis::Options::default()).unwrap();
        let mut b = tamis::keys::HashSetBuilder::new(
            hashing,
            tamis::keys::Kinds::Both,
            tamis::keys::Region::France,
        );
        a.feed_with(CP1252, &mut b);
        a.finish_with(&mut b);
        let want = b.finish().to_text();

        let mut h = JsHashBuilder::new(JsValue::UNDEFINED, how, None).unwrap();
        for chunk in CP1252.chunks(5) {
            h.feed(chunk).unwrap();
        }
        let out = h.finish(Some("x.csv".into())).unwrap();
        let text = string(&out, "text");
        assert_eq!(text, want);
        assert!(text.starts_with("# "));
        assert!(
            text.lines().skip(1).all(|l| l.len() == 64
                && l.bytes().all(|b| b.is_ascii_hexdigit())
                && !l.bytes().any(|b| b.is_ascii_uppercase())),
            "one lower-case hex digest per line, no clear text"
        );
        assert!(!text.contains("exemple"), "no clear text");
        assert_eq!(number(&out, "stats.emails"), 3.0);
        assert_eq!(number(&out, "hashes"), (text.lines().count() - 1) as f64);
    }
    // A short salt, an unknown platform, no email column.
    let e = JsHashBuilder::new(JsValue::UNDEFINED, bytes(b"short"), None)
        .err()
        .unwrap();
    assert_eq!(error_name(&e), "TamisSaltError");
    let e = JsHashBuilder::new(JsValue::UNDEFINED, "myspace".into(), None)
        .err()
        .unwrap();
    assert_eq!(error_name(&e), "TamisOptionError");
    let mut h =
        JsHashBuilder::new(JsValue::UNDEFINED, "meta".into(), Some("email".into())).unwrap();
    h.feed(b"nom;ville\nDupont;Lyon\n").unwrap();
    let e = h.finish(Some("villes.csv".into())).err().unwrap();
    assert_eq!(error_name(&e), "TamisHashError");
    assert!(string(&e, "message").starts_with("villes.csv has no email"));
}

#[wasm_bindgen_test]
fn references_give_the_overlap_counts() {
    // The customer file, and a partner's hash file made from it.
    let mut own = JsOwnFileBuilder::new(JsValue::UNDEFINED).unwrap();
    for chunk in CUSTOMERS.chunks(9) {
        own.feed(chunk).unwrap();
    }
    assert_eq!(own.bytes_fed(), CUSTOMERS.len() as f64);
    let own = own.finish().unwrap();
    assert_eq!(own.rows(), 3.0);
    let mut h = JsHashBuilder::new(JsValue::UNDEFINED, bytes(SALT), None).unwrap();
    h.feed(CUSTOMERS).unwrap();
    let hashes = string(&h.finish(None).unwrap(), "text");

    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    a.set_own_file(own).unwrap();
    a.set_partner_hashes(hashes.as_bytes(), SALT).unwrap();
    a.feed(CP1252).unwrap();
    // Too late now.
    let e = a.set_seed_registry(b"", SECRET).err().unwrap();
    assert_eq!(error_name(&e), "TamisStateError");
    let out = a.finish(None).unwrap();
    let report = get(&out, "report");
    assert_eq!(number(&report, "overlap.own_rows"), 3.0);
    assert_eq!(number(&report, "overlap.own"), 2.0);
    assert_eq!(number(&report, "overlap.partner_keys"), 3.0);
    assert_eq!(number(&report, "overlap.partner"), 2.0);

    // The same as the library's.
    let mut b = tamis::OwnFileBuilder::new(tamis::Options::default()).unwrap();
    b.feed(CUSTOMERS);
    let refs = tamis::References {
        own: Some(b.finish().unwrap()),
        partner: Some(
            tamis::keys::PartnerKeys::new(&hashes, tamis::keys::Salt::new(SALT).unwrap()).unwrap(),
        ),
        seeds: None,
    };
    let mut lib = tamis::Auditor::new(tamis::Options::default()).unwrap();
    lib.set_references(refs);
    lib.feed(CP1252);
    assert_eq!(string(&out, "reportJson"), lib.finish().to_json_pretty());

    // Bad lists throw named errors.
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    let e = a
        .set_partner_hashes(b"# tamis-keys-1\nnot hex\n", SALT)
        .err()
        .unwrap();
    assert_eq!(error_name(&e), "TamisHashFileError");
    let e = a
        .set_partner_hashes(hashes.as_bytes(), b"short")
        .err()
        .unwrap();
    assert_eq!(error_name(&e), "TamisSaltError");
    let mut own = JsOwnFileBuilder::new(JsValue::UNDEFINED).unwrap();
    own.feed(b"ville;pays\nLyon;France\n").unwrap();
    assert_eq!(error_name(&own.finish().err().unwrap()), "TamisOptionError");
}

#[wasm_bindgen_test]
fn seeds_made_here_name_their_recipient_in_an_audit() {
    let request = |recipient: &str, registry: Option<&str>| {
        object(&[
            ("secret", bytes(SECRET)),
            ("recipient", recipient.into()),
            ("count", 4.into()),
            ("domain", "seeds.example-owner.fr".into()),
            ("date", "2026-11-20".into()),
            ("phones", true.into()),
            (
                "registry",
                registry.map_or(JsValue::UNDEFINED, |r| bytes(r.as_bytes())),
            ),
        ])
    };
    let made = seeds_make(request("ACME Location", None), None).unwrap();
    assert_eq!(number(&made, "seeds"), 4.0);
    assert_eq!(string(&made, "encoding"), "UTF-8");
    let registry = string(&made, "registryText");
    assert!(registry.starts_with("# tamis-seeds-registry 1\n# check "));
    assert_eq!(
        number(&made, "added"),
        12.0,
        "an email and two phones per seed"
    );
    let csv = js_sys::Uint8Array::new(&get(&made, "seedsCsv")).to_vec();
    let csv_text = String::from_utf8(csv.clone()).unwrap();
    assert!(csv_text.starts_with("Civilité;Prénom;Nom;"));
    assert!(!registry.contains('@'), "no clear text in the registry");

    // The library makes the same seeds and the same registry lines.
    let secret = tamis::seeds::Secret::new(SECRET).unwrap();
    let spec = tamis::seeds::SeedSpec {
        recipient: "ACME Location".into(),
        count: 4,
        mailbox: tamis::seeds::Mailbox::parse("seeds.example-owner.fr").unwrap(),
        phones: true,
    };
    let seeds = tamis::seeds::make_seeds(&secret, &spec, None).unwrap();
    assert_eq!(
        csv_text,
        tamis::seeds::SeedLayout::french(true).to_csv(&seeds, "2026-11-20")
    );
    let reg = tamis::seeds::SeedRegistry::parse(&registry, secret).unwrap();
    assert_eq!(reg.recipients(), vec!["ACME Location"]);

    // A second recipient, appended to the same registry (kept byte for byte).
    let again = seeds_make(request("Beta", Some(&registry)), None).unwrap();
    let registry2 = string(&again, "registryText");
    assert!(registry2.starts_with(&registry));
    assert_eq!(js_sys::Array::from(&get(&again, "recipients")).length(), 2);

    // Known seeds, added for a third recipient.
    let added = seeds_add(object(&[
        ("secret", bytes(SECRET)),
        ("recipient", "Gamma".into()),
        ("date", "2026-11-21".into()),
        ("registry", bytes(registry2.as_bytes())),
        (
            "emails",
            bytes(b"# mine\nmoi+gamma@example-owner.fr\nnot an email\n"),
        ),
        ("emailsName", "gamma.txt".into()),
    ]))
    .unwrap();
    assert_eq!(number(&added, "counts.emails"), 1.0);
    assert_eq!(
        js_sys::Array::from(&get(&added, "notes"))
            .get(0)
            .as_string()
            .unwrap(),
        "gamma.txt: 1 skipped, not a valid email address: line 3"
    );
    let registry3 = string(&added, "registryText");

    // The audit of the first recipient's copy names it.
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    a.set_seed_registry(registry3.as_bytes(), SECRET).unwrap();
    a.feed(&csv).unwrap();
    let report = get(&a.finish(None).unwrap(), "report");
    assert_eq!(number(&report, "seeds_and_traps.registry_rows"), 4.0);
    assert_eq!(
        number(&report, "seeds_and_traps.recipients.ACME Location"),
        4.0
    );
    let e = JsAuditor::new(JsValue::UNDEFINED)
        .unwrap()
        .set_seed_registry(registry3.as_bytes(), b"another secret, long enough")
        .err()
        .unwrap();
    assert_eq!(error_name(&e), "TamisSeedRegistryError");

    // The CLI's validation messages (without `--`).
    let bad = |fields: &[(&str, JsValue)]| {
        let mut all = vec![
            ("secret", bytes(SECRET)),
            ("recipient", JsValue::from("X")),
            ("count", 2.into()),
            ("domain", "seeds.example-owner.fr".into()),
            ("date", "2026-11-20".into()),
        ];
        all.retain(|(k, _)| !fields.iter().any(|(f, _)| f == k));
        all.extend(fields.iter().cloned());
        let e = seeds_make(object(&all), None).err().unwrap();
        (error_name(&e), string(&e, "message"))
    };
    assert_eq!(
        bad(&[("count", 0.into())]),
        (
            "TamisOptionError".into(),
            "count 0: between 1 and 10000".into()
        )
    );
    assert_eq!(
        bad(&[("date", "20/11/2026".into())]).1,
        "date \"20/11/2026\": expected a date written YYYY-MM-DD"
    );
    assert!(bad(&[("domain", "gmail.com".into())])
        .1
        .starts_with("domain \"gmail.com\": "));
    assert_eq!(
        bad(&[("recipient", "".into())]).1,
        "recipient: the recipient is empty"
    );
    assert_eq!(bad(&[("secret", bytes(b"short"))]).0, "TamisSaltError");
}

#[wasm_bindgen_test]
fn like_file_gives_the_layout() {
    let mut like = JsLikeFile::new(JsValue::UNDEFINED).unwrap();
    // A small file: the header is known at the end (the sniffing window is not full).
    like.feed(b"E-mail,Nom,Pr\xe9nom,Ville\r\nx@y.fr,A,B,Lyon\r\n");
    let made = seeds_make(
        object(&[
            ("secret", bytes(SECRET)),
            ("recipient", "ACME".into()),
            ("count", 2.into()),
            ("domain", "seeds.example-owner.fr".into()),
            ("date", "2026-11-20".into()),
        ]),
        Some(like),
    )
    .unwrap();
    assert_eq!(string(&made, "encoding"), "windows-1252");
    let csv = js_sys::Uint8Array::new(&get(&made, "seedsCsv")).to_vec();
    assert!(csv.starts_with(b"E-mail,Nom,Pr\xe9nom,Ville\r\n"));
    assert_eq!(csv.iter().filter(|&&b| b == b'\n').count(), 3);
}

/// `Exporter`: the library's CSV bytes, taken in parts as the file is fed; the certificate,
/// after `finish`, is the library's for the same report, options and name.
#[wasm_bindgen_test]
fn exporter_and_certificate_are_the_librarys() {
    use tamis::web::JsExporter;
    use tamis::{Auditor, Certificate, CsvExport, ExportKind, Options};
    for kind in ["annotated", "usable"] {
        let auditor = JsAuditor::new(JsValue::UNDEFINED).unwrap();
        let mut x = JsExporter::new(auditor, kind).unwrap();
        let mut got = Vec::new();
        for chunk in CP1252.chunks(5) {
            x.feed(chunk).unwrap();
            got.extend(x.take().to_vec());
        }
        let done = x.finish(None).unwrap();
        got.extend(x.take().to_vec());
        let mut a = Auditor::new(Options::default()).unwrap();
        let mut want = CsvExport::new(ExportKind::from_name(kind).unwrap());
        a.feed_with(CP1252, &mut want);
        let report = a.finish_with(&mut want);
        assert_eq!(got, want.buffer(), "{kind}");
        assert_eq!(number(&done, "rows"), want.rows() as f64);
        assert_eq!(string(&done, "sha256"), report.input.sha256);
        assert!(get(&done, "header").is_truthy());
        assert_eq!(error_name(&x.feed(b"x").unwrap_err()), "TamisStateError");
    }
    let other = JsExporter::new(JsAuditor::new(JsValue::UNDEFINED).unwrap(), "all");
    assert_eq!(error_name(&other.err().unwrap()), "TamisOptionError");
    let mut fed = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    fed.feed(b"a;b\r\n").unwrap();
    let late = JsExporter::new(fed, "usable");
    assert_eq!(error_name(&late.err().unwrap()), "TamisStateError");

    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    assert_eq!(
        error_name(&a.certificate(None).unwrap_err()),
        "TamisStateError"
    );
    a.feed(CP1252).unwrap();
    let out = a.finish(None).unwrap();
    let cert = a.certificate(Some("f.csv".into())).unwrap();
    let report: tamis::Report = serde_json::from_str(&string(&out, "reportJson")).unwrap();
    let want = Certificate::new(&report, &Options::default(), Some("f.csv"));
    assert_eq!(string(&cert, "certificateJson"), want.to_json_pretty());
    assert_eq!(
        string(&cert, "certificate.file.sha256"),
        report.input.sha256
    );
    assert_eq!(string(&cert, "certificate.file.name"), "f.csv");
}

/// `hashElsewhere`: the page hashes the file in a second worker with `Sha256` while the
/// auditor reads it; the report is byte for byte the one the auditor gives hashing itself,
/// and `finish` refuses a missing or unasked digest.
#[wasm_bindgen_test]
fn a_digest_from_elsewhere_gives_the_same_report() {
    use tamis::web::{JsExporter, JsSha256};
    let mut own = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    own.feed(CP1252).unwrap();
    let want = string(&own.finish(None).unwrap(), "reportJson");

    let mut sha = JsSha256::new();
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    a.hash_elsewhere().unwrap();
    for chunk in CP1252.chunks(7) {
        a.feed(chunk).unwrap();
        sha.update(chunk);
    }
    let e = a.finish(None).err().unwrap();
    assert_eq!(error_name(&e), "TamisStateError");
    let e = a.finish(Some(vec![0; 31])).err().unwrap();
    assert_eq!(error_name(&e), "TamisStateError");
    assert_eq!(
        string(&a.finish(Some(sha.digest())).unwrap(), "reportJson"),
        want
    );

    let mut late = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    late.feed(&CP1252[..3]).unwrap();
    assert_eq!(
        error_name(&late.hash_elsewhere().err().unwrap()),
        "TamisStateError"
    );
    late.feed(&CP1252[3..]).unwrap();
    let e = late.finish(Some(sha.digest())).err().unwrap();
    assert_eq!(error_name(&e), "TamisStateError");

    // An exporter made with such an auditor takes the digest too.
    let mut a = JsAuditor::new(JsValue::UNDEFINED).unwrap();
    a.hash_elsewhere().unwrap();
    let mut x = JsExporter::new(a, "annotated").unwrap();
    x.feed(CP1252).unwrap();
    let done = x.finish(Some(sha.digest())).unwrap();
    let report: serde_json::Value = serde_json::from_str(&want).unwrap();
    assert_eq!(
        string(&done, "sha256"),
        report["input"]["sha256"].as_str().unwrap()
    );
}
