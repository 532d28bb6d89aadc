//! The reliability score is monotone: a defect added to a file never raises it
//! (issue 4: "more defects never raises the score"), whatever the campaign.

use proptest::prelude::*;
use tamis::campaign::{Audience, Channel, Deal};
use tamis::{Auditor, Campaign, Options};

const HEADER: &str = "civilite;prenom;nom;societe;email;portable;adresse;cp;ville;optin email;optin sms;optin telephone;date consentement;date de collecte;source;commentaire";

/// A clean row: valid email, mobile and address, consent given and proven, fresh.
fn clean_row(i: usize, b2b: bool) -> Vec<String> {
    let company = if b2b {
        format!("Societe {i} SARL")
    } else {
        String::new()
    };
    let domain = if b2b {
        format!("societe{i}.fr")
    } else {
        "orange.fr".to_string()
    };
    vec![
        "Mme".into(),
        format!("Claire{}", ["", "a", "e", "o"][i % 4]).replace(char::is_numeric, ""),
        ["Martin", "Bernard", "Durand", "Lefebvre", "Moreau"][i % 5].into(),
        company,
        format!("claire.{i}@{domain}"),
        format!(
            "06 {:02} {:02} {:02} {:02}",
            10 + i % 80,
            20 + i % 70,
            30 + i % 60,
            40 + i % 50
        ),
        format!("{} rue de la Paix", i + 1),
        "75002".into(),
        "Paris".into(),
        "oui".into(),
        "oui".into(),
        "oui".into(),
        "12/03/2026".into(),
        "12/03/2026".into(),
        "Formulaire site".into(),
        String::new(),
    ]
}

/// A defect: (column, bad value). Each one can only make a row worse for any channel.
const DEFECTS: &[(usize, &str)] = &[
    (4, "claire@@orange"),     // invalid email
    (4, "claire@gmial.com"),   // typo domain
    (4, "contact@orange.fr"),  // role address
    (4, "x@mailinator.com"),   // disposable
    (4, ""),                   // no email
    (5, "06 12"),              // invalid phone
    (5, "01 62 12 34 56"),     // call centre, landline
    (5, ""),                   // no phone
    (7, "96000"),              // invalid postcode
    (8, "Lyon"),               // city mismatch
    (6, ""),                   // no street
    (9, "non"),                // email consent refused
    (9, ""),                   // email consent unknown
    (10, "non"),               // sms consent refused
    (11, ""),                  // phone consent unknown
    (12, ""),                  // consent date gone
    (13, "02/01/2019"),        // stale
    (15, "Client diabétique"), // sensitive
    (3, ""),                   // company gone: a B2B row becomes B2C
];

fn file(rows: &[Vec<String>]) -> Vec<u8> {
    let mut s = String::from(HEADER);
    s.push_str("\r\n");
    for r in rows {
        s.push_str(&r.join(";"));
        s.push_str("\r\n");
    }
    s.into_bytes()
}

fn score(bytes: &[u8], campaign: &Campaign) -> u8 {
    let opts = Options {
        audit_date: Some("2026-11-29".into()),
        campaign: campaign.clone(),
        ..Options::default()
    };
    let mut a = Auditor::new(opts).expect("valid options");
    a.feed(bytes);
    a.finish()
        .score
        .expect("a file with rows has a score")
        .value
}

fn campaign_strategy() -> impl Strategy<Value = Campaign> {
    (
        0usize..6,
        0usize..3,
        0usize..3,
        prop::option::of(10.0f64..800.0),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(ch, au, deal, cpm, sector, after)| Campaign {
            channel: Channel::ALL[ch],
            audience: [Audience::Auto, Audience::B2c, Audience::B2b][au],
            deal: [Deal::Rent, Deal::Buy, Deal::Exchange][deal],
            cpm,
            sector_banned: sector,
            date: Some(if after { "2026-11-29" } else { "2026-06-01" }.to_string()),
            ..Campaign::default()
        })
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn more_defects_never_raise_the_score(
        campaign in campaign_strategy(),
        b2b in prop::collection::vec(any::<bool>(), 12..20),
        defects in prop::collection::vec((any::<prop::sample::Index>(), 0..DEFECTS.len()), 1..12),
    ) {
        let mut rows: Vec<Vec<String>> = b2b.iter().enumerate().map(|(i, &b)| clean_row(i, b)).collect();
        let mut before = score(&file(&rows), &campaign);
        let mut touched = std::collections::BTreeSet::new();
        for (row, d) in defects {
            let r = row.index(rows.len());
            let (col, value) = DEFECTS[d];
            // A defect is added to a clean cell: replacing one bad value by another is
            // not "more defects" (an invalid address is no trap risk, a typo'd one is).
            if !touched.insert((r, col)) {
                continue;
            }
            rows[r][col] = value.to_string();
            let after = score(&file(&rows), &campaign);
            prop_assert!(
                after <= before,
                "defect {:?} on row {} raised the score {} -> {} ({:?})",
                DEFECTS[d], r + 1, before, after, campaign
            );
            before = after;
        }
    }
}

#[test]
fn a_clean_file_scores_well_and_defects_lower_it() {
    let campaign = Campaign {
        cpm: Some(120.0),
        ..Campaign::default()
    };
    let mut rows: Vec<Vec<String>> = (0..10).map(|i| clean_row(i, i % 2 == 0)).collect();
    let clean = score(&file(&rows), &campaign);
    assert!(
        clean >= 85,
        "a clean, consented, fresh, fairly priced file scores A, got {clean}"
    );
    for r in rows.iter_mut().take(5) {
        r[9] = "non".into();
    }
    let refused = score(&file(&rows), &campaign);
    assert!(
        refused < clean,
        "half the rows refusing email must lower the score: {clean} -> {refused}"
    );
}
