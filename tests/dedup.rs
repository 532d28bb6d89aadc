//! Duplicates within a file, end to end: which rows are flagged and of which row, the
//! funnel stage that removes them, the score's part, and the switch that turns it off.
//! (The generated file's planted duplicates are measured in tests/accuracy.rs; the
//! fixtures' clusters are in the golden reports.)

use tamis::{Auditor, Options, RowSink, RowView};

#[derive(Default)]
struct Rows(Vec<(u64, Vec<&'static str>, Option<u64>)>);

impl RowSink for Rows {
    fn row(&mut self, row: &RowView<'_>) {
        self.0.push((
            row.position.row.unwrap_or(0),
            row.flags.to_vec(),
            row.duplicate_of,
        ));
    }
}

fn audit(opts: Options) -> (Rows, tamis::Report) {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/duplicates.csv"
    ))
    .expect("fixture");
    let mut a = Auditor::new(opts).expect("options");
    let mut rows = Rows::default();
    a.feed_with(&bytes, &mut rows);
    let report = a.finish_with(&mut rows);
    (rows, report)
}

fn opts() -> Options {
    Options {
        audit_date: Some("2026-11-29".into()),
        ..Default::default()
    }
}

#[test]
fn each_planted_case_gets_its_verdict() {
    let (rows, report) = audit(opts());
    let verdict = |n: u64| {
        let (_, flags, of) = &rows.0[(n - 1) as usize];
        let dup = flags
            .iter()
            .copied()
            .find(|f| f.starts_with("dup.") || *f == "phone.shared");
        (dup, *of)
    };
    let want: &[(u64, Option<&str>, Option<u64>)] = &[
        (1, None, None),
        (2, None, None),
        (3, None, None),
        (4, Some("dup.exact"), Some(1)),
        (5, Some("dup.exact"), Some(2)),
        (6, Some("dup.fuzzy"), Some(3)),
        (7, Some("dup.fuzzy"), Some(2)),
        (8, None, None),
        (9, Some("phone.shared"), None),
        (10, None, None),
        (11, None, None),
    ];
    for &(n, code, of) in want {
        assert_eq!(verdict(n), (code, of), "row {n}");
    }
    let d = report.duplicates.expect("duplicates section");
    assert_eq!(
        (
            d.clusters,
            d.duplicate_rows,
            d.exact_rows,
            d.fuzzy_rows,
            d.phone_shared_rows
        ),
        (3, 4, 2, 2, 1)
    );
    let row3 = d
        .examples
        .iter()
        .find(|e| e.first_row == 3)
        .expect("cluster of row 3");
    assert_eq!(row3.rows, vec![6]);
    assert!(!row3.exact);
    assert!(
        row3.matched.iter().any(|m| m.contains("swapped")),
        "{:?}",
        row3.matched
    );
    assert!(
        row3.matched.iter().any(|m| m.contains("abbreviations")),
        "{:?}",
        row3.matched
    );
}

#[test]
fn the_funnel_and_the_score_count_duplicates_out() {
    let (_, on) = audit(Options {
        campaign: tamis::Campaign {
            channel: tamis::campaign::Channel::Postal,
            ..Default::default()
        },
        ..opts()
    });
    let (_, off) = audit(Options {
        campaign: tamis::Campaign {
            channel: tamis::campaign::Channel::Postal,
            ..Default::default()
        },
        duplicates: false,
        ..opts()
    });
    let stage = |r: &tamis::Report, name: &str| {
        r.campaign
            .as_ref()
            .expect("campaign")
            .funnel
            .iter()
            .find(|s| s.stage == name)
            .map(|s| s.count)
            .expect("stage")
    };
    // Postal: rows 6 and 7 have an address and are duplicates; the others with an
    // address are not.
    assert_eq!(stage(&on, "contact") - stage(&on, "not_duplicated"), 2);
    assert_eq!(stage(&off, "contact"), stage(&off, "not_duplicated"));
    assert_eq!(stage(&on, "usable") + 2, stage(&off, "usable"));
    let part = |r: &tamis::Report| r.score.as_ref().expect("score").parts["duplicates"];
    assert_eq!(part(&on), 64, "4 duplicate rows of 11");
    assert_eq!(part(&off), 100);
    assert!(off.duplicates.is_none());
}

/// A word of letters only, different for every `i`.
fn letters(mut i: u64) -> String {
    let mut s = String::new();
    loop {
        s.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

/// 300,000 different people (their own email, phone and name each): no duplicate, no
/// shared phone. The block keys and the stored 32-bit fingerprints once came from the same
/// bits of the hash, so two different emails or phones with equal keys were equal for the
/// comparison too: about ten of these pairs collided, and were reported as exact
/// duplicates or as one phone shared by two people (4 false `dup.exact` and 2 false
/// `phone.shared` in the 100k-row demo file).
#[test]
fn different_people_never_collide() {
    let people = (0..300_000u64).map(|i| (format!("p{i}@exemple.fr"), format!("+3361{i:07}")));
    assert_eq!(
        false_matches(people),
        vec![],
        "(row, duplicate_of, phone_shared)"
    );
}

/// The same with numbers and addresses as files have them: random mobiles (digits varying
/// in both 8-byte halves of `+33612345678`) and `first.lastN@domain` addresses. A word-at-a-
/// time hash with one multiply per word let different phones of the demo file collide;
/// this population finds them (8 false `phone.shared`), the consecutive numbers above do not.
#[test]
fn random_numbers_and_addresses_never_collide() {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut seen = std::collections::HashSet::new();
    let people = (0..300_000u64)
        .map(move |i| {
            let phone = format!("+336{:08}", next() % 100_000_000);
            let local = format!(
                "{}.{}{}",
                letters(next() % 5_000),
                letters(next() % 20_000),
                i % 10
            );
            let domain = ["orange", "free", "gmail", "sfr"][(next() % 4) as usize];
            (format!("{local}@{domain}.fr"), phone)
        })
        // Only different people: a phone or an address drawn twice is a real match.
        .filter(move |(email, phone)| seen.insert(phone.clone()) && seen.insert(email.clone()));
    assert_eq!(
        false_matches(people),
        vec![],
        "(row, duplicate_of, phone_shared)"
    );
}

/// A row found a duplicate of, or sharing a phone with, an earlier one: (row,
/// duplicate_of, phone_shared).
type FalseMatch = (u64, Option<(u64, bool)>, bool);

/// Adds people (email, phone), each with a different name, and returns the rows matched
/// to an earlier one.
fn false_matches(people: impl Iterator<Item = (String, String)>) -> Vec<FalseMatch> {
    use tamis::dedup::{Dedup, RowKeys};
    let mut dedup = Dedup::default();
    let mut found = Vec::new();
    for (i, (email, phone)) in (0u64..).zip(people) {
        let names = format!(" {} z{} ", letters(i), letters(i * 7 + 3));
        let emails = [email];
        let phones = [phone];
        let keys = RowKeys {
            names: &names,
            emails: &emails,
            phones: &phones,
            ..RowKeys::default()
        };
        let v = dedup.add(i + 1, &keys);
        if v.duplicate_of.is_some() || v.phone_shared {
            found.push((i + 1, v.duplicate_of, v.phone_shared));
        }
    }
    found
}
