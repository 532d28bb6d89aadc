//! Possible owner seeds (`seed.suspect`) and spam-trap risk (`trap.risk`): each signal
//! on its own row, the report's section, and on the generated file, that both only
//! fire where their signals are.

use std::collections::BTreeMap;

use tamis::demo::{DemoFile, DemoSpec};
use tamis::{Auditor, Options, RowSink, RowView};

#[derive(Default)]
struct Rows(Vec<Vec<&'static str>>);

impl RowSink for Rows {
    fn row(&mut self, row: &RowView<'_>) {
        self.0.push(row.flags.to_vec());
    }
}

fn audit(csv: &[u8]) -> (Rows, tamis::Report) {
    let mut a = Auditor::new(Options {
        audit_date: Some("2026-11-29".into()),
        ..Default::default()
    })
    .expect("options");
    let mut rows = Rows::default();
    a.feed_with(csv, &mut rows);
    let report = a.finish_with(&mut rows);
    (rows, report)
}

#[test]
fn each_signal_on_its_row() {
    let csv = "Prénom;Nom;Email;Téléphone;Adresse;Code postal;Ville;Date de collecte\n\
Jeanne;Morel;jeanne.morel@orange.fr;06 71 82 93 04;12 rue de Rivoli;75004;Paris;01/03/2026\n\
Paul;Renaud;paul.renaud+loueur@exemple.fr;;3 rue Nationale;59000;Lille;01/03/2026\n\
Luc;Perrin;luc.perrin@exemple.fr;06 39 98 12 34;5 rue Victor Hugo;69002;Lyon;01/03/2026\n\
Jeanne;Moret;jmoret@exemple.fr;;12 rue de Rivoli;75004;Paris;01/03/2026\n\
Anne;Caron;anne.caron@oragne.fr;;4 rue Pasteur;33000;Bordeaux;01/03/2026\n\
Marc;Fabre;xk7qz3vbw9@exemple.fr;;9 rue Foch;13001;Marseille;01/03/2026\n\
Eva;Roux;eva.roux@exemple.fr;;7 rue Gambetta;31000;Toulouse;01/03/2019\n\
Léa;Blanc;titi75@exemple.fr;;1 rue Carnot;44000;Nantes;01/03/2026\n";
    let (rows, report) = audit(csv.as_bytes());
    let has = |row: usize, code: &str| rows.0[row - 1].contains(&code);
    let want: &[(usize, bool, bool)] = &[
        // (row, seed.suspect, trap.risk)
        (1, false, false),
        (2, true, false),  // +tag alias
        (3, true, false),  // fiction-range mobile
        (4, true, false),  // Moret/Morel at the same address: a name variant
        (5, false, true),  // oragne.fr
        (6, false, true),  // machine-made local part
        (7, false, true),  // collected in 2019
        (8, false, false), // name not in the address: counted, not flagged
    ];
    for &(row, seed, trap) in want {
        assert_eq!(
            (has(row, "seed.suspect"), has(row, "trap.risk")),
            (seed, trap),
            "row {row}: {:?}",
            rows.0[row - 1]
        );
    }
    let s = report.seeds_and_traps.expect("section");
    assert_eq!(s.seed_suspects, 3);
    assert_eq!(s.trap_risk, 3);
    assert_eq!(s.seed_confidence, "medium");
    let signals = |m: &BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        signals(&s.seed_signals),
        "fiction_phone=1 name_variant=1 plus_alias=1"
    );
    assert_eq!(
        signals(&s.trap_signals),
        "random_local_part=1 stale=1 typo_domain=1"
    );
    // titi75 and xk7qz3vbw9 carry no name (jmoret has the surname).
    assert_eq!(s.name_email_mismatch, 2);
}

#[test]
fn on_the_generated_file_signals_fire_only_on_their_causes() {
    let mut demo = DemoFile::new(DemoSpec {
        rows: 5_000,
        seed: 11,
    });
    let mut bytes = Vec::new();
    while let Some(chunk) = demo.next_chunk() {
        bytes.extend_from_slice(&chunk);
    }
    let (rows, report) = audit(&bytes);
    const TRAP_CAUSES: &[&str] = &[
        "email.typo",
        "email.dead_domain",
        "email.role",
        "email.reserved",
        "email.disposable",
        "date.stale",
    ];
    const SEED_CAUSES: &[&str] = &["email.tagged", "phone.fiction", "dup.fuzzy"];
    let (mut traps, mut seeds) = (0, 0);
    for (i, flags) in rows.0.iter().enumerate() {
        let any = |codes: &[&str]| flags.iter().any(|f| codes.contains(f));
        if flags.contains(&"trap.risk") {
            traps += 1;
            // The generator writes no machine-made local parts.
            assert!(
                any(TRAP_CAUSES),
                "row {}: trap.risk without cause: {flags:?}",
                i + 1
            );
        } else {
            assert!(
                !any(TRAP_CAUSES),
                "row {}: a cause without trap.risk: {flags:?}",
                i + 1
            );
        }
        if flags.contains(&"seed.suspect") {
            seeds += 1;
            assert!(
                any(SEED_CAUSES),
                "row {}: seed.suspect without cause: {flags:?}",
                i + 1
            );
        } else {
            assert!(
                !any(&["email.tagged", "phone.fiction"]),
                "row {}: {flags:?}",
                i + 1
            );
        }
    }
    let s = report.seeds_and_traps.expect("section");
    assert_eq!((s.trap_risk, s.seed_suspects), (traps, seeds));
    assert!(traps > 0 && seeds > 0);
}

#[test]
fn private_domains_are_counted_at_the_end_of_the_file() {
    // Twelve people on one catch-all domain, one on a domain of its own, a webmail user
    // and an employee (company filled): only the first two kinds count.
    let mut csv = String::from("Prénom;Nom;Email;Société\n");
    for (i, first) in [
        "Anne", "Bruno", "Chloe", "David", "Emma", "Felix", "Gaelle", "Hugo", "Ines", "Jules",
        "Karim", "Lina",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!(
            "{first};Durand{i};{}.durand{i}@temoins.exemple-proprio.fr;\n",
            first.to_lowercase()
        ));
    }
    csv.push_str("Marc;Petit;marc@petit-famille.fr;\n");
    csv.push_str("Nina;Roy;nina.roy@orange.fr;\n");
    csv.push_str("Omar;Faure;o.faure@acme-industrie.fr;ACME Industrie\n");
    let (_, report) = audit(csv.as_bytes());
    let s = report.seeds_and_traps.expect("section");
    assert_eq!(s.private_domain_single_rows, 1);
    assert_eq!(s.private_domain_crowded_rows, 12);
}
