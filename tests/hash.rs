//! `tamis hash`, end to end: the hash file's format, that it holds no clear text, that
//! it is deterministic for one salt and disjoint across salts, the platform rules with
//! their published test vectors, errors and exit codes, and reading the file back.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{run, s, write};
use std::path::PathBuf;
use std::process::Command;

use tamis::keys::{self, KeyKind, PartnerKeys, Salt, NORMALISATION_VERSION};

/// Runs a command that must succeed; returns (stdout, stderr).
fn ok(args: &[&str]) -> (String, String) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        out.status.success(),
        "tamis {args:?}: {:?}: {err}",
        out.status
    );
    (String::from_utf8(out.stdout).expect("UTF-8 output"), err)
}

/// Runs a command that must fail with exit code 2; returns stderr.
fn fails(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "tamis {args:?} should fail");
    assert!(out.stdout.is_empty(), "no output on failure");
    String::from_utf8_lossy(&out.stderr).to_string()
}

const SALT: &[u8] = b"un sel partage entre les deux societes\n";
const OTHER_SALT: &[u8] = b"another secret shared with another partner\n";

/// Every email and phone written several ways, overseas and foreign numbers, junk.
const EMAILS: &[&str] = &[
    "jean.dupont@gmail.com",
    "Jean.Dupont+promo@GoogleMail.com",
    "JEANDUPONT@GMAIL.COM",
    "marie-helene.rousseau@orange.fr",
    "Marie-Helene.Rousseau@Orange.FR",
    "kylian.wuthrich@wanadoo.fr",
    "xavier.quemener@entreprise-bretonne.bzh",
    "zoe.lowenbruck@exemple-societe.fr",
    "jose@café-du-port.fr",
];
const PHONES: &[&str] = &[
    "06 47 29 18 35",
    "+33 6 47 29 18 35",
    "0033 (0)6 47 29 18 35",
    "647291835",
    "01.42.68.53.07",
    "0262 47 29 18",
    "+262 692 47 29 18",
    "0596 71 42 83",
    "+44 20 7946 0958",
    "+32 470 81 92 73",
    "0041 79 358 27 14",
];

/// A semicolon CSV with the values above, some rows without a key.
fn input_csv() -> String {
    let mut csv = String::from("Nom;Courriel;Portable;Fixe\r\n");
    let n = EMAILS.len().max(PHONES.len());
    for i in 0..n {
        let email = EMAILS.get(i).copied().unwrap_or("");
        let (mobile, fixe) = match PHONES.get(i) {
            Some(p) if i % 2 == 0 => (*p, ""),
            Some(p) => ("", *p),
            None => ("", ""),
        };
        csv.push_str(&format!("Nom{i};{email};{mobile};{fixe}\r\n"));
    }
    csv.push_str("Sans;;;\r\nFaux;pas une adresse;06 12;\r\n");
    csv
}

/// The distinct keys of the input, computed with the library.
fn expected_keys() -> Vec<(KeyKind, String)> {
    let mut keys: Vec<(KeyKind, String)> = EMAILS
        .iter()
        .map(|e| (KeyKind::Email, keys::canonical_email(e).expect(e)))
        .chain(PHONES.iter().map(|p| {
            (
                KeyKind::Phone,
                keys::canonical_phone(p, keys::Region::France).expect(p),
            )
        }))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = write(dir.path(), "prospects.csv", input_csv().as_bytes());
    let salt = write(dir.path(), "salt", SALT);
    (dir, input, salt)
}

#[test]
fn writes_a_versioned_sorted_deduplicated_hash_file() {
    let (dir, input, salt) = setup();
    let out = dir.path().join("hashes.txt");
    let (stdout, stderr) = ok(&["hash", s(&input), "--salt-file", s(&salt), "--out", s(&out)]);
    assert_eq!(stdout, "");
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.split('\n');
    assert_eq!(lines.next(), Some(&*format!("# {NORMALISATION_VERSION}")));
    assert!(text.ends_with('\n') && !text.contains('\r'));
    let hashes: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    for h in &hashes {
        assert!(
            h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
            "{h}"
        );
    }
    let mut sorted = hashes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(hashes, sorted, "sorted, each once");

    // Exactly the library's salted digests of the canonical keys.
    let salt = Salt::new(SALT).unwrap();
    let keys = expected_keys();
    let mut want: Vec<String> = keys
        .iter()
        .map(|(k, v)| keys::hex(&salt.digest(*k, v)))
        .collect();
    want.sort();
    assert_eq!(hashes, want);
    // Three writings of one gmail, two of one orange.fr address, four of one mobile.
    assert_eq!(keys.len(), EMAILS.len() - 3 + PHONES.len() - 3);

    assert!(
        stderr.contains(&format!("{} distinct hashes written to", want.len())),
        "{stderr}"
    );
    assert!(
        stderr.contains("9 emails and 11 phones hashed, 6 duplicates removed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("13 rows read, 2 without a valid email or phone; 2 values not"),
        "{stderr}"
    );
    // No temporary file left next to the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

/// Every 6-digit window of a value's digits.
fn digit_windows(v: &str) -> Vec<String> {
    let digits: Vec<char> = v.chars().filter(char::is_ascii_digit).collect();
    let runs: Vec<String> = if digits.len() >= 6 {
        digits.windows(6).map(|w| w.iter().collect()).collect()
    } else {
        Vec::new()
    };
    runs
}

#[test]
fn no_clear_text_in_the_hash_file() {
    let (dir, input, salt) = setup();
    let out = dir.path().join("hashes.txt");
    let (_, stderr) = ok(&["hash", s(&input), "--salt-file", s(&salt), "-o", s(&out)]);
    let (stdout, _) = ok(&["hash", s(&input), "--salt-file", s(&salt)]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        stdout, text,
        "standard output and --out hold the same bytes"
    );
    // The first line is the (public) normalisation; everything after it is digests.
    let body = text.split_once('\n').unwrap().1;
    let lower = body.to_lowercase();
    for e in EMAILS {
        let e = e.to_lowercase();
        let (local, domain) = e.rsplit_once('@').unwrap();
        let canonical = keys::canonical_email(&e).unwrap();
        for clear in [e.as_str(), local, domain, &canonical] {
            assert!(!lower.contains(clear), "{clear:?} is in the hash file");
            assert!(
                !stderr.to_lowercase().contains(clear),
                "{clear:?} is in the summary"
            );
        }
        // Nor any word of the local part or the domain's name.
        for word in local.split(['.', '-', '+']).chain(domain.split(['.', '-'])) {
            if word.len() >= 4 {
                assert!(!lower.contains(word), "{word:?} is in the hash file");
            }
        }
    }
    for p in PHONES {
        let windows = digit_windows(p);
        assert!(!windows.is_empty(), "{p}");
        let e164 = keys::canonical_phone(p, keys::Region::France).unwrap();
        for w in windows.iter().chain(digit_windows(&e164).iter()) {
            assert!(
                !body.contains(w.as_str()),
                "digits {w} of {p:?} are in the hash file"
            );
        }
    }
    let salt_text = std::str::from_utf8(SALT).unwrap().trim();
    for word in salt_text.split(' ').filter(|w| w.len() >= 4) {
        assert!(!lower.contains(word), "the salt is in the hash file");
    }
}

#[test]
fn same_salt_same_bytes_other_salt_disjoint() {
    let (dir, input, salt) = setup();
    let other = write(dir.path(), "other-salt", OTHER_SALT);
    let (a, _) = ok(&["hash", s(&input), "--salt-file", s(&salt)]);
    let (b, _) = ok(&["hash", s(&input), "--salt-file", s(&salt)]);
    assert_eq!(a, b);
    // The same salt written without its line ending is the same salt.
    let bare = write(dir.path(), "bare-salt", SALT.strip_suffix(b"\n").unwrap());
    let (c, _) = ok(&["hash", s(&input), "--salt-file", s(&bare)]);
    assert_eq!(a, c);
    // The input read from standard input gives the same file.
    let piped = Command::new(env!("CARGO_BIN_EXE_tamis"))
        .args(["hash", "-", "--salt-file", s(&salt)])
        .stdin(std::fs::File::open(&input).unwrap())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), a);

    let (d, _) = ok(&["hash", s(&input), "--salt-file", s(&other)]);
    let set = |t: &str| -> std::collections::BTreeSet<String> {
        t.lines().skip(1).map(str::to_string).collect()
    };
    let (sa, sd) = (set(&a), set(&d));
    assert_eq!(sa.len(), sd.len());
    assert!(sa.is_disjoint(&sd), "two salts share a hash");
}

#[test]
fn kinds_select_the_columns() {
    let (_dir, input, salt) = setup();
    let keys = expected_keys();
    let count = |kind: &str| {
        let (out, _) = ok(&["hash", s(&input), "--salt-file", s(&salt), "--kind", kind]);
        out.lines().count() - 1
    };
    let emails = keys.iter().filter(|(k, _)| *k == KeyKind::Email).count();
    assert_eq!(count("email"), emails);
    assert_eq!(count("phone"), keys.len() - emails);
    assert_eq!(count("both"), keys.len());
}

#[test]
fn the_file_reads_back_for_overlap() {
    let (dir, input, salt) = setup();
    let out = dir.path().join("partner.txt");
    ok(&["hash", s(&input), "--salt-file", s(&salt), "--out", s(&out)]);
    let text = std::fs::read_to_string(&out).unwrap();
    let partner = PartnerKeys::new(&text, Salt::new(SALT).unwrap()).unwrap();
    assert_eq!(partner.len(), expected_keys().len());
    assert!(partner.matches_email("jeandupont+newsletter@gmail.com"));
    assert!(partner.matches_email(" MARIE-HELENE.ROUSSEAU@orange.fr "));
    assert!(!partner.matches_email("marie-helene.rousseau@orange.com"));
    assert!(partner.matches_phone("+33647291835"));
    assert!(partner.matches_phone("+262 262 47 29 18"));
    assert!(partner.matches_phone("0692 47 29 18"));
    assert!(partner.matches_phone("+41 79 358 27 14"));
    assert!(!partner.matches_phone("06 47 29 18 36"));
    let wrong = PartnerKeys::new(&text, Salt::new(OTHER_SALT).unwrap()).unwrap();
    assert!(!wrong.matches_email("jean.dupont@gmail.com"));
}

#[test]
fn platforms_follow_their_published_rules() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(
        dir.path(),
        "audience.csv",
        "Email,Phone\nJohn_Smith@gmail.com,+1 (650) 555-1212\njanedoe@gmail.com,+374 93 828222\n\
         Jane.Doe+shop@GoogleMail.com,06 47 29 18 35\n"
            .as_bytes(),
    );
    let hash = |platform: &str, kind: &str| {
        let (out, err) = ok(&["hash", s(&input), "--platform", platform, "--kind", kind]);
        let mut lines = out.lines();
        let header = lines.next().unwrap().to_string();
        assert!(
            err.contains(&header[2..]),
            "the summary names the rule: {err}"
        );
        (header, lines.map(str::to_string).collect::<Vec<_>>())
    };
    let sha = |v: &str| keys::hex(&sha256(v));

    // Meta: its documentation's two examples, no gmail dot removal, digits without +.
    let (header, emails) = hash("meta", "email");
    assert_eq!(header, format!("# {}", keys::Platform::Meta.rule()));
    assert!(header.contains("platform=meta") && header.contains("unsalted"));
    assert!(emails
        .contains(&"62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f".to_string()));
    assert!(emails.contains(&sha("jane.doe+shop@googlemail.com")));
    let (_, phones) = hash("meta", "phone");
    assert!(phones
        .contains(&"e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176".to_string()));
    assert!(phones.contains(&sha("33647291835")));

    // TikTok: its examples (email, and phone digits without +), +tag removed.
    let (header, emails) = hash("tiktok", "email");
    assert!(header.starts_with("# platform=tiktok"));
    assert!(emails
        .contains(&"d6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69".to_string()));
    assert!(emails.contains(&sha("jane.doe@googlemail.com")));
    let (_, phones) = hash("tiktok", "phone");
    assert!(phones
        .contains(&"65b7e6dcf6f4310f8d7cbfbd78289a753062fb054d6664fb9aaac5df66a422d4".to_string()));

    // Google: gmail and googlemail dots removed (domain and +tag kept), E.164 with +.
    let (header, emails) = hash("google", "email");
    assert!(header.starts_with("# platform=google"));
    assert!(emails.contains(&sha("john_smith@gmail.com")));
    assert!(emails.contains(&sha("janedoe+shop@googlemail.com")));
    let (_, phones) = hash("google", "phone");
    assert!(phones.contains(&sha("+16505551212")));
    assert!(phones.contains(&sha("+33647291835")));
    let mut sorted = phones.clone();
    sorted.sort();
    assert_eq!(phones, sorted);
}

fn sha256(v: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(v.as_bytes()).into()
}

#[test]
fn errors_are_clear_and_exit_with_2() {
    let (dir, input, salt) = setup();
    let i = s(&input);
    let err = fails(&["hash", i]);
    assert!(
        err.starts_with("tamis: give --salt-file S") && err.contains("--platform P"),
        "{err}"
    );
    let err = fails(&["hash", i, "--salt-file", s(&salt), "--platform", "google"]);
    assert!(err.contains("not both"), "{err}");
    let err = fails(&["hash", i, "--salt-file", s(&dir.path().join("missing"))]);
    assert!(err.starts_with("tamis: cannot read salt file"), "{err}");
    let empty = write(dir.path(), "empty-salt", b"");
    let err = fails(&["hash", i, "--salt-file", s(&empty)]);
    assert!(err.contains("the salt is empty"), "{err}");
    let newline = write(dir.path(), "newline-salt", b"\n");
    let err = fails(&["hash", i, "--salt-file", s(&newline)]);
    assert!(err.contains("the salt is empty"), "{err}");
    let short = write(dir.path(), "short-salt", b"fifteen bytes!!\n");
    let err = fails(&["hash", i, "--salt-file", s(&short)]);
    assert!(
        err.contains("the salt has 15 bytes, at least 16 are needed"),
        "{err}"
    );
    let err = fails(&["hash", i, "--platform", "myspace"]);
    assert!(
        err.contains("--platform \"myspace\": one of google, meta, tiktok"),
        "{err}"
    );
    let err = fails(&["hash", i, "--salt-file", s(&salt), "--kind", "fax"]);
    assert!(
        err.contains("--kind \"fax\": one of email, phone, both"),
        "{err}"
    );
    let no_keys = write(dir.path(), "no-keys.csv", b"Nom;Ville\nDupont;Paris\n");
    let err = fails(&["hash", s(&no_keys), "--salt-file", s(&salt)]);
    assert!(
        err.contains("has no email or phone column") && err.contains("--role"),
        "{err}"
    );
    // A failed run leaves no output file behind.
    let out = dir.path().join("never.txt");
    fails(&["hash", s(&no_keys), "--salt-file", s(&salt), "-o", s(&out)]);
    assert!(!out.exists());
    // A role set by hand makes a column hashable.
    let (text, _) = ok(&[
        "hash",
        s(&no_keys),
        "--salt-file",
        s(&salt),
        "--role",
        "Ville=email",
    ]);
    assert_eq!(
        text.lines().count(),
        1,
        "only the header: Paris is no address"
    );
}
