//! `tamis seeds`, end to end: seeds are reproducible from the secret and the
//! recipient, look real to tamis's own audit, the registry holds no clear text and is
//! appended to without duplicates, `--like` follows a file's layout, `seeds add`
//! registers known seeds and reports bad lines, and the library reads the registry
//! back to name the recipient of every seed.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{run, s, write};
use std::path::PathBuf;

use tamis::keys::{self, KeyKind, Region};
use tamis::seeds::{Secret, SeedRegistry, REGISTRY_VERSION};

/// Runs a command that must succeed; returns (stdout bytes, stderr).
fn ok(args: &[&str]) -> (Vec<u8>, String) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.success(),
        "tamis {args:?}: {:?}: {err}",
        out.status
    );
    (out.stdout, err)
}

/// Runs a command that must fail with exit code 2; returns stderr.
fn fails(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "tamis {args:?} should fail");
    assert!(out.stdout.is_empty(), "no output on failure");
    String::from_utf8_lossy(&out.stderr).to_string()
}

const SECRET: &[u8] = b"le secret du proprietaire, a garder\n";
const OTHER_SECRET: &[u8] = b"un autre secret, d'un autre proprietaire\n";
const DOMAIN: &str = "temoins.exemple-proprio.fr";

struct Env {
    dir: tempfile::TempDir,
    secret: PathBuf,
    registry: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().expect("temp dir");
    let secret = write(dir.path(), "secret.key", SECRET);
    let registry = dir.path().join("registre.tsv");
    Env {
        dir,
        secret,
        registry,
    }
}

/// `seeds make` with the default layout; returns the seed file and stderr.
fn make(e: &Env, recipient: &str, count: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec![
        "seeds",
        "make",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        recipient,
        "--count",
        count,
        "--domain",
        DOMAIN,
        "--registry",
        s(&e.registry),
        "--date",
        "2026-03-04",
    ];
    args.extend_from_slice(extra);
    let (out, err) = ok(&args);
    (String::from_utf8(out).expect("UTF-8 seed file"), err)
}

/// The data rows of a `;` seed file, split.
fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(';').map(str::to_string).collect())
        .collect()
}

#[test]
fn seeds_are_reproducible_from_the_secret_and_the_recipient() {
    let e = env();
    let (a, err) = make(&e, "ACME Prospection", "8", &["--phones"]);
    assert!(err.contains("8 seeds for \"ACME Prospection\""), "{err}");
    assert!(a.starts_with(
        "Civilité;Prénom;Nom;Adresse;Code postal;Ville;E-mail;Téléphone;Portable\r\n"
    ));
    assert_eq!(rows(&a).len(), 8);
    // Again, with another registry: the same bytes.
    let e2 = env();
    let (b, _) = make(&e2, "ACME Prospection", "8", &["--phones"]);
    assert_eq!(a, b);
    // Another recipient, or another secret: other seeds.
    let (c, _) = make(&e2, "Bêta Leads", "8", &["--phones"]);
    let e3 = env();
    std::fs::write(&e3.secret, OTHER_SECRET).unwrap();
    let (d, _) = make(&e3, "ACME Prospection", "8", &["--phones"]);
    let emails =
        |csv: &str| -> Vec<String> { rows(csv).into_iter().map(|r| r[6].clone()).collect() };
    let phones = |csv: &str| -> Vec<String> {
        rows(csv)
            .into_iter()
            .flat_map(|r| [r[7].clone(), r[8].clone()])
            .filter(|p| !p.is_empty())
            .collect()
    };
    for other in [&c, &d] {
        assert!(emails(other).iter().all(|x| !emails(&a).contains(x)));
        assert!(phones(other).iter().all(|x| !phones(&a).contains(x)));
        assert_ne!(rows(other)[0][1..3], rows(&a)[0][1..3]);
    }
}

#[test]
fn seeds_look_real_to_the_audit() {
    let e = env();
    let (csv, _) = make(&e, "ACME", "200", &[]);
    let file = write(e.dir.path(), "seeds.csv", csv.as_bytes());
    let (json, _) = ok(&["audit", s(&file), "--json", "--audit-date", "2026-03-04"]);
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for bad in [
        "postal.city_mismatch",
        "postal.invalid_postcode",
        "postal.missing",
        "name.fake",
        "email.invalid",
        "email.tagged",
        "email.reserved",
        "dup.exact",
    ] {
        assert!(!codes.contains(&bad), "{bad} in {codes:?}");
    }
    assert_eq!(report["rows"]["ok"], 200, "{}", report["rows"]);
    let roles: Vec<&str> = report["input"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        [
            "civility",
            "first_name",
            "last_name",
            "address1",
            "postcode",
            "city",
            "email"
        ]
    );
    // With phones: fiction ranges, flagged as such and nothing worse.
    let (csv, _) = make(&e, "ACME", "50", &["--phones"]);
    let file = write(e.dir.path(), "phones.csv", csv.as_bytes());
    let (json, _) = ok(&["audit", s(&file), "--json", "--audit-date", "2026-03-04"]);
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"phone.fiction"), "{codes:?}");
    for bad in ["phone.invalid", "phone.shared", "phone.call_centre"] {
        assert!(!codes.contains(&bad), "{bad} in {codes:?}");
    }
}

/// Runs of `n` or more digits in `v`.
fn digit_runs(v: &str, n: usize) -> Vec<String> {
    v.split(|c: char| !c.is_ascii_digit())
        .filter(|r| r.len() >= n)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_registry_holds_no_clear_text_and_appends_without_duplicates() {
    let e = env();
    let (csv, err) = make(&e, "ACME Prospection", "10", &["--phones"]);
    assert!(err.contains("30 keys added, 0 already there"), "{err}");
    let reg = std::fs::read_to_string(&e.registry).unwrap();
    let mut lines = reg.lines();
    assert_eq!(lines.next(), Some(format!("# {REGISTRY_VERSION}").as_str()));
    assert!(lines.next().unwrap().starts_with("# check "));
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), 30);
    for l in &body {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 4, "{l}");
        assert!(keys::parse_hex(f[0]).is_some() && f[0] == f[0].to_lowercase());
        assert!(f[1] == "email" || f[1] == "phone");
        assert_eq!(f[2], "ACME Prospection");
        assert_eq!(f[3], "2026-03-04");
    }
    // Nothing of the seeds in clear.
    let hashes_stripped: String = body
        .iter()
        .map(|l| l.split_once('\t').unwrap().1)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!reg.contains('@') && !reg.contains("exemple-proprio"));
    for r in rows(&csv) {
        let local = r[6].split('@').next().unwrap();
        assert!(!reg.contains(local), "{local}");
        for name in [&r[1], &r[2], &r[3], &r[5]] {
            assert!(!reg.contains(name.as_str()), "{name}");
        }
        for p in [&r[7], &r[8]] {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            for w in digits.as_bytes().windows(6) {
                assert!(!hashes_stripped.contains(std::str::from_utf8(w).unwrap()));
            }
        }
    }
    assert!(digit_runs(&hashes_stripped, 6).is_empty());

    // Again, the same and more seeds, a later date: only the new ones are added, the
    // existing lines are kept byte for byte (with a comment the owner wrote).
    let mut with_comment = reg.clone();
    with_comment.push_str("# envoyé par courriel le 4 mars\n");
    std::fs::write(&e.registry, &with_comment).unwrap();
    let (more, err) = ok(&[
        "seeds",
        "make",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME Prospection",
        "--count",
        "12",
        "--domain",
        DOMAIN,
        "--registry",
        s(&e.registry),
        "--phones",
        "--date",
        "2026-04-01",
    ]);
    let more = String::from_utf8(more).unwrap();
    assert!(
        more.starts_with(csv.as_str()),
        "the first 10 seeds are the same"
    );
    assert!(err.contains("6 keys added, 30 already there"), "{err}");
    let after = std::fs::read_to_string(&e.registry).unwrap();
    assert!(after.starts_with(&with_comment));
    assert_eq!(after.lines().count(), with_comment.lines().count() + 6);
    assert!(after.ends_with("\t2026-04-01\n"));
    let mut unique: Vec<&str> = after.lines().filter(|l| !l.starts_with('#')).collect();
    let n = unique.len();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), n, "no line twice");
    // No temporary file left behind.
    let names: Vec<String> = std::fs::read_dir(e.dir.path())
        .unwrap()
        .map(|d| d.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn like_follows_the_header_layout() {
    let e = env();
    let like = write(
        e.dir.path(),
        "modele.csv",
        b"ID,Full name,Company,Courriel,Code postal,Ville,Mobile,Date de collecte\n\
          1,Jean Martin,ACME,jean.martin@orange.fr,75011,Paris,06 47 29 18 35,2025-01-02\n",
    );
    let out = e.dir.path().join("seeds.csv");
    let (stdout, err) = ok(&[
        "seeds",
        "make",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--count",
        "3",
        "--domain",
        "contact+@exemple-proprio.fr",
        "--registry",
        s(&e.registry),
        "--date",
        "2026-03-04",
        "--phones",
        "--like",
        s(&like),
        "-o",
        s(&out),
    ]);
    assert!(stdout.is_empty());
    assert!(err.contains("written to"), "{err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = csv.split('\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "ID,Full name,Company,Courriel,Code postal,Ville,Mobile,Date de collecte"
    );
    assert!(!csv.contains('\r'), "LF like the model");
    assert_eq!(lines.len(), 4);
    for l in &lines[1..] {
        let f: Vec<&str> = l.split(',').collect();
        assert_eq!(f.len(), 8, "{l}");
        assert_eq!(f[0], "");
        assert!(f[1].contains(' '), "{l}");
        assert_eq!(f[2], "");
        assert!(f[3].starts_with("contact+") && f[3].ends_with("@exemple-proprio.fr"));
        assert_eq!(f[4].len(), 5);
        assert!(!f[5].is_empty());
        assert!(f[6].starts_with("06 39 98 "), "{l}");
        assert_eq!(f[7], "04/03/2026");
    }
    // --rows-only: no header. A windows-1252 model gives windows-1252 rows.
    let cp = write(
        e.dir.path(),
        "cp1252.csv",
        b"Civilit\xe9;Pr\xe9nom;Nom;E-mail\r\nM.;Ren\xe9;Dupont;rene@orange.fr\r\n",
    );
    let (rows_only, _) = ok(&[
        "seeds",
        "make",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--count",
        "40",
        "--domain",
        DOMAIN,
        "--registry",
        s(&e.registry),
        "--like",
        s(&cp),
        "--rows-only",
    ]);
    assert!(
        std::str::from_utf8(&rows_only).is_err(),
        "accents in windows-1252"
    );
    assert!(!rows_only.starts_with(b"Civilit"));
    assert!(rows_only.ends_with(b"\r\n"));
    assert_eq!(rows_only.split(|&b| b == b'\n').count(), 41);
    // A model without an email column is refused, unless --role names one.
    let no_email = write(e.dir.path(), "noemail.csv", b"Nom;Note\nA;b\n");
    let err = fails(&[
        "seeds",
        "make",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--count",
        "1",
        "--domain",
        DOMAIN,
        "--registry",
        s(&e.registry),
        "--like",
        s(&no_email),
        "--role",
        "Nom=last_name",
    ]);
    assert!(err.contains("no email column"), "{err}");
}

#[test]
fn make_errors() {
    let e = env();
    let base = |domain: &'static str, count: &'static str| -> Vec<String> {
        [
            "seeds",
            "make",
            "--secret-file",
            s(&e.secret),
            "--recipient",
            "ACME",
            "--count",
            count,
            "--domain",
            domain,
            "--registry",
            s(&e.registry),
        ]
        .map(str::to_string)
        .to_vec()
    };
    let fail = |args: Vec<String>| fails(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(fail(base("gmail.com", "1")).contains("webmail"));
    assert!(fail(base("moi+@gmail.com", "1")).contains("gmail"));
    assert!(fail(base("example.com", "1")).contains("reserved"));
    assert!(fail(base(DOMAIN, "0")).contains("--count"));
    let mut bad_date = base(DOMAIN, "1");
    bad_date.extend(["--date".into(), "04/03/2026".into()]);
    assert!(fail(bad_date).contains("YYYY-MM-DD"));
    let mut tab = base(DOMAIN, "1");
    tab[5] = "A\tB".into();
    assert!(fail(tab).contains("--recipient"));
    let short = write(e.dir.path(), "short.key", b"trop court\n");
    let mut args = base(DOMAIN, "1");
    args[3] = s(&short).into();
    assert!(fail(args).contains("at least 16 bytes"));
    // A registry made with another secret, or not a registry: refused, untouched.
    let (_, _) = make(&e, "ACME", "2", &[]);
    let before = std::fs::read(&e.registry).unwrap();
    let other = write(e.dir.path(), "other.key", OTHER_SECRET);
    let mut args = base(DOMAIN, "1");
    args[3] = s(&other).into();
    assert!(fail(args).contains("another secret"));
    assert_eq!(std::fs::read(&e.registry).unwrap(), before);
    let not_reg = write(e.dir.path(), "notreg.tsv", b"hello\n");
    let mut args = base(DOMAIN, "1");
    args[11] = s(&not_reg).into();
    let err = fail(args);
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn add_registers_known_seeds_and_reports_bad_lines() {
    let e = env();
    let emails = write(
        e.dir.path(),
        "emails.txt",
        "# mes adresses témoins\n\
         Jeanne.Temoin@exemple-proprio.fr\n\
         \n\
         pas une adresse\n\
         jeanne.temoin@exemple-proprio.fr\n\
         Paul.Piege+acme@GoogleMail.com\n\
         @nope\n"
            .as_bytes(),
    );
    let (out, err) = ok(&[
        "seeds",
        "add",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME Prospection",
        "--registry",
        s(&e.registry),
        "--emails",
        s(&emails),
        "--date",
        "2026-03-04",
    ]);
    assert!(out.is_empty());
    assert!(
        err.contains("2 skipped, not a valid email address: line 4, 7"),
        "{err}"
    );
    assert!(err.contains("3 email addresses registered"), "{err}");
    assert!(err.contains("2 keys added, 1 already there"), "{err}");
    let text = std::fs::read_to_string(&e.registry).unwrap();
    assert!(!text.contains("temoin") && !text.contains("piege") && !text.contains('@'));
    let reg = SeedRegistry::parse(&text, Secret::new(SECRET).unwrap()).unwrap();
    assert_eq!(
        reg.lookup_raw(KeyKind::Email, "JEANNE.TEMOIN@exemple-proprio.fr"),
        ["ACME Prospection"]
    );
    // Gmail: any writing of the mailbox.
    assert_eq!(
        reg.recipients_of_email("paulpiege@gmail.com"),
        ["ACME Prospection"]
    );

    // Nothing valid: exit 2, the registry untouched.
    let before = std::fs::read(&e.registry).unwrap();
    let junk = write(e.dir.path(), "junk.txt", b"# rien\nnope\n\nstill nope\n");
    let err = fails(&[
        "seeds",
        "add",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--registry",
        s(&e.registry),
        "--emails",
        s(&junk),
    ]);
    assert!(
        err.contains("no valid email address (not valid on line 2, 4)"),
        "{err}"
    );
    let empty = write(e.dir.path(), "empty.txt", b"# rien\n\n");
    let err = fails(&[
        "seeds",
        "add",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--registry",
        s(&e.registry),
        "--emails",
        s(&empty),
    ]);
    assert!(err.contains("it is empty"), "{err}");
    assert_eq!(std::fs::read(&e.registry).unwrap(), before);
    // Missing list, missing file.
    let err = fails(&[
        "seeds",
        "add",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--registry",
        s(&e.registry),
    ]);
    assert!(err.contains("--emails"), "{err}");
    let err = fails(&[
        "seeds",
        "add",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "ACME",
        "--registry",
        s(&e.registry),
        "--emails",
        s(&e.dir.path().join("absent.txt")),
    ]);
    assert!(err.contains("cannot read"), "{err}");
    // Phones too.
    let phones = write(
        e.dir.path(),
        "phones.txt",
        b"01 99 00 12 34\n+33 6 39 98 00 01\n",
    );
    let (_, err) = ok(&[
        "seeds",
        "add",
        "--secret-file",
        s(&e.secret),
        "--recipient",
        "Bêta",
        "--registry",
        s(&e.registry),
        "--phones",
        s(&phones),
    ]);
    assert!(err.contains("2 phone numbers registered"), "{err}");
    let text = std::fs::read_to_string(&e.registry).unwrap();
    let reg = SeedRegistry::parse(&text, Secret::new(SECRET).unwrap()).unwrap();
    assert_eq!(reg.lookup_raw(KeyKind::Phone, "0199001234"), ["Bêta"]);
    assert_eq!(reg.recipients(), ["ACME Prospection", "Bêta"]);
}

#[test]
fn library_round_trip_names_the_recipient_of_every_seed() {
    let e = env();
    let (acme, _) = make(&e, "ACME Prospection", "15", &["--phones"]);
    let (beta, _) = make(&e, "Bêta Leads", "15", &["--phones"]);
    let text = std::fs::read_to_string(&e.registry).unwrap();
    let reg = SeedRegistry::parse(&text, Secret::new(SECRET).unwrap()).unwrap();
    assert_eq!(reg.recipients(), ["ACME Prospection", "Bêta Leads"]);
    let mut scratch = String::new();
    for (csv, who) in [(&acme, "ACME Prospection"), (&beta, "Bêta Leads")] {
        for r in rows(csv) {
            assert!(keys::canonical_email_into(&r[6], &mut scratch));
            assert_eq!(reg.recipients_of_email(&scratch), [who], "{}", r[6]);
            for p in [&r[7], &r[8]] {
                if p.is_empty() {
                    continue;
                }
                let e164 = keys::canonical_phone(p, Region::France).unwrap();
                assert_eq!(reg.recipients_of_phone(&e164), [who], "{p}");
            }
        }
    }
    // Not seeds.
    assert!(reg.recipients_of_email("jean.martin@orange.fr").is_empty());
    assert!(reg
        .recipients_of_phone(&keys::canonical_phone("06 47 29 18 35", Region::France).unwrap())
        .is_empty());
    let first_email = rows(&acme)[0][6].clone();
    let canonical = keys::canonical_email(&first_email).unwrap();
    assert!(
        reg.recipients_of_phone(&canonical).is_empty(),
        "kinds kept apart"
    );
    // With another secret the registry is refused, not silently empty.
    assert!(SeedRegistry::parse(&text, Secret::new(OTHER_SECRET).unwrap()).is_err());
}

/// The owner's round trip: seeds made for two recipients, one recipient's copy leaks
/// (its seeds among other rows), and `audit --seeds` names that recipient only.
#[test]
fn audit_with_the_registry_names_the_recipient_of_a_leaked_copy() {
    let e = env();
    let (acme, _) = make(&e, "Acme Location", "4", &[]);
    let (_bob, _) = make(&e, "Bob Data", "3", &[]);
    // The leaked file: Acme's seeds (header included) and two other people.
    let mut leaked = acme.clone();
    leaked.push_str("Mme;Jeanne;Morel;12 rue de Rivoli;75004;Paris;jeanne.morel@orange.fr\n");
    leaked.push_str("M.;Paul;Girard;15 cours Fauriel;42100;Saint-Étienne;paul.girard@free.fr\n");
    let header_cols = acme.lines().next().unwrap().split(';').count();
    let extra = leaked.lines().last().unwrap().split(';').count();
    assert_eq!(
        header_cols, extra,
        "test bug: the extra row must fit the seed layout"
    );
    let leaked_path = write(e.dir.path(), "fuite.csv", leaked.as_bytes());
    let (out, _) = ok(&[
        "audit",
        s(&leaked_path),
        "--seeds",
        s(&e.registry),
        "--secret-file",
        s(&e.secret),
        "--json",
    ]);
    let report: tamis::Report = serde_json::from_slice(&out).expect("report JSON");
    let st = report.seeds_and_traps.expect("section");
    assert_eq!(st.registry_keys, Some(7));
    assert_eq!(st.registry_rows, 4);
    let named: Vec<(&str, u64)> = st
        .recipients
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(named, vec![("Acme Location", 4)]);
    let f = report
        .findings
        .iter()
        .find(|f| f.code == "seed.registry")
        .expect("seed.registry finding");
    assert_eq!(f.count, 4);
    assert_eq!(f.examples[0].params["recipients"], "Acme Location");
    // The wrong secret is refused (exit 2), not read as "no seed found".
    let other = write(e.dir.path(), "autre.key", OTHER_SECRET);
    let err = fails(&[
        "audit",
        s(&leaked_path),
        "--seeds",
        s(&e.registry),
        "--secret-file",
        s(&other),
    ]);
    assert!(err.contains("another secret"), "{err}");
    // --seeds needs its secret.
    fails(&["audit", s(&leaked_path), "--seeds", s(&e.registry)]);
}
