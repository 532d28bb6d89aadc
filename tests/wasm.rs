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
use tamis::web::{rules, version, JsAuditor};
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
    a.finish().expect("finish")
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
    let out = a.finish().unwrap();
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
    let out = a.finish().unwrap();
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
    a.finish().unwrap();
    assert_eq!(error_name(&a.feed(b"x").unwrap_err()), "TamisStateError");
    assert_eq!(error_name(&a.finish().unwrap_err()), "TamisStateError");
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
