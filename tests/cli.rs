//! The `tamis` binary, end to end: preview, audit (human, JSON, annotated export),
//! stdin, exit codes, broken pipes, the static server and the demo file.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::{s, write};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use tamis::demo::{demo_bytes, DemoSpec};
use tamis::{Auditor, Options, Preview, Report, RowSink, RowView, Status};

fn tamis() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tamis"))
}

/// Runs tamis with `args`, feeding `stdin` if given.
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = tamis();
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("tamis starts");
    if let Some(data) = stdin {
        let mut pipe = child.stdin.take().expect("stdin piped");
        let data = data.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&data);
        });
    }
    child.wait_with_output().expect("tamis runs")
}

fn ok(args: &[&str], stdin: Option<&[u8]>) -> String {
    let out = run(args, stdin);
    assert!(
        out.status.success(),
        "tamis {args:?} failed with {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The library's report and preview for the same bytes.
fn library(bytes: &[u8], opts: Options) -> (Report, Option<Preview>) {
    struct Nothing;
    impl RowSink for Nothing {
        fn row(&mut self, _: &RowView<'_>) {}
    }
    let mut a = Auditor::new(opts).expect("valid options");
    a.feed(bytes);
    a.finish_with_preview(&mut Nothing)
}

/// `Nom;Prénom;Email` in Windows-1252, with a formula, a phone, a number and a ragged row.
const SMALL: &[u8] = b"Nom;Pr\xe9nom;Email;T\xe9l\xe9phone;Montant\r\n\
Dupont;Ren\xe9;rene.dupont@orange.fr;+33 6 12 34 56 78;-12,5\r\n\
\"=HYPERLINK(\"\"http://x.fr\"\";\"\"x\"\")\";Ana\xefs;anais@gmial.com;06 45 12 34 56;3\r\n\
Martin;\"L\xe9a\r\nsuite\";lea.martin@free.fr;0145123456;@SUM(1)\r\n\
Seul\r\n";

#[test]
fn preview_shows_dialect_columns_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "small.csv", SMALL);
    let out = ok(&["preview", s(&f)], None);
    assert!(out.contains("windows-1252"), "{out}");
    assert!(
        out.contains("Prénom") && out.contains("first_name"),
        "{out}"
    );
    assert!(out.contains("René") && out.contains("Léa↵suite"), "{out}");
    // Long cells are cut with an ellipsis.
    assert!(out.contains("=HYPERLINK(\"http://x.fr…"), "{out}");
    let out = ok(&["preview", s(&f), "--rows", "1"], None);
    assert!(out.contains("René") && !out.contains("Anaïs"), "{out}");
}

#[test]
fn preview_json_is_the_library_preview() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("small.csv", SMALL.to_vec()),
        (
            "demo.csv",
            demo_bytes(DemoSpec {
                rows: 1500,
                seed: 4,
            }),
        ),
    ] {
        let f = write(dir.path(), name, &bytes);
        for (arg, n) in [("all", 100_000usize), ("3", 3), ("0", 0)] {
            let out = ok(&["preview", s(&f), "--json", "--rows", arg], None);
            let (_, lib) = library(
                &bytes,
                Options {
                    preview_rows: n,
                    ..Options::default()
                },
            );
            let lib = lib.expect("a preview");
            let parsed: Preview = serde_json::from_str(&out).expect("JSON preview");
            assert_eq!(parsed, lib, "{name} --rows {arg}");
            assert_eq!(
                out,
                serde_json::to_string_pretty(&lib).unwrap() + "\n",
                "{name} --rows {arg}"
            );
        }
    }
}

#[test]
fn audit_json_is_the_library_report_exactly() {
    let dir = tempfile::tempdir().unwrap();
    // Bigger than a chunk, so the CLI's 64 KiB reads differ from the library's one feed.
    let bytes = demo_bytes(DemoSpec {
        rows: 3000,
        seed: 12,
    });
    let f = write(dir.path(), "demo.csv", &bytes);
    let date = ["--audit-date", "2026-11-29"];
    let out = ok(&["audit", s(&f), "--json", date[0], date[1]], None);
    let opts = Options {
        audit_date: Some(date[1].into()),
        ..Options::default()
    };
    let (report, _) = library(&bytes, opts);
    assert_eq!(out, report.to_json_pretty());
    let parsed: Report = serde_json::from_str(&out).unwrap();
    assert_eq!(parsed.input.rows, 3000);
    // The same through standard input.
    let out = ok(&["audit", "-", "--json", date[0], date[1]], Some(&bytes));
    assert_eq!(out, report.to_json_pretty());
}

#[test]
fn audit_options_and_flags_reach_the_auditor() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = demo_bytes(DemoSpec { rows: 200, seed: 3 });
    let f = write(dir.path(), "demo.csv", &bytes);
    let opts = write(
        dir.path(),
        "opts.json",
        br#"{"max_examples": 1, "audit_date": "2025-01-31"}"#,
    );
    let out = ok(&["audit", s(&f), "--json", "--options", s(&opts)], None);
    let lib = Options {
        max_examples: 1,
        audit_date: Some("2025-01-31".into()),
        ..Options::default()
    };
    assert_eq!(out, library(&bytes, lib).0.to_json_pretty());
    // The flag wins over the file; `none` turns the date checks off.
    let out = ok(
        &[
            "audit",
            s(&f),
            "--json",
            "--options",
            s(&opts),
            "--audit-date",
            "none",
        ],
        None,
    );
    let lib = Options {
        max_examples: 1,
        ..Options::default()
    };
    assert_eq!(out, library(&bytes, lib).0.to_json_pretty());
    // By default, today.
    let parsed: Report = serde_json::from_str(&ok(&["audit", s(&f), "--json"], None)).unwrap();
    let date = parsed.audit_date.unwrap_or_default();
    assert!(date.len() == 10 && date.starts_with("20"), "{date:?}");

    let args = [
        "audit",
        s(&f),
        "--json",
        "--no-header",
        "--delimiter",
        "semicolon",
        "--audit-date",
        "none",
    ];
    let out = ok(&args, None);
    let lib = Options {
        header: Some(false),
        delimiter: Some(";".into()),
        ..Options::default()
    };
    assert_eq!(out, library(&bytes, lib).0.to_json_pretty());

    let out = ok(
        &[
            "audit",
            s(&f),
            "--json",
            "--role",
            "Commentaire=source",
            "--role",
            "#1=id",
        ],
        None,
    );
    let parsed: Report = serde_json::from_str(&out).unwrap();
    let col = |i: usize| &parsed.input.columns[i];
    assert_eq!(
        (col(16).role, col(16).role_source),
        (tamis::Role::Source, tamis::RoleSource::Option)
    );
    assert_eq!(
        (col(0).role, col(0).role_source),
        (tamis::Role::Id, tamis::RoleSource::Option)
    );
}

#[test]
fn audit_human_summary() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "small.csv", SMALL);
    let out = ok(&["audit", s(&f)], None);
    for want in [
        "windows-1252",
        "rows by status",
        "csv.ragged_row",
        "Row with a different number of fields",
        "e.g. row 4",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    // The report holds no cell value, nor does the summary.
    assert!(
        !out.contains("Dupont") && !out.contains("HYPERLINK"),
        "{out}"
    );
}

#[test]
fn audit_json_matches_the_golden_reports() {
    // The same golden files as tests/golden.rs: the CLI must not drift from the library.
    let mut checked = 0;
    for name in common::fixture_names() {
        let path = common::fixtures_dir().join(&name);
        let out = run(&["audit", s(&path), "--json", "--audit-date", "none"], None);
        assert!(out.status.success(), "{name}: {out:?}");
        let out = String::from_utf8(out.stdout).expect("UTF-8 JSON");
        assert_eq!(
            out,
            common::audit(&common::fixture(&name)).to_json_pretty(),
            "{name}: CLI and library differ"
        );
        let golden = common::golden_dir().join(format!("{}.report.json", common::stem(&name)));
        if let Ok(expected) = std::fs::read_to_string(&golden) {
            assert_eq!(out, expected, "{name}: differs from {}", golden.display());
            checked += 1;
        }
    }
    assert!(checked > 0, "no golden report found");
}

/// Statuses and flags as the library sees them.
fn library_rows(bytes: &[u8]) -> Vec<(u64, Status, String)> {
    struct Rows(Vec<(u64, Status, String)>);
    impl RowSink for Rows {
        fn row(&mut self, r: &RowView<'_>) {
            self.0
                .push((r.position.row.unwrap(), r.status, r.flags.join(" ")));
        }
    }
    let mut a = Auditor::new(Options::default()).unwrap();
    let mut rows = Rows(Vec::new());
    a.feed_with(bytes, &mut rows);
    a.finish_with(&mut rows);
    rows.0
}

#[test]
fn annotate_writes_utf8_with_tamis_columns_and_neutralised_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "small.csv", SMALL);
    let out_path = dir.path().join("annotated.csv");
    let summary = ok(&["audit", s(&f), "--annotate", s(&out_path)], None);
    assert!(summary.contains("annotated"), "{summary}");
    let bytes = std::fs::read(&out_path).unwrap();
    let text = String::from_utf8(bytes).expect("the export is UTF-8");
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("a UTF-8 BOM for Excel");
    assert!(text.ends_with("\r\n"));
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Nom;Prénom;Email;Téléphone;Montant;tamis_row;tamis_status;tamis_flags;tamis_duplicate_of;tamis_suggestion"
    );
    let rows = library_rows(SMALL);
    assert_eq!(rows.len(), 4);
    let tail = |(n, st, flags): &(u64, Status, String)| format!(";{n};{};{flags};;", st.as_str());
    // Numbers and phone numbers stay as they are.
    assert_eq!(
        lines[1],
        format!(
            "Dupont;René;rene.dupont@orange.fr;+33 6 12 34 56 78;-12,5{}",
            tail(&rows[0])
        )
    );
    // A formula gets a leading apostrophe, and is quoted because it holds the delimiter.
    assert_eq!(
        lines[2],
        // The typo's correction fills tamis_suggestion.
        format!("\"'=HYPERLINK(\"\"http://x.fr\"\";\"\"x\"\")\";Anaïs;anais@gmial.com;06 45 12 34 56;3{}anais@gmail.com", tail(&rows[1]))
    );
    assert!(rows[1].2.contains("cell.formula"), "{:?}", rows[1]);
    // A quoted newline is kept, quoted.
    assert_eq!(lines[3], "Martin;\"Léa");
    assert_eq!(
        lines[4],
        format!(
            "suite\";lea.martin@free.fr;0145123456;'@SUM(1){}",
            tail(&rows[2])
        )
    );
    // A short row is padded so that the tamis columns line up.
    assert_eq!(lines[5], format!("Seul;;;;{}", tail(&rows[3])));
    assert!(rows[3].2.contains("csv.ragged_row"));
    assert_eq!(lines[6], "");
    // No temporary file is left next to the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn annotate_failure_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.csv");
    let missing = dir.path().join("missing.csv");
    let out = run(&["audit", s(&missing), "--annotate", s(&out_path)], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let out = run(
        &[
            "audit",
            "-",
            "--annotate",
            s(&dir.path().join("no/such/dir/out.csv")),
        ],
        Some(SMALL),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("tamis: cannot write"),
        "{out:?}"
    );
}

#[test]
fn preview_reads_stdin() {
    let out = ok(&["preview", "-", "--json"], Some(SMALL));
    let p: Preview = serde_json::from_str(&out).unwrap();
    assert_eq!(p.encoding, "windows-1252");
    assert_eq!(p.rows.len(), 4);
    assert_eq!(p.rows[0].fields[1], "René");
}

#[test]
fn errors_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.csv");
    for args in [
        vec!["audit", s(&missing)],
        vec!["preview", s(&missing), "--json"],
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("tamis: cannot open") && err.contains("nope.csv"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let f = write(dir.path(), "small.csv", SMALL);
    let bad_json = write(dir.path(), "bad.json", b"{\"delimiter\": ");
    let unknown = write(dir.path(), "unknown.json", b"{\"colour\": 1}");
    for args in [
        vec!["audit", s(&f), "--delimiter", "ab"],
        vec!["audit", s(&f), "--encoding", "klingon"],
        vec!["audit", s(&f), "--audit-date", "29/11/2026"],
        vec!["audit", s(&f), "--role", "Nom=nonsense"],
        vec!["audit", s(&f), "--role", "Nom"],
        vec!["audit", s(&f), "--options", s(&bad_json)],
        vec!["audit", s(&f), "--options", s(&unknown)],
        vec!["audit", s(&f), "--options", s(&missing)],
        vec!["preview", s(&f), "--rows", "some"],
        vec!["audit", s(dir.path())],
    ] {
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = run(&["audit", s(&f), "--delimiter", "ab"], None);
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("tamis: invalid option `delimiter`"));
}

#[test]
fn broken_pipe_exits_0_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "demo.csv",
        &demo_bytes(DemoSpec {
            rows: 20_000,
            seed: 2,
        }),
    );
    for json in [false, true] {
        let mut args = vec!["preview", s(&f), "--rows", "all"];
        if json {
            args.push("--json");
        }
        let mut child = tamis()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 4096];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "json={json}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn demo_file_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = run(&["demo-file", "--rows", "300", "--seed", "5"], None);
    let b = run(&["demo-file", "--rows", "300", "--seed", "5"], None);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stdout, demo_bytes(DemoSpec { rows: 300, seed: 5 }));
    let c = run(&["demo-file", "--rows", "300", "--seed", "6"], None);
    assert_ne!(a.stdout, c.stdout);
    let out = dir.path().join("demo.csv");
    ok(
        &["demo-file", "--rows", "300", "--seed", "5", "-o", s(&out)],
        None,
    );
    assert_eq!(std::fs::read(&out).unwrap(), a.stdout);
    let (report, _) = library(&a.stdout, Options::default());
    assert_eq!(report.input.rows, 300);
}

#[test]
fn rules_lists_the_registry() {
    let out = ok(&["rules", "--json"], None);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let mut want: Vec<&str> = tamis::rules::all().map(|r| r.code).collect();
    want.sort_unstable();
    assert_eq!(codes, want);
    let human = ok(&["rules"], None);
    assert_eq!(human.lines().count(), want.len());
    assert!(
        human.contains("csv.ragged_row") && human.contains("Row with a different number of fields")
    );
}

// --- serve ---------------------------------------------------------------------------

/// Kills the server when the test ends, even on failure.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(root: &Path) -> Server {
    let mut child = tamis()
        .args(["serve", "--addr", "127.0.0.1:0", "--root", s(root)])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("tamis: serving http://")
        .and_then(|r| r.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    Server { child, addr }
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A raw HTTP/1.1 request, so that the path reaches the server unnormalised.
fn request(addr: &str, method: &str, path: &str) -> Resp {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body,
    }
}

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; \
connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'; frame-ancestors 'self'";

fn assert_security_headers(r: &Resp, what: &str) {
    assert_eq!(r.header("Content-Security-Policy"), Some(CSP), "{what}");
    assert_eq!(
        r.header("X-Content-Type-Options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(r.header("Referrer-Policy"), Some("no-referrer"), "{what}");
    assert_eq!(
        r.header("Cross-Origin-Opener-Policy"),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(r.header("Cache-Control"), Some("no-cache"), "{what}");
}

#[test]
fn serve_files_with_types_and_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("www/sub")).unwrap();
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    write(
        root,
        "www/index.html",
        b"<!doctype html><title>tamis</title>",
    );
    write(root, "www/app.mjs", b"export {};");
    write(root, "www/main.js", b"1;");
    write(root, "www/style.css", b"p{}");
    write(root, "www/demo.csv", b"a;b\r\n");
    write(root, "www/site.webmanifest", b"{}");
    write(root, "www/icon.svg", b"<svg/>");
    write(root, "www/sub/index.html", b"sub");
    write(root, "pkg/tamis_bg.wasm", b"\0asm\x01\0\0\0");
    write(root, "pkg/tamis.js", b"export default 1;");
    write(root, "Cargo.toml", b"SECRET");
    let server = serve(root);
    let get = |p: &str| request(&server.addr, "GET", p);

    for (path, mime, body) in [
        (
            "/",
            "text/html; charset=utf-8",
            &b"<!doctype html><title>tamis</title>"[..],
        ),
        (
            "/index.html",
            "text/html; charset=utf-8",
            b"<!doctype html><title>tamis</title>",
        ),
        ("/app.mjs", "text/javascript; charset=utf-8", b"export {};"),
        ("/main.js?v=2", "text/javascript; charset=utf-8", b"1;"),
        ("/style.css", "text/css; charset=utf-8", b"p{}"),
        ("/demo.csv", "text/csv", b"a;b\r\n"),
        ("/site.webmanifest", "application/manifest+json", b"{}"),
        ("/icon.svg", "image/svg+xml", b"<svg/>"),
        ("/sub/", "text/html; charset=utf-8", b"sub"),
        ("/pkg/tamis_bg.wasm", "application/wasm", b"\0asm\x01\0\0\0"),
        (
            "/pkg/tamis.js",
            "text/javascript; charset=utf-8",
            b"export default 1;",
        ),
    ] {
        let r = get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(mime), "{path}");
        assert_eq!(r.body, body, "{path}");
        assert_security_headers(&r, path);
        // Public files, readable by a host page on another origin (EMBEDDING.md).
        assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"), "{path}");
    }
    let r = get("/sub");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/sub/"));
    assert_security_headers(&r, "redirect");

    for path in [
        "/missing.js",
        "/Cargo.toml",
        "/pkg/missing.wasm",
        "/.hidden",
    ] {
        let r = get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_security_headers(&r, path);
    }
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/pkg/../../Cargo.toml",
        "/sub/..%2f..%2fCargo.toml",
        "/%ff",
        "/a%00b",
    ] {
        let r = get(path);
        assert!(r.status == 400 || r.status == 404, "{path}: {}", r.status);
        assert!(
            !String::from_utf8_lossy(&r.body).contains("SECRET"),
            "{path}"
        );
        assert_security_headers(&r, path);
    }
    let r = request(&server.addr, "POST", "/index.html");
    assert_eq!(r.status, 405);
    assert_security_headers(&r, "POST");
    let r = request(&server.addr, "HEAD", "/index.html");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
}

#[test]
fn serve_refuses_a_bad_address() {
    let out = run(&["serve", "--addr", "not an address"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("tamis: cannot listen"));
}

#[test]
fn campaign_flags_reach_the_auditor() {
    use tamis::campaign::{Audience, Channel, Deal};
    let dir = tempfile::tempdir().unwrap();
    let bytes = demo_bytes(DemoSpec { rows: 500, seed: 3 });
    let f = write(dir.path(), "demo.csv", &bytes);
    // One email and one phone of the file, written another way, and one SHA-256.
    let opposition = write(
        dir.path(),
        "opposition.txt",
        b"# suppression list\nNOT-AN-ENTRY\nMARTINE.HUBERT@GMAIL.COM\n+33 7 58 80 84 71\n\
          3f0a2b9e6a4f3c1d5e8b7a6c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a\n",
    );
    let out = ok(
        &[
            "audit",
            s(&f),
            "--json",
            "--audit-date",
            "2026-11-29",
            "--channel",
            "sms",
            "--audience",
            "b2c",
            "--date",
            "2026-12-01",
            "--deal",
            "buy",
            "--cpm",
            "95.5",
            "--band",
            "100-900",
            "--sector-banned",
            "--rule",
            "phone_consent_one_year=on",
            "--opposition",
            s(&opposition),
        ],
        None,
    );
    let mut campaign = tamis::Campaign {
        channel: Channel::Sms,
        audience: Audience::B2c,
        date: Some("2026-12-01".into()),
        deal: Deal::Buy,
        cpm: Some(95.5),
        band: Some([100.0, 900.0]),
        sector_banned: true,
        ..tamis::Campaign::default()
    };
    campaign.rules.insert("phone_consent_one_year".into(), true);
    campaign.opposition = vec![
        "# suppression list".into(),
        "NOT-AN-ENTRY".into(),
        "MARTINE.HUBERT@GMAIL.COM".into(),
        "+33 7 58 80 84 71".into(),
        "3f0a2b9e6a4f3c1d5e8b7a6c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a".into(),
    ];
    let opts = Options {
        audit_date: Some("2026-11-29".into()),
        campaign,
        ..Options::default()
    };
    let (report, _) = library(&bytes, opts);
    assert_eq!(
        out,
        report.to_json_pretty(),
        "the CLI's flags must give the library's report"
    );
    let c = report.campaign.as_ref().expect("a campaign section");
    assert_eq!(
        (c.channel, c.deal, c.opposition_entries),
        (Channel::Sms, Deal::Buy, 3)
    );
    assert_eq!(c.price.band, Some([100.0, 900.0]));
    assert_eq!(
        c.price.verdict, "below_band",
        "95.5 per 1,000 is under a 100-900 band, but not half under"
    );
}

#[test]
fn campaign_flags_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "small.csv", SMALL);
    for (args, message) in [
        (vec!["--channel", "pigeon"], "--channel"),
        (vec!["--audience", "everyone"], "--audience"),
        (vec!["--deal", "steal"], "--deal"),
        (vec!["--date", "31/12/2026"], "campaign.date"),
        (vec!["--band", "cheap"], "--band"),
        (vec!["--rule", "phone_consent_one_year=maybe"], "--rule"),
        (vec!["--rule", "no_such_rule=on"], "no_such_rule"),
        (vec!["--cpm=-3"], "campaign.cpm"),
        (vec!["--opposition", "/no/such/file"], "opposition"),
    ] {
        let mut all = vec!["audit", s(&f)];
        all.extend(&args);
        let out = run(&all, None);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} must fail with exit code 2"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(message),
            "{args:?}: the error should name {message:?}: {err}"
        );
    }
}
