//! Overlap with the buyer's own customer file (`overlap.own`, exact and fuzzy, by the
//! duplicate engine) and with a partner's salted hash file (`overlap.partner`): in the
//! library and through `tamis audit --own / --partner-hashes --salt-file`.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Stdio};

use tamis::keys::{HashSetBuilder, Hashing, Kinds, PartnerKeys, Region, Salt};
use tamis::{Auditor, Options, OwnFileBuilder, References, RowSink, RowView};

const AUDITED: &str = "Prénom;Nom;Email;Téléphone;Adresse;Code postal;Ville\n\
Camille;Martin;camille.martin@gmail.com;06 39 98 10 01;12 rue de la Roquette;75011;Paris\n\
Hugo;Bernard;hugo.bernard@exemple.fr;06 39 98 10 02;4 avenue Jean Jaurès;69003;Lyon\n\
Hélène;Lefèvre;helene.lefevre@exemple.fr;04 77 00 10 03;8 place Saint-Just;42000;Saint-Étienne\n\
Paul;Girard;paul.girard@exemple.fr;04 77 00 10 09;15 cours Fauriel;42100;Saint-Étienne\n";

/// The buyer's customers, in another layout (`,`, English headers, another order).
const OWN: &str = "email,last_name,first_name,phone,street,zip,city\n\
Ca.Mil.le.Martin@googlemail.com,Martin,Camille,,,,\n\
,Lefevre,Helene,,8 pl. St-Just,42000,Saint-Etienne\n\
someone.else@exemple.fr,Durand,Luc,0639981077,,,\n";

#[derive(Default)]
struct Flags(Vec<Vec<&'static str>>);

impl RowSink for Flags {
    fn row(&mut self, row: &RowView<'_>) {
        self.0.push(row.flags.to_vec());
    }
}

fn salt() -> Salt {
    Salt::new(b"a salt shared by both partners, long enough").expect("salt")
}

/// What `tamis hash --salt-file` writes for `csv`.
fn hash_file(csv: &str) -> String {
    let mut b = HashSetBuilder::new(Hashing::Salted(salt()), Kinds::Both, Region::France);
    let mut a = Auditor::new(Options::default()).expect("options");
    a.feed_with(csv.as_bytes(), &mut b);
    a.finish_with(&mut b);
    b.finish().to_text()
}

fn audit(refs: References, cpm: Option<f64>) -> (Flags, tamis::Report) {
    let mut a = Auditor::new(Options {
        audit_date: Some("2026-11-29".into()),
        campaign: tamis::Campaign {
            cpm,
            ..Default::default()
        },
        ..Default::default()
    })
    .expect("options");
    a.set_references(refs);
    let mut flags = Flags::default();
    for chunk in AUDITED.as_bytes().chunks(7) {
        a.feed_with(chunk, &mut flags);
    }
    let report = a.finish_with(&mut flags);
    (flags, report)
}

fn own_file(csv: &str) -> tamis::Result<tamis::OwnFile> {
    let mut b = OwnFileBuilder::new(Options::default())?;
    for chunk in csv.as_bytes().chunks(5) {
        b.feed(chunk);
    }
    b.finish()
}

#[test]
fn customers_are_found_exactly_and_fuzzily_in_another_layout() {
    let own = own_file(OWN).expect("a contact file");
    assert_eq!(own.rows, 3);
    let (flags, report) = audit(
        References {
            own: Some(own),
            ..Default::default()
        },
        Some(250.0),
    );
    let has = |row: usize| flags.0[row - 1].contains(&"overlap.own");
    assert!(has(1), "googlemail dots and case: the same canonical email");
    assert!(!has(2), "Hugo Bernard is not a customer");
    assert!(has(3), "swapped names, abbreviated street, same postcode");
    assert!(!has(4));
    let o = report.overlap.expect("overlap section");
    assert_eq!((o.own_rows, o.own, o.own_exact), (Some(3), 2, 1));
    assert_eq!(o.own_cost, Some(0.5), "2 rows at 250 EUR per 1,000");
    assert_eq!(o.own_examples, vec![[1, 1], [3, 2]]);
    assert_eq!(o.partner_keys, None);
}

#[test]
fn a_partner_overlap_is_found_from_hashes_only() {
    // The partner has Hugo's phone (another format) and Paul's email.
    let partner_csv = "mail;tel\nrandom@exemple.org;+33 6 39 98 10 02\nPAUL.GIRARD@exemple.fr;\n";
    let text = hash_file(partner_csv);
    assert!(!text.contains("girard") && !text.contains("39 98"));
    let keys = PartnerKeys::new(&text, salt()).expect("hash file");
    let (flags, report) = audit(
        References {
            partner: Some(keys),
            ..Default::default()
        },
        None,
    );
    let rows: Vec<usize> = (1..=4)
        .filter(|&r| flags.0[r - 1].contains(&"overlap.partner"))
        .collect();
    assert_eq!(rows, vec![2, 4]);
    let o = report.overlap.expect("overlap section");
    assert_eq!((o.partner, o.partner_keys), (2, Some(3)));
    // Another salt: nothing matches.
    let other = PartnerKeys::new(&text, Salt::new(b"another salt, another partner").unwrap())
        .expect("hash file");
    let (_, report) = audit(
        References {
            partner: Some(other),
            ..Default::default()
        },
        None,
    );
    assert_eq!(report.overlap.expect("overlap").partner, 0);
}

#[test]
fn no_references_no_section() {
    let (flags, report) = audit(References::default(), None);
    assert!(report.overlap.is_none());
    assert!(flags.0.iter().flatten().all(|f| !f.starts_with("overlap.")));
}

#[test]
fn a_customer_file_without_identity_columns_is_refused() {
    let err = own_file("montant;date\n12;2026-01-01\n").expect_err("no contact column");
    assert!(
        err.to_string()
            .contains("no email, phone, name or postal column"),
        "{err}"
    );
}

#[test]
fn the_cli_reads_own_and_partner_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let audited = dir.path().join("audited.csv");
    std::fs::write(&audited, AUDITED).unwrap();
    let own = dir.path().join("own.csv");
    std::fs::write(&own, OWN).unwrap();
    let salt_path = dir.path().join("salt");
    std::fs::write(&salt_path, "a salt shared by both partners, long enough\n").unwrap();
    let hashes = dir.path().join("partner.h");
    std::fs::write(&hashes, hash_file("mail\npaul.girard@exemple.fr\n")).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(env!("CARGO_BIN_EXE_tamis"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .expect("tamis runs")
    };
    let out = run(&[
        "audit".as_ref(),
        audited.as_os_str(),
        "--own".as_ref(),
        own.as_os_str(),
        "--partner-hashes".as_ref(),
        hashes.as_os_str(),
        "--salt-file".as_ref(),
        salt_path.as_os_str(),
        "--json".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: tamis::Report = serde_json::from_slice(&out.stdout).expect("report JSON");
    let o = r.overlap.expect("overlap");
    assert_eq!((o.own, o.partner), (2, 1));
    // Human summary.
    let out = run(&[
        "audit".as_ref(),
        audited.as_os_str(),
        "--own".as_ref(),
        own.as_os_str(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("already your customers  2 rows (exact 1) of your 3 customers"),
        "{text}"
    );
    // --partner-hashes needs --salt-file.
    let out = run(&[
        "audit".as_ref(),
        audited.as_os_str(),
        "--partner-hashes".as_ref(),
        hashes.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    // A customer file that is not a contact file: a clear error, exit 2.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "montant;date\n12;2026-01-01\n").unwrap();
    let out = run(&[
        "audit".as_ref(),
        audited.as_os_str(),
        "--own".as_ref(),
        bad.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--own"));
}
