//! Table tests of the field rules, one table per rule, checked against
//! `/work/shared/domain.md` (the reference for every rule).
//!
//! Each case is a line `(input, expected)`. A table runs every case and, if any fails,
//! panics listing each failing input with what was expected and what was got, so one
//! run shows every broken case of a rule, not just the first.
//!
//! The first part calls the pure checks (`tamis::checks::*`, `tamis::data::*`). The
//! second feeds a `;` CSV to `tamis::Auditor` (audit date 2026-11-29) and asserts the
//! codes, the status and the suggestion of every row.
//!
//! Cases that once disagreed with domain.md are kept as regression tests named after
//! the bug they caught.

mod common;

use std::collections::BTreeMap;

use common::table;
use tamis::checks::content::{self, Sensitive};
use tamis::checks::phone::{PhoneError, PhoneFlag, PhoneKind};
use tamis::checks::{company, dates, email, names, phone, postal};
use tamis::{data, Auditor, Options, Role, RowSink, RowView, Status};

// ---------------------------------------------------------------------------------------
// Email: syntax
// ---------------------------------------------------------------------------------------

#[test]
fn email_syntax() {
    let local_64 = format!("{}@x.fr", "l".repeat(64));
    let local_65 = format!("{}@x.fr", "l".repeat(65));
    // Three labels (63, 63 and 58 or 59 characters) and ".fr": a 189- or 190-byte domain.
    let domain = |last: usize| {
        format!(
            "{}.{}.{}.fr",
            "d".repeat(63),
            "d".repeat(63),
            "d".repeat(last)
        )
    };
    let total_254 = format!("{}@{}", "l".repeat(64), domain(58));
    let total_255 = format!("{}@{}", "l".repeat(64), domain(59));
    let label_63 = format!("jean@{}.fr", "b".repeat(63));
    let label_64 = format!("jean@{}.fr", "b".repeat(64));
    assert_eq!(total_254.len(), 254);
    assert_eq!(total_255.len(), 255);
    let cases: Vec<(&str, bool)> = vec![
        // Valid (expected: true).
        ("jean.dupont@orange.fr", true),
        ("j@x.io", true),
        ("jean+promo@gmail.com", true),
        ("o'brien@exemple.ie", true),
        ("a_b-c@sub.domaine.fr", true),
        ("jean-pierre.de-la-fontaine@mairie-saint-etienne.fr", true),
        ("a!#$%&'*/=?^_`{|}~-b@x.fr", true),
        ("1234@5678.fr", true),
        ("jean@sub.sub.domaine.co.uk", true),
        ("jean@a-b.fr", true),
        ("UPPER@CASE.FR", true),
        ("  jean@orange.fr  ", true),
        ("x@x.museum", true),
        ("jean@café.fr", true),
        ("contact@élysée.fr", true),
        ("jean@xn--caf-dma.fr", true),
        ("jean@exemple.xn--p1ai", true),
        ("jean@пример.рф", true),
        (&local_64, true),
        (&total_254, true),
        (&label_63, true),
        // Invalid (expected: false).
        ("", false),
        ("jean", false),
        ("jean@", false),
        ("@orange.fr", false),
        ("jean@@orange.fr", false),
        ("jean@orange@fr.fr", false),
        ("jean dupont@orange.fr", false),
        ("jean@orange .fr", false),
        ("jean @orange.fr", false),
        ("jean..dupont@orange.fr", false),
        (".jean@orange.fr", false),
        ("jean.@orange.fr", false),
        ("jean@orange..fr", false),
        ("jean@.orange.fr", false),
        ("jean@orange", false),
        ("jean@localhost", false),
        ("jean@orange.", false),
        ("jean@orange.fr.", false),
        ("jean@-orange.fr", false),
        ("jean@orange-.fr", false),
        ("jean@o_range.fr", false),
        ("jean@orange.f", false),
        ("jean@orange.123", false),
        ("jean@192.168.0.1", false),
        ("jean@[192.168.0.1]", false),
        ("jérôme@orange.fr", false),
        ("jean,dupont@orange.fr", false),
        ("jean;dupont@orange.fr", false),
        ("jean@orange,fr", false),
        ("jean(at)orange.fr", false),
        ("jean[at]orange.fr", false),
        ("mailto:jean@orange.fr", false),
        ("<jean@orange.fr>", false),
        ("Jean Dupont <jean@orange.fr>", false),
        ("\"jean dupont\"@orange.fr", false),
        ("jean@orange.fr;marie@free.fr", false),
        ("jean@orange.fr marie@free.fr", false),
        ("n/a", false),
        ("-", false),
        ("néant", false),
        (&local_65, false),
        (&total_255, false),
        (&label_64, false),
    ];
    table("email syntax (valid?)", &cases, |a| {
        !email::check(a).invalid
    });
    // syntax_ok is the same rule on a trimmed address.
    table("email::syntax_ok", &cases, |a| email::syntax_ok(a.trim()));
}

// ---------------------------------------------------------------------------------------
// Email: domains
// ---------------------------------------------------------------------------------------

#[test]
fn email_reserved_domains() {
    table(
        "email.reserved",
        &[
            ("jean@example.com", true),
            ("jean@example.fr", true),
            ("jean@example.org", true),
            ("jean@example.net", true),
            ("jean@example.co.uk", true),
            ("jean@mail.example.com", true),
            ("jean@EXAMPLE.COM", true),
            ("jean@foo.test", true),
            ("jean@test.test", true),
            ("jean@foo.invalid", true),
            ("jean@foo.localhost", true),
            ("jean@foo.example", true),
            ("jean@FOO.TEST", true),
            // Real domains that only look like test data.
            ("jean@test.com", false),
            ("jean@test.fr", false),
            ("jean@exemple.fr", false),
            ("jean@myexample.com", false),
            ("jean@examples.com", false),
            ("jean@example-corp.fr", false),
            ("jean@foo.test.fr", false),
            ("jean@invalid.fr", false),
            ("jean@localhost.fr", false),
            ("jean@testud.fr", false),
            ("jean@orange.fr", false),
        ],
        |a| email::check(a).reserved,
    );
    // A reserved domain is never "corrected" into a webmail.
    table(
        "email.reserved (no typo suggestion)",
        &[
            ("jean@example.com", None::<&str>),
            ("jean@gmail.test", None),
            ("jean@gmial.test", None),
        ],
        |a| email::check(a).typo,
    );
}

#[test]
fn email_disposable_domains() {
    table(
        "email.disposable",
        &[
            ("jean@mailinator.com", true),
            ("jean@MAILINATOR.COM", true),
            ("jean@eu.mailinator.com", true),
            ("jean@mailinator.net", true),
            ("jean@yopmail.com", true),
            ("jean@yopmail.fr", true),
            ("jean@yopmail.net", true),
            ("jean@jetable.org", true),
            ("jean@jetable.fr.nf", true),
            ("jean@courriel.fr.nf", true),
            ("jean@moncourrier.fr.nf", true),
            ("jean@monmail.fr.nf", true),
            ("jean@nospam.ze.tc", true),
            ("jean@nomail.xl.cx", true),
            ("jean@speed.1s.fr", true),
            ("jean@mail-temporaire.fr", true),
            ("jean@tempomail.fr", true),
            ("jean@trashmail.fr", true),
            ("jean@guerrillamail.com", true),
            ("jean@sharklasers.com", true),
            ("jean@10minutemail.com", true),
            ("jean@temp-mail.org", true),
            ("jean@throwawaymail.com", true),
            ("jean@getnada.com", true),
            ("jean@maildrop.cc", true),
            ("jean@dispostable.com", true),
            ("jean@gmail.com", false),
            ("jean@orange.fr", false),
            ("jean@free.fr", false),
            ("jean@laposte.net", false),
            ("jean@yahoo.fr", false),
            ("jean@protonmail.com", false),
            ("jean@entreprise-durand.fr", false),
            ("jean@mail.com", false),
            ("jean@fr.nf", false),
        ],
        |a| email::check(a).disposable,
    );
}

#[test]
fn email_dead_domains() {
    table(
        "email.dead_domain",
        &[
            ("jean@voila.fr", true),
            ("jean@VOILA.FR", true),
            ("Jean.Dupont@Voila.Fr", true),
            ("jean@voila.com", false),
            ("jean@orange.fr", false),
            ("jean@wanadoo.fr", false),
            ("jean@free.fr", false),
            ("jean@voilà.fr", false),
        ],
        |a| email::check(a).dead_domain,
    );
    // voila.fr is dead, not a live webmail, and not a typo of one.
    let v = email::check("jean@voila.fr");
    assert!(
        !v.free && v.typo.is_none() && !v.invalid,
        "jean@voila.fr: {v:?}"
    );
}

#[test]
fn email_webmail_domains() {
    let webmails = [
        "gmail.com",
        "googlemail.com",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "sfr.fr",
        "neuf.fr",
        "laposte.net",
        "hotmail.fr",
        "hotmail.com",
        "yahoo.fr",
        "yahoo.com",
        "ymail.com",
        "outlook.fr",
        "outlook.com",
        "live.fr",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "bbox.fr",
        "gmx.fr",
        "aol.com",
        "club-internet.fr",
        "aliceadsl.fr",
        "numericable.fr",
        "protonmail.com",
        "proton.me",
        "mail.com",
    ];
    let mut cases: Vec<(String, bool)> = webmails
        .iter()
        .map(|d| (format!("jean@{d}"), true))
        .collect();
    cases.push(("Jean@Orange.FR".into(), true));
    for d in [
        "entreprise-durand.fr",
        "mail.orange.fr",
        "orange.com",
        "orange-business.com",
        "laposte.fr",
        "sncf.fr",
        "voila.fr",
        "example.com",
    ] {
        cases.push((format!("jean@{d}"), false));
    }
    table("email.free (webmail)", &cases, |a| email::check(a).free);
}

#[test]
fn email_role_local_parts() {
    let roles = [
        // RFC 2142.
        "postmaster",
        "abuse",
        "webmaster",
        "info",
        "sales",
        "support",
        "marketing",
        "security",
        "noc",
        "hostmaster",
        // Common.
        "admin",
        "contact",
        "billing",
        "jobs",
        "noreply",
        "no-reply",
        "no_reply",
        "No-Reply",
        "NOREPLY",
        "donotreply",
        "do-not-reply",
        "privacy",
        "unsubscribe",
        "dpo",
        "rgpd",
        // French.
        "accueil",
        "commercial",
        "compta",
        "comptabilite",
        "direction",
        "secretariat",
        "rh",
        "RH",
        "recrutement",
        "sav",
        "devis",
        "facturation",
        "ne-pas-repondre",
        "nepasrepondre",
        "ne.pas.repondre",
        "Contact",
        "infos",
        // A tag does not hide the role.
        "contact+salon2026",
        "noreply+123",
    ];
    let mut cases: Vec<(String, bool)> = roles
        .iter()
        .map(|l| (format!("{l}@entreprise-durand.fr"), true))
        .collect();
    for l in [
        "jean.dupont",
        "marie",
        "jean.contact",
        "contact.lyon",
        "rh.paris",
        "sav-lyon",
        "infoo",
        "directeur",
        "sophie.rh",
        "j.dupont",
        "rhum",
        "savon",
        "devisme",
    ] {
        cases.push((format!("{l}@entreprise-durand.fr"), false));
    }
    table("email.role", &cases, |a| email::check(a).role);
    // The same through the reference-data lookup, on bare local parts.
    let bare: Vec<(&str, bool)> = roles
        .iter()
        .map(|l| (*l, true))
        .chain([("", false), ("+x", false), ("r", false)])
        .collect();
    table("data::is_role_local", &bare, |l| data::is_role_local(l));
}

#[test]
fn email_typos_of_french_webmails() {
    table(
        "email.typo (suggested address)",
        &[
            // Orange / Wanadoo first: the most common French mailboxes.
            ("jean@ornage.fr", Some("jean@orange.fr")),
            ("jean@oragne.fr", Some("jean@orange.fr")),
            ("jean@orang.fr", Some("jean@orange.fr")),
            ("jean@orangee.fr", Some("jean@orange.fr")),
            ("jean@orange.frr", Some("jean@orange.fr")),
            ("jean@orange.fe", Some("jean@orange.fr")),
            ("jean@wanadoo.ff", Some("jean@wanadoo.fr")),
            ("jean@wanado.fr", Some("jean@wanadoo.fr")),
            ("jean@wannadoo.fr", Some("jean@wanadoo.fr")),
            ("jean@wanadoo.frr", Some("jean@wanadoo.fr")),
            ("jean@free.ff", Some("jean@free.fr")),
            ("jean@fre.fr", Some("jean@free.fr")),
            ("jean@frree.fr", Some("jean@free.fr")),
            ("jean@sfr.ff", Some("jean@sfr.fr")),
            ("jean@sfr.fe", Some("jean@sfr.fr")),
            ("jean@laposte.ne", Some("jean@laposte.net")),
            ("jean@lapost.net", Some("jean@laposte.net")),
            ("jean@lapsote.net", Some("jean@laposte.net")),
            ("jean@laposte.nt", Some("jean@laposte.net")),
            ("jean@hotmial.fr", Some("jean@hotmail.fr")),
            ("jean@hotmal.fr", Some("jean@hotmail.fr")),
            ("jean@hotmail.frr", Some("jean@hotmail.fr")),
            ("jean@yahooo.fr", Some("jean@yahoo.fr")),
            ("jean@yaho.fr", Some("jean@yahoo.fr")),
            ("jean@yahoo.fe", Some("jean@yahoo.fr")),
            ("jean@outlok.fr", Some("jean@outlook.fr")),
            ("jean@neuf.ff", Some("jean@neuf.fr")),
            // International webmails.
            ("jean@gmial.com", Some("jean@gmail.com")),
            ("jean@gmai.com", Some("jean@gmail.com")),
            ("jean@gmaill.com", Some("jean@gmail.com")),
            ("jean@gamil.com", Some("jean@gmail.com")),
            ("jean@gmal.com", Some("jean@gmail.com")),
            ("jean@gnail.com", Some("jean@gmail.com")),
            ("jean@gmail.con", Some("jean@gmail.com")),
            ("jean@gmail.cmo", Some("jean@gmail.com")),
            ("jean@gmail.om", Some("jean@gmail.com")),
            ("jean@gmail.co", Some("jean@gmail.com")),
            ("jean@hotmial.com", Some("jean@hotmail.com")),
            ("jean@hotmal.com", Some("jean@hotmail.com")),
            ("jean@hotmail.con", Some("jean@hotmail.com")),
            ("jean@iclod.com", Some("jean@icloud.com")),
            // The nearest target wins over a French one further away.
            ("jean@hotmail.co", Some("jean@hotmail.com")),
            ("jean@hotmail.cm", Some("jean@hotmail.com")),
            ("jean@outlook.co", Some("jean@outlook.com")),
            ("jean@outlook.cm", Some("jean@outlook.com")),
            // The local part is kept as written (case, tag); the domain is the target's.
            ("Jean.Dupont@GMIAL.COM", Some("Jean.Dupont@gmail.com")),
            ("jean+promo@gmial.com", Some("jean+promo@gmail.com")),
            ("  jean@ornage.fr ", Some("jean@orange.fr")),
        ],
        |a| email::check(a).typo,
    );
}

#[test]
fn email_non_typos_are_not_corrected() {
    table(
        "email.typo (must stay None)",
        &[
            // The webmails themselves, including those one edit from another webmail.
            ("jean@gmail.com", None::<&str>),
            ("jean@googlemail.com", None),
            ("jean@ymail.com", None),
            ("jean@mail.com", None),
            ("jean@gmx.fr", None),
            ("jean@gmx.com", None),
            ("jean@gmx.de", None),
            ("jean@free.fr", None),
            ("jean@sfr.fr", None),
            ("jean@neuf.fr", None),
            ("jean@bbox.fr", None),
            ("jean@orange.fr", None),
            ("jean@wanadoo.fr", None),
            ("jean@laposte.net", None),
            ("jean@hotmail.fr", None),
            ("jean@hotmail.com", None),
            ("jean@hotmail.be", None),
            ("jean@yahoo.fr", None),
            ("jean@yahoo.com", None),
            ("jean@yahoo.co.uk", None),
            ("jean@outlook.fr", None),
            ("jean@outlook.com", None),
            ("jean@live.fr", None),
            ("jean@live.com", None),
            ("jean@msn.com", None),
            ("jean@aol.com", None),
            ("jean@aol.fr", None),
            ("jean@icloud.com", None),
            ("jean@me.com", None),
            ("jean@mac.com", None),
            ("jean@club-internet.fr", None),
            ("jean@aliceadsl.fr", None),
            ("jean@proton.me", None),
            // Company domains of the providers themselves.
            ("jean@orange.com", None),
            ("jean@orange-business.com", None),
            ("jean@laposte.fr", None),
            ("jean@sfr.com", None),
            ("jean@free.com", None),
            // Ordinary French company and public domains.
            ("jean@entreprise-dupont.fr", None),
            ("jean@edf.fr", None),
            ("jean@sncf.fr", None),
            ("jean@ratp.fr", None),
            ("jean@axa.fr", None),
            ("jean@interieur.gouv.fr", None),
            ("jean@ac-paris.fr", None),
            ("jean@aphp.fr", None),
            ("jean@voila.fr", None),
        ],
        |a| email::check(a).typo,
    );
}

#[test]
fn real_company_domains_near_webmails_flagged_as_typos() {
    table(
        "email.typo false positives",
        &[
            // GMF, a major French insurer (Garantie Mutuelle des Fonctionnaires).
            ("jean@gmf.fr", None::<&str>),
            // Aon, insurance broker with a large French branch.
            ("jean@aon.com", None),
            // MSC, Mediterranean Shipping Company (Marseille, Le Havre).
            ("jean@msc.com", None),
            // Man Group.
            ("jean@man.com", None),
            // Cloud Software Group (Citrix).
            ("jean@cloud.com", None),
            // email.com, one of mail.com's own webmail domains.
            ("jean@email.com", None),
        ],
        |a| email::check(a).typo,
    );
}

#[test]
fn webmail_country_domains_flagged_as_typos() {
    table(
        "email.typo on real country domains of webmails",
        &[
            ("jean@yahoo.de", None::<&str>),
            ("jean@outlook.de", None),
            ("jean@outlook.es", None),
            ("jean@hotmail.nl", None),
            ("jean@live.nl", None),
            ("jean@live.ca", None),
            ("jean@gmx.ch", None),
            ("jean@gmx.at", None),
        ],
        |a| email::check(a).typo,
    );
}

#[test]
fn email_tags_and_canonical_forms() {
    table(
        "email.tagged",
        &[
            ("jean+promo@gmail.com", true),
            ("jean+a+b@entreprise.fr", true),
            ("Jean.Dupont+Salon2026@Orange.fr", true),
            ("jean@gmail.com", false),
            ("+promo@gmail.com", false),
            ("jean+@gmail.com", false),
            ("jean-promo@entreprise.fr", false),
            ("jean.promo@entreprise.fr", false),
        ],
        |a| email::check(a).tagged,
    );
    table(
        "email canonical form",
        &[
            (
                " Jean.Dupont+promo@GMail.com ",
                Some("jeandupont@gmail.com"),
            ),
            ("jean.dupont@gmail.com", Some("jeandupont@gmail.com")),
            ("jeandupont@gmail.com", Some("jeandupont@gmail.com")),
            ("j.e.a.n@gmail.com", Some("jean@gmail.com")),
            ("jean+@gmail.com", Some("jean@gmail.com")),
            ("j.d@googlemail.com", Some("jd@gmail.com")),
            ("J.D+x@GoogleMail.COM", Some("jd@gmail.com")),
            // Other domains: trimmed and lower-cased only (dots and tags may matter).
            ("Jean.Dupont+x@Orange.fr", Some("jean.dupont+x@orange.fr")),
            ("JEAN@FREE.FR", Some("jean@free.fr")),
            ("jean.dupont@hotmail.fr", Some("jean.dupont@hotmail.fr")),
            ("Jean@Café.FR", Some("jean@café.fr")),
            ("nope", None),
            ("", None),
            ("jean..d@gmail.com", None),
            ("jean@gmail", None),
        ],
        |a| email::canonical(a),
    );
}

#[test]
fn yopmail_alternate_domains_not_disposable() {
    table(
        "email.disposable (yopmail.com's alternate domains)",
        &[
            ("jean@cool.fr.nf", true),
            ("jean@mega.zik.dyndns.org", true),
        ],
        |a| email::check(a).disposable,
    );
}

// ---------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------

fn e164(v: &str) -> Result<String, PhoneError> {
    phone::parse(v).map(|p| p.e164)
}

type PhoneResult = Result<(PhoneKind, Option<PhoneFlag>), PhoneError>;

fn kind(v: &str) -> PhoneResult {
    phone::parse(v).map(|p| (p.kind, p.flag))
}

#[test]
fn phone_french_writings_share_one_e164() {
    let want: Result<&str, PhoneError> = Ok("+33647291835");
    table(
        "phone E.164 (every way of writing 06 47 29 18 35)",
        &[
            ("06 47 29 18 35", want),
            ("0647291835", want),
            ("06.47.29.18.35", want),
            ("06-47-29-18-35", want),
            ("06/47/29/18/35", want),
            ("06 4729 1835", want),
            ("064 729 1835", want),
            (" 06 47 29 18 35 ", want),
            ("06\u{a0}47\u{a0}29\u{a0}18\u{a0}35", want),
            ("06\t47 29 18 35", want),
            ("+33 6 47 29 18 35", want),
            ("+33647291835", want),
            ("+33-6-47-29-18-35", want),
            ("+33.6.47.29.18.35", want),
            ("+33 (0)6 47 29 18 35", want),
            ("+33(0)647291835", want),
            ("+33 (0) 6 47 29 18 35", want),
            ("+33 06 47 29 18 35", want),
            ("+330647291835", want),
            ("(0)6 47 29 18 35", want),
            ("0033 6 47 29 18 35", want),
            ("00 33 6 47 29 18 35", want),
            ("0033(0)647291835", want),
            ("0033647291835", want),
            ("33647291835", want),
            // The leading zero eaten by a spreadsheet.
            ("647291835", want),
            ("6 47 29 18 35", want),
        ],
        |v| e164(v),
    );
    table(
        "phone E.164 (other numbers)",
        &[
            ("01 42 68 53 07", Ok::<_, PhoneError>("+33142685307")),
            ("142685307", Ok("+33142685307")),
            ("0 800 123 456", Ok("+33800123456")),
            ("09 72 47 18 35", Ok("+33972471835")),
            ("07 81 47 29 36", Ok("+33781472936")),
            // Overseas numbers get their territory's own country code (real E.164).
            ("0262 47 29 18", Ok("+262262472918")),
            ("+262 262 47 29 18", Ok("+262262472918")),
            ("0692 47 29 18", Ok("+262692472918")),
            ("+262 692 47 29 18", Ok("+262692472918")),
            ("0590 47 29 18", Ok("+590590472918")),
            ("+590 590 47 29 18", Ok("+590590472918")),
            ("+590 690 47 29 18", Ok("+590690472918")),
            ("+594 694 47 29 18", Ok("+594694472918")),
            ("+596 696 47 29 18", Ok("+596696472918")),
            // Foreign numbers keep their country code.
            ("+32 470 12 34 56", Ok("+32470123456")),
            ("0032 470 12 34 56", Ok("+32470123456")),
            ("+41 79 123 45 67", Ok("+41791234567")),
            ("0041 79 123 45 67", Ok("+41791234567")),
            ("+44 20 7946 0958", Ok("+442079460958")),
            ("+44 (0)20 7946 0958", Ok("+442079460958")),
            ("+1 (415) 555-2671", Ok("+14155552671")),
            ("+39 06 1234 5678", Ok("+390612345678")),
            ("+377 93 15 20 00", Ok("+37793152000")),
        ],
        |v| e164(v),
    );
    table(
        "phone.zero_restored",
        &[
            ("647291835", Ok(true)),
            ("6 47 29 18 35", Ok(true)),
            ("142685307", Ok(true)),
            ("781472936", Ok(true)),
            ("0647291835", Ok(false)),
            ("+33647291835", Ok(false)),
            ("33647291835", Ok(false)),
            ("0033647291835", Ok(false)),
            ("+32 470 12 34 56", Ok(false)),
            ("047291835", Err(PhoneError::Invalid)),
        ],
        |v| phone::parse(v).map(|p| p.zero_restored),
    );
}

#[test]
fn phone_french_plan_kinds_and_flags() {
    use PhoneKind::{Geographic as G, Mobile as M, NonGeographic as N, Special as S};
    let inv: PhoneResult = Err(PhoneError::Invalid);
    table(
        "phone kind and flag (French plan)",
        &[
            // 01-05 geographic.
            (
                "01 42 68 53 07",
                Ok::<_, PhoneError>((G, None::<PhoneFlag>)),
            ),
            ("02 40 47 29 18", Ok((G, None))),
            ("03 20 47 29 18", Ok((G, None))),
            ("04 72 47 29 18", Ok((G, None))),
            ("05 56 47 29 18", Ok((G, None))),
            // 06: 060-062, 063x, 064-068, 069x are all mobile blocks (metropolitan or overseas).
            ("06 01 47 29 18", Ok((M, None))),
            ("06 10 47 29 18", Ok((M, None))),
            ("06 20 47 29 18", Ok((M, None))),
            ("06 30 47 29 18", Ok((M, None))),
            ("06 38 47 29 18", Ok((M, None))),
            ("06 40 47 29 18", Ok((M, None))),
            ("06 50 47 29 18", Ok((M, None))),
            ("06 60 47 29 18", Ok((M, None))),
            ("06 70 47 29 18", Ok((M, None))),
            ("06 80 47 29 18", Ok((M, None))),
            ("06 95 47 29 18", Ok((M, None))),
            ("06 98 47 29 18", Ok((M, None))),
            ("06 99 47 29 18", Ok((M, None))),
            // 07: 070-072 are not mobile blocks; 0700 is 14-digit machine-to-machine.
            ("07 00 47 29 18", inv),
            ("07 01 47 29 18", inv),
            ("07 12 47 29 18", inv),
            ("07 20 47 29 18", inv),
            ("07 29 47 29 18", inv),
            ("+33 7 00 47 29 18", inv),
            ("07 00 12 34 56 78 90", inv),
            ("07 30 47 29 18", Ok((M, None))),
            ("07 45 47 29 18", Ok((M, None))),
            ("07 56 47 29 18", Ok((M, None))),
            ("07 69 47 29 18", Ok((M, None))),
            ("07 81 47 29 36", Ok((M, None))),
            ("07 99 47 29 18", Ok((M, None))),
            // 08 special: free 0800-0805, standard rate 0806-0809, surcharged others.
            ("08 00 47 29 18", Ok((S, None))),
            ("08 05 47 29 18", Ok((S, None))),
            ("08 06 47 29 18", Ok((S, None))),
            ("08 09 47 29 18", Ok((S, None))),
            ("08 10 47 29 18", Ok((S, None))),
            ("08 25 47 29 18", Ok((S, None))),
            ("08 92 47 29 18", Ok((S, None))),
            ("08 99 47 29 18", Ok((S, None))),
            // 09 non-geographic; 0937-0939 platforms.
            ("09 50 47 29 18", Ok((N, None))),
            ("09 70 47 29 18", Ok((N, None))),
            ("09 72 47 18 35", Ok((N, None))),
            ("09 77 47 29 18", Ok((N, None))),
            ("09 36 47 29 18", Ok((N, None))),
            ("09 37 47 29 18", Ok((S, None))),
            ("09 38 47 29 18", Ok((S, None))),
            ("09 39 47 29 18", Ok((S, None))),
            ("09 40 47 29 18", Ok((N, None))),
            // Overseas: 0262/0263/0269, 0590/0594/0596, 0639, 0690-0697.
            ("02 62 47 29 18", Ok((G, None))),
            ("02 63 47 29 18", Ok((G, None))),
            ("02 69 47 29 18", Ok((G, None))),
            ("05 90 47 29 18", Ok((G, None))),
            ("05 94 47 29 18", Ok((G, None))),
            ("05 96 47 29 18", Ok((G, None))),
            ("06 39 47 29 18", Ok((M, None))),
            ("06 90 47 29 18", Ok((M, None))),
            ("06 91 47 29 18", Ok((M, None))),
            ("06 92 47 29 18", Ok((M, None))),
            ("06 93 47 29 18", Ok((M, None))),
            ("06 94 47 29 18", Ok((M, None))),
            ("06 96 47 29 18", Ok((M, None))),
            ("06 97 47 29 18", Ok((M, None))),
            ("+262 262 47 29 18", Ok((G, None))),
            ("+262 692 47 29 18", Ok((M, None))),
            ("+590 590 47 29 18", Ok((G, None))),
            ("+590 690 47 29 18", Ok((M, None))),
            ("+594 594 47 29 18", Ok((G, None))),
            ("+596 696 47 29 18", Ok((M, None))),
        ],
        |v| kind(v),
    );
}

#[test]
fn phone_call_centre_ranges() {
    use PhoneKind::{Geographic as G, NonGeographic as N};
    let cc = Some(PhoneFlag::CallCentre);
    table(
        "phone.call_centre (ARCEP 2022-1583)",
        &[
            ("01 62 47 29 18", Ok::<_, PhoneError>((G, cc))),
            ("01 63 47 29 18", Ok((G, cc))),
            ("02 70 47 29 18", Ok((G, cc))),
            ("02 71 47 29 18", Ok((G, cc))),
            ("03 77 47 29 18", Ok((G, cc))),
            ("03 78 47 29 18", Ok((G, cc))),
            ("04 24 47 29 18", Ok((G, cc))),
            ("04 25 47 29 18", Ok((G, cc))),
            ("05 68 47 29 18", Ok((G, cc))),
            ("05 69 47 29 18", Ok((G, cc))),
            ("09 48 47 29 18", Ok((N, cc))),
            ("09 49 47 29 18", Ok((N, cc))),
            ("09 47 50 29 18", Ok((N, cc))),
            ("09 47 60 29 18", Ok((N, cc))),
            ("09 47 70 29 18", Ok((N, cc))),
            ("09 47 80 29 18", Ok((N, cc))),
            ("09 47 90 29 18", Ok((N, cc))),
            ("+33 1 62 47 29 18", Ok((G, cc))),
            ("0033 9 48 47 29 18", Ok((N, cc))),
            ("162472918", Ok((G, cc))),
            // Neighbours are ordinary numbers.
            ("01 61 47 29 18", Ok((G, None))),
            ("01 64 47 29 18", Ok((G, None))),
            ("02 72 47 29 18", Ok((G, None))),
            ("03 76 47 29 18", Ok((G, None))),
            ("03 79 47 29 18", Ok((G, None))),
            ("04 23 47 29 18", Ok((G, None))),
            ("04 26 47 29 18", Ok((G, None))),
            ("05 67 47 29 18", Ok((G, None))),
            ("05 70 47 29 18", Ok((G, None))),
            ("09 47 40 29 18", Ok((N, None))),
            ("09 46 47 29 18", Ok((N, None))),
            ("09 50 47 29 18", Ok((N, None))),
        ],
        |v| kind(v),
    );
}

#[test]
fn phone_fiction_ranges_and_junk() {
    use PhoneKind::{Geographic as G, Mobile as M, NonGeographic as N};
    let fic = Some(PhoneFlag::Fiction);
    table(
        "phone.fiction (fiction ranges and junk patterns)",
        &[
            // Ranges said to be reserved for fiction.
            ("01 99 00 47 29", Ok((G, fic))),
            ("02 61 91 47 29", Ok((G, fic))),
            ("03 53 01 47 29", Ok((G, fic))),
            ("04 65 71 47 29", Ok((G, fic))),
            ("05 36 49 47 29", Ok((G, fic))),
            ("06 39 98 47 29", Ok((M, fic))),
            ("+33 6 39 98 47 29", Ok((M, fic))),
            // Their neighbours are not.
            ("01 99 01 47 29", Ok((G, None))),
            ("02 61 90 47 29", Ok((G, None))),
            ("06 39 97 47 29", Ok((M, None))),
            ("06 39 99 47 29", Ok((M, None))),
            // One digit repeated.
            ("06 66 66 66 66", Ok((M, fic))),
            ("06 00 00 00 00", Ok((M, fic))),
            ("06 11 11 11 11", Ok((M, fic))),
            ("07 77 77 77 77", Ok((M, fic))),
            ("01 11 11 11 11", Ok((G, fic))),
            ("09 99 99 99 99", Ok((N, fic))),
            ("+33 6 66 66 66 66", Ok((M, fic))),
            // Straight sequences.
            ("06 12 34 56 78", Ok((M, fic))),
            ("+33 6 12 34 56 78", Ok((M, fic))),
            ("612345678", Ok((M, fic))),
            ("07 12 34 56 78", Err(PhoneError::Invalid)),
            ("01 23 45 67 89", Ok((G, fic))),
            ("09 87 65 43 21", Ok((N, fic))),
            // Ordinary numbers with repeats are fine.
            ("06 47 29 18 35", Ok((M, None))),
            ("06 12 34 56 79", Ok((M, None))),
            ("02 34 56 78 90", Ok((G, None))),
            ("06 66 66 66 67", Ok((M, None))),
        ],
        |v| kind(v),
    );
}

#[test]
fn phone_invalid_values() {
    let inv: PhoneResult = Err(PhoneError::Invalid);
    let nan: PhoneResult = Err(PhoneError::NotANumber);
    table(
        "phone.invalid",
        &[
            ("", nan),
            ("   ", nan),
            ("abc", nan),
            ("N/A", nan),
            ("néant", nan),
            ("tel: 0647291835", nan),
            ("Tél. 06 47 29 18 35", nan),
            ("06 47 29 18 3O", nan),
            ("06 47 29 18 35 ou 07 81 47 29 36", nan),
            ("06 47 29 18 35 (mobile)", nan),
            ("++33647291835", nan),
            ("6.4729183E+08", nan),
            ("06 47 29 18", inv),
            ("06 47 29 18 35 7", inv),
            ("06 47 29 18 35 / 07 81 47 29 36", inv),
            ("00 12 34 56 78", inv),
            ("0012", inv),
            ("0000000000", inv),
            ("1234567890", inv),
            ("3615", inv),
            ("112", inv),
            ("+33 6 12", inv),
            ("+33 6 47 29 18 3", inv),
            ("+33 6 47 29 18 35 7", inv),
            ("+999 123456789", inv),
            ("+44 20 79", inv),
            ("+32 0470 12 34 56", inv),
            ("+41 79 123 45 6", inv),
            ("+1 555 0100", inv),
            ("+1 015 555 2671", inv),
            ("+", nan),
        ],
        |v| kind(v),
    );
}

#[test]
fn phone_foreign_numbers() {
    let f = |e: &'static str| Ok::<(&str, PhoneKind), PhoneError>((e, PhoneKind::Foreign));
    table(
        "phone.foreign (valid by their own plan; +508 is French)",
        &[
            ("+32 470 12 34 56", f("+32470123456")),
            ("+32 2 123 45 67", f("+3221234567")),
            ("+41 22 123 45 67", f("+41221234567")),
            ("+352 621 123 456", f("+352621123456")),
            ("+377 93 15 20 00", f("+37793152000")),
            ("+377 6 12 34 56 78", f("+377612345678")),
            ("+376 312 345", f("+376312345")),
            ("+44 7911 123456", f("+447911123456")),
            ("+49 30 123456", f("+4930123456")),
            ("+49 1512 3456789", f("+4915123456789")),
            ("+34 612 34 56 78", f("+34612345678")),
            ("+39 312 345 6789", f("+393123456789")),
            ("+31 6 12345678", f("+31612345678")),
            ("+1 514 555 0199", f("+15145550199")),
            ("+212 6 12 34 56 78", f("+212612345678")),
            ("+213 5 51 23 45 67", f("+213551234567")),
            ("+216 20 123 456", f("+21620123456")),
            ("+221 77 123 45 67", f("+221771234567")),
            ("+237 6 71 23 45 67", f("+237671234567")),
            ("+243 81 234 5678", f("+243812345678")),
            ("+261 32 12 345 67", f("+261321234567")),
            ("+509 34 12 3456", f("+50934123456")),
            ("+687 28 12 34", f("+687281234")),
            ("+689 87 12 34 56", f("+68987123456")),
            // Saint-Pierre-et-Miquelon is numbered in the French plan (0508 41 23 45): not
            // foreign (see rows_phone's overseas cases).
            ("+508 41 23 45", Ok(("+508412345", PhoneKind::Geographic))),
            ("+90 532 123 45 67", f("+905321234567")),
            ("+86 138 0013 8000", f("+8613800138000")),
            ("+7 912 345 67 89", f("+79123456789")),
        ],
        |v| phone::parse(v).map(|p| (p.e164, p.kind)),
    );
}

#[test]
fn francophone_africa_numbers_rejected() {
    let f = |e: &'static str| Ok::<(&str, PhoneKind), PhoneError>((e, PhoneKind::Foreign));
    table(
        "phone.foreign (francophone countries)",
        &[
            // Côte d'Ivoire: 10 digits since 2021, starting 01/05/07 (mobile) or 21/25/27.
            ("+225 07 12 34 56 78", f("+2250712345678")),
            ("+225 01 12 34 56 78", f("+2250112345678")),
            // Benin: 10 digits starting 01 since 2024.
            ("+229 01 97 12 34 56", f("+2290197123456")),
            // Countries absent from the table.
            ("+228 90 12 34 56", f("+22890123456")),
            ("+224 621 23 45 67", f("+224621234567")),
            ("+230 5712 3456", f("+23057123456")),
            ("+253 77 12 34 56", f("+25377123456")),
            ("+227 90 12 34 56", f("+22790123456")),
            ("+235 66 12 34 56", f("+23566123456")),
            ("+222 22 12 34 56", f("+22222123456")),
        ],
        |v| phone::parse(v).map(|p| (p.e164, p.kind)),
    );
}

#[test]
fn nanp_area_code_starting_with_1_accepted() {
    table(
        "phone.invalid (NANP plan)",
        &[
            ("+1 115 555 2671", Err::<PhoneKind, _>(PhoneError::Invalid)),
            ("+1 155 555 2671", Err(PhoneError::Invalid)),
        ],
        |v| phone::parse(v).map(|p| p.kind),
    );
}

#[test]
fn descending_phone_sequences_not_junk() {
    table(
        "phone.fiction (descending sequences)",
        &[
            (
                "06 98 76 54 32",
                Ok::<_, PhoneError>(Some(PhoneFlag::Fiction)),
            ),
            ("07 98 76 54 32", Ok(Some(PhoneFlag::Fiction))),
            ("06 87 65 43 21", Ok(Some(PhoneFlag::Fiction))),
            ("01 98 76 54 32", Ok(Some(PhoneFlag::Fiction))),
        ],
        |v| phone::parse(v).map(|p| p.flag),
    );
}

#[test]
fn phone_typographic_separators_rejected() {
    let want: Result<&str, PhoneError> = Ok("+33647291835");
    table(
        "phone E.164 (typographic separators)",
        &[
            ("06\u{202f}47\u{202f}29\u{202f}18\u{202f}35", want),
            ("06\u{2009}47\u{2009}29\u{2009}18\u{2009}35", want),
            ("06–47–29–18–35", want),
            ("+33\u{202f}6\u{202f}47\u{202f}29\u{202f}18\u{202f}35", want),
        ],
        |v| e164(v),
    );
}

// ---------------------------------------------------------------------------------------
// Postcodes and cities
// ---------------------------------------------------------------------------------------

#[test]
fn postcode_normalisation() {
    table(
        "postal::normalise_postcode",
        &[
            ("75001", Some("75001")),
            (" 75001 ", Some("75001")),
            ("75 001", Some("75001")),
            ("1000", Some("01000")),
            ("6000", Some("06000")),
            ("7500", Some("07500")),
            ("20000", Some("20000")),
            ("97133", Some("97133")),
            ("750011", None),
            ("750", None),
            ("7500A", None),
            ("2A004", None),
            ("F-75001", None),
            ("75001.0", None),
            ("", None),
        ],
        |v| postal::normalise_postcode(v).map(|b| String::from_utf8_lossy(&b).into_owned()),
    );
}

#[test]
fn postcode_existence() {
    table(
        "postal.invalid_postcode (existence)",
        &[
            // Metropolitan 01-95, Corsica 20xxx.
            ("01000", true),
            ("13001", true),
            ("20000", true),
            ("20090", true),
            ("20167", true),
            ("20200", true),
            ("20600", true),
            ("75001", true),
            ("75116", true),
            ("95000", true),
            // Overseas 971-976, St-Barthélemy 97133, St-Martin 97150.
            ("97100", true),
            ("97133", true),
            ("97150", true),
            ("97200", true),
            ("97300", true),
            ("97400", true),
            ("97500", true),
            ("97600", true),
            // Monaco, and overseas collectivities 986/987/988.
            ("98000", true),
            ("98600", true),
            ("98714", true),
            ("98800", true),
            // No 96xxx, no 00xxx, nothing in 977/978 (St-Barth and St-Martin use 971xx).
            ("96000", false),
            ("96100", false),
            ("00000", false),
            ("00100", false),
            ("97000", false),
            ("97700", false),
            ("97800", false),
            ("99000", false),
            ("99999", false),
            ("7500", false),
            ("750011", false),
            ("", false),
        ],
        |cp| data::postcode_known(cp),
    );
    table(
        "data::postcode_area_known (for CEDEX codes)",
        &[
            ("92045", true),
            ("75340", true),
            ("69433", true),
            ("97134", true),
            ("20999", true),
            ("96000", false),
            ("00100", false),
            ("97000", false),
        ],
        |cp| data::postcode_area_known(cp),
    );
}

/// (invalid postcode, city mismatch, CEDEX)
fn pc(postcode: &str, city: &str) -> (bool, bool, bool) {
    let v = postal::check(postcode, city, &mut String::new());
    (v.invalid_postcode, v.city_mismatch, v.cedex)
}

#[test]
fn postcode_city_pairs() {
    const OK: (bool, bool, bool) = (false, false, false);
    const MISMATCH: (bool, bool, bool) = (false, true, false);
    const INVALID: (bool, bool, bool) = (true, false, false);
    const CEDEX: (bool, bool, bool) = (false, false, true);
    table(
        "postal.city_mismatch / invalid_postcode / cedex",
        &[
            // Arrondissements of Paris, Lyon, Marseille.
            (("75001", "Paris"), OK),
            (("75001", "PARIS"), OK),
            (("75001", "Paris 1er"), OK),
            (("75001", "PARIS 01"), OK),
            (("75001", "Paris 1"), OK),
            (("75001", "Paris 1er arrondissement"), OK),
            (("75001", "Paris 2"), MISMATCH),
            (("75001", "Lyon"), MISMATCH),
            (("75008", "Paris 8e"), OK),
            (("75008", "PARIS 8EME"), OK),
            (("75016", "Paris 16eme"), OK),
            (("75116", "Paris"), OK),
            (("75116", "Paris 16"), OK),
            (("75116", "Paris 16e"), OK),
            (("75020", "Paris 20e arrondissement"), OK),
            (("75020", "Paris 19"), MISMATCH),
            (("69001", "Lyon 1er"), OK),
            (("69001", "LYON 1ER"), OK),
            (("69003", "Lyon"), OK),
            (("69009", "Lyon 9e"), OK),
            (("69001", "Lyon 2e"), MISMATCH),
            (("13001", "Marseille"), OK),
            (("13001", "Marseille 1er"), OK),
            (("13008", "Marseille 8e"), OK),
            (("13016", "Marseille 16e"), OK),
            (("13001", "Marseille 2e"), MISMATCH),
            // CEDEX: folded; a CEDEX-only code is checked for its department only.
            (("75001", "Paris Cedex 01"), CEDEX),
            (("69003", "Lyon Cedex 03"), CEDEX),
            (("33000", "Bordeaux CEDEX"), CEDEX),
            (("33000", "Bordeaux cedex9"), CEDEX),
            (("31000", "Toulouse Cédex"), CEDEX),
            (("42000", "Saint Étienne Cedex 2"), CEDEX),
            (("75340", "Paris Cedex 07"), CEDEX),
            (("92045", "Paris La Défense Cedex"), CEDEX),
            (("69003", "Marseille Cedex"), (false, true, true)),
            (("92045", "Paris La Défense"), INVALID),
            (("96045", "Nulle Part Cedex"), (true, false, true)),
            // ST/SAINT, STE/SAINTE, accents, hyphens, apostrophes, articles.
            (("42000", "St-Étienne"), OK),
            (("42000", "ST ETIENNE"), OK),
            (("42000", "Saint Etienne"), OK),
            (("42000", "SAINTETIENNE"), OK),
            (("42000", "Lyon"), MISMATCH),
            (("93200", "St Denis"), OK),
            (("93200", "Saint-Denis"), OK),
            (("97400", "Saint-Denis"), OK),
            (("97400", "St-Denis"), OK),
            (("83120", "Ste Maxime"), OK),
            (("83120", "Sainte-Maxime"), OK),
            (("69110", "Ste-Foy-lès-Lyon"), OK),
            (("13460", "Stes-Maries-de-la-Mer"), OK),
            (("13460", "Les Saintes-Maries-de-la-Mer"), OK),
            (("35400", "St-Malo"), OK),
            (("35400", "St. Malo"), OK),
            (("17100", "Saintes"), OK),
            (("27000", "Évreux"), OK),
            (("27000", "EVREUX"), OK),
            (("27000", "évreux"), OK),
            (("14130", "Pont-l'Évêque"), OK),
            (("14130", "PONT L EVEQUE"), OK),
            (("94240", "L'Haÿ-les-Roses"), OK),
            (("94240", "LHAY LES ROSES"), OK),
            (("51000", "Châlons-en-Champagne"), OK),
            (("51000", "CHALONS EN CHAMPAGNE"), OK),
            (("85000", "La Roche-sur-Yon"), OK),
            (("85000", "ROCHE SUR YON (LA)"), OK),
            (("76600", "Le Havre"), OK),
            (("76600", "HAVRE (LE)"), OK),
            (("13100", "Aix-en-Provence"), OK),
            (("13090", "AIX EN PROVENCE"), OK),
            (("91000", "Évry-Courcouronnes"), OK),
            (("92100", "Boulogne-Billancourt"), OK),
            (("92100", "BOULOGNE BILLANCOURT"), OK),
            (("92100", "Boulogne"), MISMATCH),
            (("01300", "Belley"), OK),
            (("01300", "Brens"), OK),
            // Corsica.
            (("20000", "Ajaccio"), OK),
            (("20090", "Ajaccio"), OK),
            (("20200", "Bastia"), OK),
            (("20600", "Bastia"), OK),
            (("20000", "Bastia"), MISMATCH),
            (("20260", "Calvi"), OK),
            (("20137", "Porto-Vecchio"), OK),
            (("20250", "Corte"), OK),
            // Overseas and Monaco.
            (("97100", "Basse-Terre"), OK),
            (("97133", "Saint-Barthélemy"), OK),
            (("97133", "St-Barthélemy"), OK),
            (("97150", "Saint-Martin"), OK),
            (("97139", "Les Abymes"), OK),
            (("97200", "Fort-de-France"), OK),
            (("97300", "Cayenne"), OK),
            (("97410", "Saint-Pierre"), OK),
            (("97500", "Saint-Pierre"), OK),
            (("97600", "Mamoudzou"), OK),
            (("98714", "Papeete"), OK),
            (("98800", "Nouméa"), OK),
            (("98800", "Noumea"), OK),
            (("98000", "Monaco"), OK),
            (("98000", "MONACO"), OK),
            (("98000", "Nice"), MISMATCH),
            // Four digits: the leading zero eaten by a spreadsheet.
            (("1000", "Bourg-en-Bresse"), OK),
            (("2000", "Laon"), OK),
            (("3000", "Moulins"), OK),
            (("4000", "Digne-les-Bains"), OK),
            (("5000", "Gap"), OK),
            (("6000", "Nice"), OK),
            (("7000", "Privas"), OK),
            (("8000", "Charleville-Mézières"), OK),
            (("9000", "Foix"), OK),
            (("1000", "Nice"), MISMATCH),
            // Malformed or non-existent postcodes.
            (("96000", "Paris"), INVALID),
            (("96000", ""), INVALID),
            (("00000", ""), INVALID),
            (("99999", ""), INVALID),
            (("97000", ""), INVALID),
            (("750011", "Paris"), INVALID),
            (("750", "Paris"), INVALID),
            (("ABCDE", ""), INVALID),
            (("2A004", "Ajaccio"), INVALID),
            (("F-75001", "Paris"), INVALID),
            (("750O1", "Paris"), INVALID),
            (("75 001", "Paris"), OK),
            // Either side empty: nothing to compare.
            (("", "Paris"), OK),
            (("75001", ""), OK),
            (("75001", "   "), OK),
            (("", ""), OK),
        ],
        |(p, c)| pc(p, c),
    );
}

// ---------------------------------------------------------------------------------------
// Company identifiers
// ---------------------------------------------------------------------------------------

#[test]
fn siren_and_siret() {
    table(
        "siren.invalid (valid?)",
        &[
            // Real SIRENs: EDF, SNCF, Orange, Renault, TotalEnergies, Carrefour, Air France,
            // L'Oréal, Michelin, BNP Paribas, Google France, La Poste.
            ("552081317", true),
            ("552049447", true),
            ("380129866", true),
            ("441639465", true),
            ("542051180", true),
            ("652014051", true),
            ("420495178", true),
            ("632012100", true),
            ("855200887", true),
            ("662042449", true),
            ("443061841", true),
            ("356000000", true),
            ("732829320", true),
            // Spaces, dots, dashes.
            ("552 081 317", true),
            ("552.081.317", true),
            ("552-081-317", true),
            (" 552081317 ", true),
            // Luhn fails, wrong lengths, zeros, letters.
            ("552081318", false),
            ("380129867", false),
            ("123456789", false),
            ("999999999", false),
            ("000000000", false),
            ("000 000 000", false),
            ("55208131", false),
            ("5520813170", false),
            ("55208131A", false),
            ("FR552081317", false),
            ("abc", false),
            ("", false),
            // SIRET: SIREN + NIC, Luhn over 14 digits.
            ("55208131700018", true),
            ("55208131700026", true),
            ("38012986600014", true),
            ("44306184100013", true),
            ("73282932000074", true),
            ("552 081 317 00018", true),
            ("380 129 866 00014", true),
            ("55208131700011", false),
            ("73282932000075", false),
            // Luhn-valid over 14 digits but the SIREN part is not.
            ("55208131800008", false),
            // La Poste: a SIRET failing Luhn is valid if its digit sum is a multiple of 5.
            ("35600000000048", true),
            ("35600000049837", true),
            ("35600000000001", true),
            ("35600000000010", true),
            ("35600000000015", true),
            ("356 000 000 00024", true),
            ("35600000000002", false),
            ("35600000000013", false),
            ("35600000049838", false),
            // ...but only for La Poste: digit sum 35, Luhn fails.
            ("55208131700003", false),
            ("00000000000000", false),
            ("1234567890123", false),
            ("123456789012345", false),
        ],
        |v| company::check_siren_or_siret(v),
    );
}

#[test]
fn siren_with_no_break_spaces_invalid() {
    table(
        "siren.invalid with French Excel separators",
        &[
            ("552\u{a0}081\u{a0}317", true),
            ("552\u{202f}081\u{202f}317", true),
            ("552\u{a0}081\u{a0}317\u{a0}00018", true),
        ],
        |v| company::check_siren_or_siret(v),
    );
    table(
        "vat.invalid with no-break spaces",
        &[("FR\u{a0}89\u{a0}380\u{a0}129\u{a0}866", true)],
        |v| company::check_vat(v),
    );
}

#[test]
fn vat_numbers() {
    table(
        "vat key formula (12 + 3 × (SIREN mod 97)) mod 97",
        &[
            ("380129866", 89),
            ("552081317", 3),
            ("732829320", 44),
            ("443061841", 64),
            ("356000000", 39),
            ("552049447", 35),
        ],
        |s| company::fr_vat_key(s.as_bytes()),
    );
    table(
        "vat.invalid (valid?)",
        &[
            // French: FR + key + SIREN.
            ("FR89380129866", true),
            ("FR 89 380 129 866", true),
            ("fr89380129866", true),
            ("FR-89-380129866", true),
            ("FR 89 380.129.866", true),
            ("FR03552081317", true),
            ("FR44732829320", true),
            ("FR64443061841", true),
            ("FR39356000000", true),
            ("FR90380129866", false),
            ("FR88380129866", false),
            ("FR89380129867", false),
            ("FR8938012986", false),
            ("FR893801298660", false),
            ("FR12000000000", false),
            ("FR89 380129866 00014", false),
            ("FR", false),
            ("", false),
            ("89380129866", false),
            ("380129866", false),
            // Other EU member states, by their forms.
            ("BE0123456789", true),
            ("BE 0123.456.789", true),
            ("DE123456789", true),
            ("ATU12345678", true),
            ("ESB12345678", true),
            ("IT12345678901", true),
            ("NL123456789B01", true),
            ("LU12345678", true),
            ("EL123456789", true),
            ("PL1234567890", true),
            ("PT123456789", true),
            ("IE1234567WA", true),
            ("DK12345678", true),
            ("SE123456789001", true),
            ("XI123456789", true),
            ("DE12345", false),
            ("BE012345678", false),
            ("IT1234567890", false),
            // Not EU VAT numbers.
            ("ZZ123456789", false),
            ("GB123456789", false),
            ("GR123456789", false),
            ("CHE123456789", false),
        ],
        |v| company::check_vat(v),
    );
}

#[test]
fn eu_vat_checked_by_length_only() {
    table(
        "vat.invalid (EU forms)",
        &[
            ("DEABCDEFGHI", false),
            ("IT1234567890A", false),
            ("NL123456789X01", false),
            ("LUABCDEFGH", false),
        ],
        |v| company::check_vat(v),
    );
}

#[test]
fn naf_codes() {
    table(
        "naf.invalid (valid?)",
        &[
            ("62.01Z", true),
            ("6201Z", true),
            ("62 01 Z", true),
            ("6201 Z", true),
            (" 62.01Z ", true),
            ("62.01z", true),
            ("01.11Z", true),
            ("47.11F", true),
            ("56.10A", true),
            ("70.10Z", true),
            ("86.21Z", true),
            ("62.01", false),
            ("6201", false),
            ("A2.01Z", false),
            ("62.011", false),
            ("62-01Z", false),
            ("62,01Z", false),
            ("620.1Z", false),
            ("62.01.Z", false),
            ("62.01ZZ", false),
            ("NAF 62.01Z", false),
            ("", false),
        ],
        |v| company::check_naf(v),
    );
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

fn fake(first: &str, last: &str) -> bool {
    let opt = |s: &str| Some(s.to_string()).filter(|s| !s.trim().is_empty());
    let (f, l) = (opt(first), opt(last));
    names::looks_fake(f.as_deref(), l.as_deref(), None, None, &mut String::new())
}

#[test]
fn names_fake_and_real() {
    table(
        "name.fake (first, last)",
        &[
            // Test values and placeholders.
            (("Test", "Dupont"), true),
            (("Jean", "TEST"), true),
            (("Test", "Test"), true),
            (("Monsieur", "Test"), true),
            (("Jean", "Le Test"), true),
            (("Essai", "Essai"), true),
            (("Jean", "Essai"), true),
            (("xxx", "yyy"), true),
            (("Jean", "XXXX"), true),
            (("aaa", "Martin"), true),
            (("aaaa", "Martin"), true),
            (("Eee", "Ddd"), true),
            (("asdf", "qwerty"), true),
            (("Azerty", "Qwerty"), true),
            (("Toto", "Toto"), true),
            (("Jean", "Toto"), true),
            (("Jean", "Foo"), true),
            (("Inconnu", ""), true),
            (("", "Inconnue"), true),
            (("N/A", "N/A"), true),
            (("Client", "Client"), true),
            (("Jean", "Client"), true),
            (("Contact", "Martin"), true),
            (("Ana", "Nom"), true),
            (("Prénom", "Nom"), true),
            (("M.", "X"), true),
            (("Mme", "X"), true),
            (("Jean", "Anonyme"), true),
            (("Jean", "Bidon"), true),
            // Digits in a name.
            (("Jean", "Dupont2"), true),
            (("Jean", "DUPONT 2"), true),
            (("Jean", "Dupont (2)"), true),
            (("1", "1"), true),
            // Fictional characters, either order.
            (("Mickey", "Mouse"), true),
            (("Mouse", "Mickey"), true),
            (("Mickey", "MOUSE"), true),
            (("Père", "Noël"), true),
            (("John", "Doe"), true),
            (("Jane", "Doe"), true),
            (("Harry", "Potter"), true),
            (("Homer", "Simpson"), true),
            (("Dark", "Vador"), true),
            (("James", "Bond"), true),
            (("", "Astérix"), true),
            // Real French names must pass.
            (("Jean", "Dupont"), false),
            (("Jean", "Dupond"), false),
            (("Anaïs", "Martin"), false),
            (("Marie-Claire", "Le Gall"), false),
            (("Yves", "Le Gall"), false),
            (("Éloïse", "N'Diaye"), false),
            (("Oumar", "N’Diaye"), false),
            (("Ly", "Ng"), false),
            (("Amadou", "Ba"), false),
            (("Fatou", "Sy"), false),
            (("Kim", "O"), false),
            (("Bernard", "Testud"), false),
            (("Jean", "Testu"), false),
            (("Jean", "Letest"), false),
            (("Marie", "O'Neill"), false),
            (("Zoé", "Zoë"), false),
            (("Martin", "Martin"), false),
            (("Anne", "Anne"), false),
            (("Lee", "Lee"), false),
            (("Bob", "Bob"), false),
            (("Jean-Paul", "II"), false),
            (("Louis", "XIV"), false),
            (("J.", "Martin"), false),
            (("Mme", "Dupont"), false),
            (("Aaron", "Aaronson"), false),
            (("Marie", "Curie"), false),
            (("Victor", "Hugo"), false),
            (("Jean", "Valjean"), false),
            (("Jeannn", "Martin"), false),
            (("Hervé", "Ðorđević"), false),
            (("", ""), false),
        ],
        |(f, l)| fake(f, l),
    );
    // The whole name in one column.
    table(
        "name.fake (full name)",
        &[
            ("Harry Potter", true),
            ("Jean Dupont Test", true),
            ("Test Test", true),
            ("Mr X", true),
            ("Madame X", true),
            ("Jean Dupont", false),
            ("Le Gall Yves", false),
            ("N'Diaye Fatou", false),
        ],
        |full| names::looks_fake(None, None, Some(full), None, &mut String::new()),
    );
}

#[test]
fn name_equal_to_email_domain() {
    table(
        "name.fake (last name = email domain label)",
        &[
            (("Acme", "acme"), true),
            (("Durand", "durand"), true),
            (("DURAND", "durand"), true),
            (("Dupont SA", "dupont-sa"), true),
            (("Le Gall", "le-gall"), true),
            (("Élise", "elise"), true),
            (("Dupont", "dupont-sa"), false),
            (("Dupont", "durand"), false),
            (("Legall", "le-gall"), false),
            // A webmail's name is a real surname sometimes: not a sign.
            (("Orange", "orange"), false),
            (("Free", "free"), false),
            (("Gmail", "gmail"), false),
            (("Laposte", "laposte"), false),
            (("Ng", "ng"), false),
        ],
        |(last, label)| names::looks_fake(None, Some(last), None, Some(label), &mut String::new()),
    );
}

#[test]
fn surname_equal_to_other_webmail_label_fake() {
    table(
        "name.fake (last name = a webmail's label)",
        &[
            (("Gmx", "gmx"), false),
            (("Aol", "aol"), false),
            (("Noos", "noos"), false),
            (("Mac", "mac"), false),
        ],
        |(last, label)| names::looks_fake(None, Some(last), None, Some(label), &mut String::new()),
    );
}

#[test]
fn fictional_full_name_last_name_first_not_fake() {
    table(
        "name.fake (full name, last name first)",
        &[
            ("Potter Harry", true),
            ("DOE John", true),
            ("Mouse Mickey", true),
            ("Simpson Homer", true),
        ],
        |full| names::looks_fake(None, None, Some(full), None, &mut String::new()),
    );
}

#[test]
fn azerty_keyboard_runs_not_fake() {
    table(
        "name.fake (AZERTY runs)",
        &[
            (("qsdf", "qsdf"), true),
            (("Azer", "Martin"), true),
            (("wxcv", "Dupont"), true),
            (("Jean", "Qsdfgh"), true),
        ],
        |(f, l)| fake(f, l),
    );
}

#[test]
fn french_name_placeholders_not_fake() {
    table(
        "name.fake (French placeholders)",
        &[
            (("NC", "NC"), true),
            (("Jean", "N.C."), true),
            (("NR", "NR"), true),
            (("Néant", "Néant"), true),
            (("Non renseigné", "Non renseigné"), true),
            (("Jean", "Non communiqué"), true),
            (("?", "?"), true),
            (("-", "-"), true),
        ],
        |(f, l)| fake(f, l),
    );
}

#[test]
fn real_surnames_and_initials_flagged_fake() {
    table(
        "name.fake (real surnames, initials)",
        &[
            (("Jean", "Bar"), false),
            (("Desmond", "Tutu"), false),
            (("Hye-sook", "Na"), false),
            (("A.", "Martin"), false),
        ],
        |(f, l)| fake(f, l),
    );
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

fn ymd(v: &str, excel: bool) -> Result<(i32, u32, u32), dates::DateError> {
    dates::parse(v, excel).map(dates::civil)
}

#[test]
fn date_formats() {
    use dates::DateError::{Empty, Invalid};
    let d = |y, m, dd| Ok::<_, dates::DateError>((y, m, dd));
    let nov23 = d(2026, 11, 23);
    table(
        "date formats (Excel serials allowed)",
        &[
            // French day-first and ISO.
            ("23/11/2026", nov23),
            ("2026-11-23", nov23),
            ("23-11-2026", nov23),
            ("23.11.2026", nov23),
            ("23 11 2026", nov23),
            ("2026/11/23", nov23),
            ("2026.11.23", nov23),
            (" 23/11/2026 ", nov23),
            ("1/2/2026", d(2026, 2, 1)),
            ("01/02/2026", d(2026, 2, 1)),
            // Date-times.
            ("23/11/2026 14:05", nov23),
            ("23/11/2026 14:05:59", nov23),
            ("23/11/2026  14:05", nov23),
            ("23/11/2026 14h05", nov23),
            ("23/11/26 14:05", nov23),
            ("2026-11-23T14:05", nov23),
            ("2026-11-23T14:05:00Z", nov23),
            ("2026-11-23T14:05:00.000Z", nov23),
            ("2026-11-23 14:05:00", nov23),
            ("2026-11-23 14:05:00.123+01:00", nov23),
            ("2026/11/23 14:05:00", nov23),
            // Two-digit years: 00-69 are 20xx, 70-99 are 19xx.
            ("23-11-26", nov23),
            ("23/11/26", nov23),
            ("05/06/99", d(1999, 6, 5)),
            ("05/06/70", d(1970, 6, 5)),
            ("05/06/00", d(2000, 6, 5)),
            // Month names, French and English.
            ("23 novembre 2026", nov23),
            ("23 Novembre 2026", nov23),
            ("23 NOVEMBRE 2026", nov23),
            ("23 nov. 2026", nov23),
            ("23 Nov 2026", nov23),
            ("23-nov-26", nov23),
            ("1 février 2026", d(2026, 2, 1)),
            ("1 FÉVRIER 2026", d(2026, 2, 1)),
            ("15 août 2026", d(2026, 8, 15)),
            ("15 AOÛT 2026", d(2026, 8, 15)),
            ("3 décembre 2025", d(2025, 12, 3)),
            ("3 juil. 2025", d(2025, 7, 3)),
            ("3 sept 2025", d(2025, 9, 3)),
            // Month-first only when day-first is impossible.
            ("11/23/2026", nov23),
            // Leap years.
            ("29/02/2024", d(2024, 2, 29)),
            ("29/02/2000", d(2000, 2, 29)),
            // Excel serial numbers (base 1899-12-30).
            ("46349", nov23),
            ("46349,5", nov23),
            ("46349.25", nov23),
            ("45000", d(2023, 3, 15)),
            ("25569", d(1970, 1, 1)),
            // Dates that do not exist, and non-dates.
            ("31/02/2026", Err(Invalid)),
            ("30/02/2024", Err(Invalid)),
            ("29/02/2025", Err(Invalid)),
            ("29/02/1900", Err(Invalid)),
            ("31/04/2026", Err(Invalid)),
            ("31/06/2026", Err(Invalid)),
            ("31/09/2026", Err(Invalid)),
            ("31/11/2026", Err(Invalid)),
            ("2026-02-30", Err(Invalid)),
            ("2026-13-01", Err(Invalid)),
            ("32/01/2026", Err(Invalid)),
            ("00/01/2026", Err(Invalid)),
            ("19/13/2026", Err(Invalid)),
            ("13/19/2026", Err(Invalid)),
            ("00/00/0000", Err(Invalid)),
            ("23/11/20266", Err(Invalid)),
            ("23/11/226", Err(Invalid)),
            ("1/1/1", Err(Invalid)),
            ("2026-11-23-01", Err(Invalid)),
            ("23/11", Err(Invalid)),
            ("11/2026", Err(Invalid)),
            ("2026", Err(Invalid)),
            ("hier", Err(Invalid)),
            ("N/A", Err(Invalid)),
            ("0", Err(Invalid)),
            ("19999", Err(Invalid)),
            ("80001", Err(Invalid)),
            ("2026-W48", Err(Invalid)),
            ("31 février 2026", Err(Invalid)),
            ("", Err(Empty)),
            ("   ", Err(Empty)),
        ],
        |v| ymd(v, true),
    );
    table(
        "date formats (no Excel serials outside date columns)",
        &[
            ("46349", Err::<(i32, u32, u32), _>(Invalid)),
            ("45000", Err(Invalid)),
            ("23/11/2026", nov23),
        ],
        |v| ymd(v, false),
    );
}

#[test]
fn date_arithmetic() {
    let day = |s: &str| dates::parse_iso(s).unwrap_or_else(|| panic!("{s}"));
    table(
        "dates::years_before(audit date, 3): the stale boundary",
        &[
            ("2026-11-29", "2023-11-29"),
            ("2024-02-29", "2021-02-28"),
            ("2027-03-01", "2024-03-01"),
            ("2026-01-01", "2023-01-01"),
        ],
        |s| {
            let (y, m, d) = dates::civil(dates::years_before(day(s), 3));
            format!("{y:04}-{m:02}-{d:02}")
        },
    );
    table(
        "dates::parse_iso (audit date option)",
        &[
            ("2026-11-29", true),
            ("29/11/2026", false),
            ("2026-11-31", false),
            ("2026-1-29", false),
            ("", false),
        ],
        |s| dates::parse_iso(s).is_some(),
    );
}

#[test]
fn french_long_dates_not_read() {
    table(
        "date formats (French long forms)",
        &[
            (
                "1er novembre 2026",
                Ok::<_, dates::DateError>((2026, 11, 1)),
            ),
            ("1er janvier 2026", Ok((2026, 1, 1))),
            ("lundi 23 novembre 2026", Ok((2026, 11, 23))),
            ("23 novembre 2026 14:05", Ok((2026, 11, 23))),
            ("23 novembre 2026 à 14h05", Ok((2026, 11, 23))),
            ("23/11/2026 à 14h05", Ok((2026, 11, 23))),
        ],
        |v| ymd(v, true),
    );
}

// ---------------------------------------------------------------------------------------
// Cell content: formulas
// ---------------------------------------------------------------------------------------

#[test]
fn formulas() {
    table(
        "cell.formula",
        &[
            ("=1+1", true),
            ("=", true),
            ("=HYPERLINK(\"http://x.example\";\"clic\")", true),
            ("=cmd|' /C calc'!A0", true),
            ("=IMPORTXML(\"http://x\";\"//a\")", true),
            ("=WEBSERVICE(\"http://x\")", true),
            ("@SUM(A1)", true),
            ("@gmail.com", true),
            ("+cmd|' /C calc'!A0", true),
            ("+A1", true),
            ("-2+3+cmd|' /C calc'!A0", true),
            ("-1+1", true),
            ("-foo", true),
            ("\t=1", true),
            ("\tDupont", true),
            ("\rx", true),
            // Not formulas: phone numbers, signed numbers, placeholders, plain text.
            ("+33 6 47 29 18 35", false),
            ("+33 (0)6 47 29 18 35", false),
            ("+33647291835", false),
            ("+1 (415) 555-2671", false),
            ("+32 470/12.34.56", false),
            ("-12,5", false),
            ("-1 234,56", false),
            ("+3.2", false),
            ("-0.5", false),
            ("-1", false),
            ("-", false),
            ("--", false),
            ("- ", false),
            ("+", false),
            ("", false),
            (" =1+1", false),
            ("jean@x.fr", false),
            ("12=12", false),
            ("a+b", false),
            ("Dupont", false),
            ("06 47 29 18 35", false),
        ],
        |v| content::is_formula(v),
    );
    table(
        "content::neutralise",
        &[
            ("=1+1", "'=1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("Dupont", "Dupont"),
            ("+33 6 47 29 18 35", "+33 6 47 29 18 35"),
        ],
        |v| content::neutralise(v).into_owned(),
    );
}

// ---------------------------------------------------------------------------------------
// Cell content: sensitive data
// ---------------------------------------------------------------------------------------

#[test]
fn sensitive_terms() {
    use Sensitive::*;
    table(
        "content.sensitive (family)",
        &[
            // Health.
            ("Client diabétique, rappeler", Some(Health)),
            ("diabétique type 2", Some(Health)),
            ("HANDICAPÉE", Some(Health)),
            ("handicapé moteur", Some(Health)),
            ("enceinte de 6 mois", Some(Health)),
            ("grossesse", Some(Health)),
            ("Atteint d'un cancer", Some(Health)),
            ("Maladie de Crohn", Some(Health)),
            ("séropositif", Some(Health)),
            ("VIH+", Some(Health)),
            ("Dépression nerveuse", Some(Health)),
            ("alzheimer", Some(Health)),
            ("hospitalisé en mars", Some(Health)),
            ("Traitement médical en cours", Some(Health)),
            ("santé mentale", Some(Health)),
            ("pregnant", Some(Health)),
            ("HIV positive", Some(Health)),
            ("medical condition: asthma", Some(Health)),
            ("disabled", Some(Health)),
            // Political.
            ("opinion politique: gauche", Some(Political)),
            ("militant écologiste", Some(Political)),
            ("sympathisante", Some(Political)),
            ("électeur", Some(Political)),
            ("votes for Labour", Some(Political)),
            // Religious.
            ("religion catholique", Some(Religious)),
            (
                "Pratiquante, ne pas appeler pendant le Ramadan",
                Some(Religious),
            ),
            ("musulman", Some(Religious)),
            ("juive", Some(Religious)),
            ("protestant", Some(Religious)),
            ("athée", Some(Religious)),
            ("repas casher", Some(Religious)),
            ("muslim", Some(Religious)),
            ("jewish", Some(Religious)),
            // Union.
            ("syndiqué CGT", Some(Union)),
            ("syndiquée", Some(Union)),
            ("délégué CFDT", Some(Union)),
            ("trade union member", Some(Union)),
            // Ethnic.
            ("Origine ethnique", Some(Ethnic)),
            ("ethnie", Some(Ethnic)),
            ("ethnicity", Some(Ethnic)),
            // Sexual orientation.
            ("Orientation sexuelle: gay", Some(Sexual)),
            ("homosexuel", Some(Sexual)),
            ("lesbienne", Some(Sexual)),
            ("bisexuelle", Some(Sexual)),
            ("transgenre", Some(Sexual)),
            ("LGBT", Some(Sexual)),
            ("sexual orientation", Some(Sexual)),
            // Offences.
            ("Casier judiciaire", Some(Offence)),
            ("casier judiciaire vierge", Some(Offence)),
            ("condamné en 2019", Some(Offence)),
            ("ex-détenu", Some(Offence)),
            ("criminal record", Some(Offence)),
            ("convicted", Some(Offence)),
            // Everyday text, street and place names, surnames: nothing.
            ("Rappeler lundi, intéressée par l'offre", None),
            ("Rue de l'Église", None),
            ("Place de l'Église", None),
            ("Rue du Temple", None),
            ("racines", None),
            ("Jean Racine", None),
            ("Prisonnier", None),
            ("Votre avis compte", None),
            ("votes", None),
            ("Saint-Denis", None),
            ("maladroit", None),
            ("hivernal", None),
            ("syndic", None),
            ("Directrice des achats", None),
            ("Rencontrée au salon Vivatech", None),
            ("", None),
        ],
        |t| content::sensitive(t),
    );
}

/// Whether the report of a one-row file with these column names has a
/// `content.sensitive` finding (sensitive columns are file findings, not row codes).
fn sensitive_column(name: &str) -> bool {
    let csv = format!(
        "email;{}\r\nsophie.bernard@durand-associes.fr;x\r\n",
        csv_cell(name)
    );
    let options = Options {
        audit_date: Some("2026-11-29".into()),
        ..Default::default()
    };
    let mut auditor = Auditor::new(options).expect("valid options");
    auditor.feed(csv.as_bytes());
    auditor
        .finish()
        .findings
        .iter()
        .any(|f| f.code == "content.sensitive")
}

#[test]
fn sensitive_column_names() {
    table(
        "content.sensitive (column names)",
        &[
            ("Religion", true),
            ("Opinion politique", true),
            ("Syndicat", true),
            ("Handicap", true),
            ("Origine ethnique", true),
            ("Orientation sexuelle", true),
            ("Casier judiciaire", true),
            ("Maladie", true),
            ("Commentaire", false),
            ("Ville", false),
            ("Source", false),
            ("Date de collecte", false),
            ("Fonction", false),
        ],
        |n| sensitive_column(n),
    );
}

#[test]
fn sensitive_health_column_names_missed() {
    table(
        "content.sensitive (health column names)",
        &[
            ("Santé", true),
            ("État de santé", true),
            ("Pathologie", true),
            ("Groupe sanguin", true),
        ],
        |n| sensitive_column(n),
    );
}

#[test]
fn sensitive_false_positives_in_everyday_french() {
    table(
        "content.sensitive (must be None)",
        &[
            // Consent wording in a source column.
            (
                "Formulaire web - politique de confidentialité acceptée",
                None::<Sensitive>,
            ),
            ("Responsable politique achats", None),
            // "Enceinte" is also a loudspeaker.
            ("Intérêt: enceinte bluetooth", None),
            // A whole trade: property diagnostics.
            ("Diagnostic immobilier", None),
            ("Diagnostiqueur - diagnostic énergétique", None),
            // Co-ownership bodies, intercommunal bodies, employers' federations.
            ("Président du syndicat des copropriétaires", None),
            ("Membre du conseil syndical", None),
            ("Syndicat intercommunal des eaux", None),
            // Pedigree animals, races (sport), holdings.
            ("Éleveur de chiens de race", None),
            ("Chat de race", None),
            ("Trail race 2025", None),
            ("Capital détenu à 100% par le groupe", None),
            // Sports and astrology.
            ("Pratiquant de judo", None),
            ("Signe astrologique: cancer", None),
            // A street named after a chemist.
            ("12 rue Gay-Lussac", None),
        ],
        |t| content::sensitive(t),
    );
}

#[test]
fn sensitive_plural_forms_missed() {
    use Sensitive::*;
    table(
        "content.sensitive (plural forms)",
        &[
            ("Opinions politiques", Some(Political)),
            ("militants", Some(Political)),
            ("maladies chroniques", Some(Health)),
            ("personnes handicapées", Some(Health)),
            ("salariés syndiqués", Some(Union)),
            ("catholiques pratiquants", Some(Religious)),
        ],
        |t| content::sensitive(t),
    );
}

#[test]
fn sensitive_genetic_biometric_sex_life_missing() {
    table(
        "content.sensitive (genetic, biometric, sex life)",
        &[
            ("données génétiques", true),
            ("test ADN", true),
            ("genetic data", true),
            ("biométrie", true),
            ("empreinte digitale biométrique", true),
            ("biometric", true),
            ("vie sexuelle", true),
            ("sex life", true),
        ],
        |t| content::sensitive(t).is_some(),
    );
}

#[test]
fn sensitive_common_terms_missing() {
    use Sensitive::*;
    table(
        "content.sensitive (missing terms)",
        &[
            ("fréquente la mosquée", Some(Religious)),
            ("synagogue", Some(Religious)),
            ("atheist", Some(Religious)),
            ("adhérent Force Ouvrière", Some(Union)),
            ("épileptique", Some(Health)),
            ("allergique aux arachides", Some(Health)),
            ("diabetic", Some(Health)),
            ("transgender", Some(Sexual)),
            ("lesbian", Some(Sexual)),
            ("bisexual", Some(Sexual)),
        ],
        |t| content::sensitive(t),
    );
}

// ---------------------------------------------------------------------------------------
// End to end: rows through the Auditor
// ---------------------------------------------------------------------------------------

/// The columns of the test file, their roles, and the values of a clean row.
const COLUMNS: &[(&str, Role, &str)] = &[
    ("email", Role::Email, "sophie.bernard{i}@durand-associes.fr"),
    ("telephone", Role::Phone, "01 42 68 53 {i2}"),
    ("prenom", Role::FirstName, "Sophie"),
    ("nom", Role::LastName, "Bernard"),
    ("adresse", Role::Address1, "{i} rue de la Paix"),
    ("code postal", Role::Postcode, "75002"),
    ("ville", Role::City, "Paris"),
    ("siret", Role::Siret, "38012986600014"),
    ("tva", Role::Vat, "FR89380129866"),
    ("naf", Role::Naf, "62.01Z"),
    ("date de collecte", Role::CollectionDate, "15/06/2025"),
    ("derniere activite", Role::LastActivityDate, "2026-10-15"),
    ("date de naissance", Role::BirthDate, "12/03/1980"),
    (
        "commentaire",
        Role::FreeText,
        "Rencontrée au salon Vivatech",
    ),
    ("fonction", Role::JobTitle, "Directrice des achats"),
];

/// One row: the cells that differ from the clean row, and what the row must get:
/// its codes (sorted), its status and its suggestion.
type Cells = &'static [(&'static str, &'static str)];
type Want = (&'static [&'static str], Status, Option<&'static str>);
type Case = (Cells, Want);

/// What the sink saw of a row.
#[derive(Debug)]
struct Seen {
    flags: Vec<&'static str>,
    status: Status,
    suggestion: Option<String>,
}

#[derive(Default)]
struct Recorder(Vec<Seen>);

impl RowSink for Recorder {
    fn row(&mut self, row: &RowView<'_>) {
        self.0.push(Seen {
            // `trap.risk` and `seed.suspect` sum up the codes these tables test (typo,
            // dead, role, disposable domains, stale dates; tags, fiction phones):
            // tests/signals.rs covers them.
            flags: row
                .flags
                .iter()
                .copied()
                .filter(|&f| f != "trap.risk" && f != "seed.suspect")
                .collect(),
            status: row.status,
            suggestion: row.suggestion.map(str::to_string),
        });
    }
}

fn csv_cell(v: &str) -> String {
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// Audits one `;` file made of a header and one row per case, and returns what the
/// sink saw of each row, with the row's cells for the failure messages.
fn audit(cases: &[Case], channel: tamis::campaign::Channel) -> Vec<Seen> {
    let mut csv = COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join(";");
    csv.push_str("\r\n");
    for (i, (overrides, _)) in cases.iter().enumerate() {
        for (name, _) in overrides.iter() {
            assert!(COLUMNS.iter().any(|c| c.0 == *name), "no column {name:?}");
        }
        let row: Vec<String> = COLUMNS
            .iter()
            .map(|&(name, _, clean)| {
                let v = overrides
                    .iter()
                    .find(|o| o.0 == name)
                    .map_or(clean, |o| o.1);
                // Distinct emails, phones and addresses per row, so that no two rows are
                // the same person.
                csv_cell(
                    &v.replace("{i2}", &format!("{:02}", i % 100))
                        .replace("{i}", &(i + 1).to_string()),
                )
            })
            .collect();
        csv.push_str(&row.join(";"));
        csv.push_str("\r\n");
    }
    let roles: BTreeMap<String, Role> = COLUMNS
        .iter()
        .map(|&(n, r, _)| (n.to_string(), r))
        .collect();
    // The field rules on their own: a campaign to professionals needs no consent, and
    // its channel is one these cases do not break (see `e2e`). Stale rows are unusable
    // for every campaign: they are rejected.
    let campaign = tamis::Campaign {
        channel,
        audience: tamis::campaign::Audience::B2b,
        ..tamis::Campaign::default()
    };
    let options = Options {
        audit_date: Some("2026-11-29".into()),
        roles,
        campaign,
        ..Default::default()
    };
    let mut auditor = Auditor::new(options).expect("valid options");
    let mut sink = Recorder::default();
    auditor.feed_with(csv.as_bytes(), &mut sink);
    auditor.finish_with(&mut sink);
    assert_eq!(
        sink.0.len(),
        cases.len(),
        "one row seen per case; file:\n{csv}"
    );
    sink.0
}

fn e2e(rule: &str, cases: &[Case]) {
    // Postal cases are audited for an email campaign, the others for a postal one, so
    // that the broken field is never the campaign's contact point.
    let channel = if rule.contains("postal") {
        tamis::campaign::Channel::Email
    } else {
        tamis::campaign::Channel::Postal
    };
    // One file per case: two cases may well carry the same phone or email, and in one
    // file the later would be a duplicate of the earlier (`tests/dedup.rs` tests those).
    let seen: Vec<Seen> = cases
        .iter()
        .flat_map(|c| audit(std::slice::from_ref(c), channel))
        .collect();
    // Each line: (row number, the cells that differ from the clean row) -> expected.
    let lines: Vec<((usize, Cells), Want)> = cases
        .iter()
        .enumerate()
        .map(|(i, (cells, want))| ((i + 1, *cells), *want))
        .collect();
    table(rule, &lines, |&(row, _)| {
        let s = &seen[row - 1];
        (&s.flags, s.status, &s.suggestion)
    });
}

use Status::{Ok as OK, Reject as REJECT, Review as REVIEW};

#[test]
fn rows_email() {
    e2e(
        "row codes: email",
        &[
            (&[], (&[], OK, None)),
            (
                &[("email", "sophie.bernard@orange.fr")],
                (&["email.free"], OK, None),
            ),
            (
                &[("email", "sophie.bernard+salon@durand-associes.fr")],
                (&["email.tagged"], OK, None),
            ),
            (
                &[("email", "Sophie.Bernard+x@Gmail.com")],
                (&["email.free", "email.tagged"], OK, None),
            ),
            (
                &[("email", "contact@durand-associes.fr")],
                (&["email.role"], REVIEW, None),
            ),
            (
                &[("email", "comptabilite@durand-associes.fr")],
                (&["email.role"], REVIEW, None),
            ),
            (
                &[("email", "no-reply@durand-associes.fr")],
                (&["email.role"], REVIEW, None),
            ),
            (
                &[("email", "sophie.bernard@gmai.com")],
                (&["email.typo"], REVIEW, Some("sophie.bernard@gmail.com")),
            ),
            // gmial.com is also on the disposable list (a registered typo domain).
            (
                &[("email", "sophie.bernard@gmial.com")],
                (
                    &["email.disposable", "email.typo"],
                    REVIEW,
                    Some("sophie.bernard@gmail.com"),
                ),
            ),
            (
                &[("email", "sophie.bernard@ornage.fr")],
                (&["email.typo"], REVIEW, Some("sophie.bernard@orange.fr")),
            ),
            (
                &[("email", "sophie.bernard@wanadoo.ff")],
                (&["email.typo"], REVIEW, Some("sophie.bernard@wanadoo.fr")),
            ),
            (
                &[("email", "sophie.bernard@hotmial.fr")],
                (&["email.typo"], REVIEW, Some("sophie.bernard@hotmail.fr")),
            ),
            (
                &[("email", "sophie.bernard@laposte.ne")],
                (&["email.typo"], REVIEW, Some("sophie.bernard@laposte.net")),
            ),
            (
                &[("email", "sophie.bernard@example.com")],
                (&["email.reserved"], REVIEW, None),
            ),
            (
                &[("email", "sophie.bernard@mailinator.com")],
                (&["email.disposable"], REVIEW, None),
            ),
            (
                &[("email", "sophie.bernard@yopmail.fr")],
                (&["email.disposable"], REVIEW, None),
            ),
            (
                &[("email", "sophie.bernard@voila.fr")],
                (&["email.dead_domain"], REVIEW, None),
            ),
            (
                &[("email", "sophie.bernard@")],
                (&["email.invalid"], REVIEW, None),
            ),
            (
                &[("email", "sophie..bernard@durand-associes.fr")],
                (&["email.invalid"], REVIEW, None),
            ),
            (
                &[("email", "sophie bernard@durand-associes.fr")],
                (&["email.invalid"], REVIEW, None),
            ),
            (&[("email", "")], (&["email.missing"], OK, None)),
            (&[("email", "   ")], (&["email.missing"], OK, None)),
            // Several findings on one address.
            (
                &[("email", "contact+x@gmail.com")],
                (&["email.free", "email.role", "email.tagged"], REVIEW, None),
            ),
            (
                &[("email", "info@example.com")],
                (&["email.reserved", "email.role"], REVIEW, None),
            ),
        ],
    );
}

#[test]
fn rows_phone() {
    e2e(
        "row codes: phone",
        &[
            (&[("telephone", "06 47 29 18 35")], (&[], OK, None)),
            (&[("telephone", "+33 6 47 29 18 35")], (&[], OK, None)),
            (&[("telephone", "+33 (0)1 42 68 53 07")], (&[], OK, None)),
            (&[("telephone", "0033 7 81 47 29 36")], (&[], OK, None)),
            (
                &[("telephone", "647291835")],
                (&["phone.zero_restored"], OK, None),
            ),
            (&[("telephone", "0262 47 29 18")], (&[], OK, None)),
            (&[("telephone", "0696 47 29 18")], (&[], OK, None)),
            (
                &[("telephone", "+32 470 12 34 56")],
                (&["phone.foreign"], OK, None),
            ),
            (
                &[("telephone", "+377 93 15 20 00")],
                (&["phone.foreign"], OK, None),
            ),
            (
                &[("telephone", "08 00 47 29 18")],
                (&["phone.special"], REVIEW, None),
            ),
            (
                &[("telephone", "09 38 47 29 18")],
                (&["phone.special"], REVIEW, None),
            ),
            (
                &[("telephone", "01 62 47 29 18")],
                (&["phone.call_centre"], REVIEW, None),
            ),
            (
                &[("telephone", "09 47 51 23 45")],
                (&["phone.call_centre"], REVIEW, None),
            ),
            (
                &[("telephone", "01 99 00 47 29")],
                (&["phone.fiction"], REVIEW, None),
            ),
            (
                &[("telephone", "06 12 34 56 78")],
                (&["phone.fiction"], REVIEW, None),
            ),
            (
                &[("telephone", "06 66 66 66 66")],
                (&["phone.fiction"], REVIEW, None),
            ),
            (
                &[("telephone", "07 01 47 29 18")],
                (&["phone.invalid"], REVIEW, None),
            ),
            (
                &[("telephone", "06 47 29 18")],
                (&["phone.invalid"], REVIEW, None),
            ),
            (&[("telephone", "N/A")], (&["phone.invalid"], REVIEW, None)),
            (
                &[("telephone", "+999 123456789")],
                (&["phone.invalid"], REVIEW, None),
            ),
            (&[("telephone", "")], (&["phone.missing"], OK, None)),
        ],
    );
}

#[test]
fn rows_postal() {
    e2e(
        "row codes: postal",
        &[
            (
                &[
                    ("code postal", "75002"),
                    ("ville", "PARIS 2E ARRONDISSEMENT"),
                ],
                (&[], OK, None),
            ),
            (
                &[("code postal", "75002"), ("ville", "Paris 02")],
                (&[], OK, None),
            ),
            (
                &[("code postal", "75002"), ("ville", "Paris Cedex 02")],
                (&["postal.cedex"], OK, None),
            ),
            (
                &[
                    ("code postal", "92045"),
                    ("ville", "Paris La Défense Cedex"),
                ],
                (&["postal.cedex"], OK, None),
            ),
            (
                &[("code postal", "1000"), ("ville", "Bourg-en-Bresse")],
                (&[], OK, None),
            ),
            (
                &[("code postal", "20000"), ("ville", "Ajaccio")],
                (&[], OK, None),
            ),
            (
                &[("code postal", "97133"), ("ville", "Saint-Barthélemy")],
                (&[], OK, None),
            ),
            (
                &[("code postal", "98000"), ("ville", "Monaco")],
                (&[], OK, None),
            ),
            (
                &[("code postal", "42000"), ("ville", "ST ETIENNE")],
                (&[], OK, None),
            ),
            (
                &[("code postal", "96000")],
                (&["postal.invalid_postcode"], REVIEW, None),
            ),
            (
                &[("code postal", "7500A")],
                (&["postal.invalid_postcode"], REVIEW, None),
            ),
            (
                &[("code postal", "75002"), ("ville", "Lyon")],
                (&["postal.city_mismatch"], REVIEW, None),
            ),
            (
                &[("code postal", "75001"), ("ville", "Paris 2e")],
                (&["postal.city_mismatch"], REVIEW, None),
            ),
            (&[("adresse", "")], (&["postal.missing"], OK, None)),
            (&[("code postal", "")], (&["postal.missing"], OK, None)),
            (&[("ville", "")], (&["postal.missing"], OK, None)),
            // 38 characters is the La Poste limit; 39 is too long.
            (
                &[("adresse", "Résidence Les Jardins de la Paix, bât.")],
                (&[], OK, None),
            ),
            (
                &[("adresse", "Résidence Les Jardins de la Paix, bât. ")],
                (&[], OK, None),
            ),
            (
                &[("adresse", "Résidence Les Jardins de la Paix, bât.B")],
                (&["postal.line_too_long"], REVIEW, None),
            ),
            (
                &[
                    ("code postal", "51290"),
                    ("ville", "Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson"),
                ],
                (&["postal.line_too_long"], REVIEW, None),
            ),
        ],
    );
}

#[test]
fn rows_company() {
    e2e(
        "row codes: company identifiers",
        &[
            (&[("siret", "380129866")], (&[], OK, None)),
            (&[("siret", "380 129 866 00014")], (&[], OK, None)),
            (&[("siret", "35600000049837")], (&[], OK, None)),
            (
                &[("siret", "38012986600015")],
                (&["siren.invalid"], REVIEW, None),
            ),
            (
                &[("siret", "00000000000000")],
                (&["siren.invalid"], REVIEW, None),
            ),
            (
                &[("siret", "3801298660001")],
                (&["siren.invalid"], REVIEW, None),
            ),
            (&[("siret", "")], (&[], OK, None)),
            (&[("tva", "FR 89 380 129 866")], (&[], OK, None)),
            (&[("tva", "BE0123456789")], (&[], OK, None)),
            (
                &[("tva", "FR90380129866")],
                (&["vat.invalid"], REVIEW, None),
            ),
            (&[("tva", "GB123456789")], (&["vat.invalid"], REVIEW, None)),
            (&[("naf", "6201Z")], (&[], OK, None)),
            (&[("naf", "62.01")], (&["naf.invalid"], REVIEW, None)),
            (&[("naf", "")], (&[], OK, None)),
        ],
    );
}

#[test]
fn rows_names() {
    e2e(
        "row codes: names",
        &[
            (&[("prenom", "Éloïse"), ("nom", "N'Diaye")], (&[], OK, None)),
            (&[("prenom", "Yves"), ("nom", "Le Gall")], (&[], OK, None)),
            (&[("prenom", "Ly"), ("nom", "Ng")], (&[], OK, None)),
            (&[("prenom", "Bernard"), ("nom", "Testud")], (&[], OK, None)),
            (&[("prenom", "Test")], (&["name.fake"], REVIEW, None)),
            (&[("nom", "Essai")], (&["name.fake"], REVIEW, None)),
            (
                &[("prenom", "xxx"), ("nom", "xxx")],
                (&["name.fake"], REVIEW, None),
            ),
            (&[("prenom", "aaa")], (&["name.fake"], REVIEW, None)),
            (&[("prenom", "asdf")], (&["name.fake"], REVIEW, None)),
            (
                &[("prenom", "Mickey"), ("nom", "Mouse")],
                (&["name.fake"], REVIEW, None),
            ),
            (
                &[("prenom", "Jean"), ("nom", "Dupont2")],
                (&["name.fake"], REVIEW, None),
            ),
            // The last name is the email's own domain.
            (
                &[("nom", "Durand"), ("email", "sophie@durand.fr")],
                (&["name.fake"], REVIEW, None),
            ),
            (
                &[("nom", "Orange"), ("email", "sophie.orange@orange.fr")],
                (&["email.free"], OK, None),
            ),
            (
                &[("prenom", ""), ("nom", "")],
                (&["name.missing"], OK, None),
            ),
        ],
    );
}

#[test]
fn rows_dates() {
    e2e(
        "row codes: dates (audit date 2026-11-29)",
        &[
            // Stale: the latest of collection and last activity before 2023-11-29.
            (
                &[
                    ("date de collecte", "28/11/2023"),
                    ("derniere activite", ""),
                ],
                (&["date.stale"], REJECT, None),
            ),
            (
                &[
                    ("date de collecte", "29/11/2023"),
                    ("derniere activite", ""),
                ],
                (&[], OK, None),
            ),
            (
                &[
                    ("date de collecte", "2019-05-01"),
                    ("derniere activite", "2024-02-01"),
                ],
                (&[], OK, None),
            ),
            (
                &[
                    ("date de collecte", "2019-05-01"),
                    ("derniere activite", "2023-11-28"),
                ],
                (&["date.stale"], REJECT, None),
            ),
            (
                &[
                    ("date de collecte", "2025-05-01"),
                    ("derniere activite", "2019-01-01"),
                ],
                (&[], OK, None),
            ),
            (
                &[
                    ("date de collecte", "2019-05-01"),
                    ("derniere activite", ""),
                ],
                (&["date.stale"], REJECT, None),
            ),
            (
                &[
                    ("date de collecte", ""),
                    ("derniere activite", "2023-11-28T23:59:00"),
                ],
                (&["date.stale"], REJECT, None),
            ),
            (
                &[("date de collecte", ""), ("derniere activite", "")],
                (&[], OK, None),
            ),
            (
                &[("date de collecte", "45000"), ("derniere activite", "")],
                (&["date.stale"], REJECT, None),
            ),
            (
                &[("date de collecte", "46000"), ("derniere activite", "")],
                (&[], OK, None),
            ),
            (
                &[("date de collecte", "15/06/20"), ("derniere activite", "")],
                (&["date.stale"], REJECT, None),
            ),
            (
                &[("date de collecte", "15/06/25"), ("derniere activite", "")],
                (&[], OK, None),
            ),
            (
                &[
                    ("date de collecte", "15 juin 2025"),
                    ("derniere activite", ""),
                ],
                (&[], OK, None),
            ),
            // Future: after the audit date.
            (&[("date de collecte", "29/11/2026")], (&[], OK, None)),
            (
                &[("date de collecte", "30/11/2026")],
                (&["date.future"], REVIEW, None),
            ),
            (
                &[("derniere activite", "2027-01-01")],
                (&["date.future"], REVIEW, None),
            ),
            (
                &[("date de naissance", "12/03/2030")],
                (&["date.future"], REVIEW, None),
            ),
            // Birth dates are never stale.
            (&[("date de naissance", "12/03/1940")], (&[], OK, None)),
            (&[("date de naissance", "12/03/1965")], (&[], OK, None)),
            // Unreadable dates; a bad date does not hide a stale one.
            (
                &[
                    ("date de collecte", "31/02/2026"),
                    ("derniere activite", ""),
                ],
                (&["date.invalid"], REVIEW, None),
            ),
            (
                &[
                    ("date de collecte", "31/02/2026"),
                    ("derniere activite", "2020-01-01"),
                ],
                (&["date.invalid", "date.stale"], REJECT, None),
            ),
            (
                &[("date de collecte", "hier")],
                (&["date.invalid"], REVIEW, None),
            ),
            (
                &[("date de naissance", "30/02/1980")],
                (&["date.invalid"], REVIEW, None),
            ),
        ],
    );
}

#[test]
fn two_digit_birth_year_read_as_future() {
    e2e(
        "row codes: 2-digit birth years",
        &[
            (&[("date de naissance", "12/03/65")], (&[], OK, None)),
            (&[("date de naissance", "01/01/50")], (&[], OK, None)),
            (&[("date de naissance", "23/11/69")], (&[], OK, None)),
        ],
    );
}

#[test]
fn city_line_length_ignores_postcode() {
    e2e(
        "row codes: last address line length",
        &[
            // 35-character commune: "24260 SAINT FELIX DE REILLAC ET MORTEMART" is 41 characters.
            (
                &[
                    ("code postal", "24260"),
                    ("ville", "Saint-Félix-de-Reillac-et-Mortemart"),
                ],
                (&["postal.line_too_long"], REVIEW, None),
            ),
            (
                &[
                    ("code postal", "66760"),
                    ("ville", "Angoustrine-Villeneuve-des-Escaldes"),
                ],
                (&["postal.line_too_long"], REVIEW, None),
            ),
        ],
    );
}

#[test]
fn rows_content() {
    e2e(
        "row codes: formulas and sensitive data",
        &[
            (
                &[("commentaire", "=HYPERLINK(\"http://x.example\";\"clic\")")],
                (&["cell.formula"], REVIEW, None),
            ),
            (
                &[("commentaire", "@SUM(A1)")],
                (&["cell.formula"], REVIEW, None),
            ),
            (
                &[("commentaire", "\t=1+1")],
                (&["cell.formula"], REVIEW, None),
            ),
            (&[("commentaire", "-12,5")], (&[], OK, None)),
            (&[("commentaire", "-")], (&[], OK, None)),
            (&[("commentaire", "+33 6 47 29 18 35")], (&[], OK, None)),
            (&[("telephone", "+33 6 47 29 18 35")], (&[], OK, None)),
            (
                &[("prenom", "=1+1")],
                (&["cell.formula", "name.fake"], REVIEW, None),
            ),
            (
                &[("commentaire", "Client diabétique, rappeler")],
                (&["content.sensitive"], REJECT, None),
            ),
            (
                &[("commentaire", "Syndiqué CGT")],
                (&["content.sensitive"], REJECT, None),
            ),
            (
                &[("commentaire", "Casier judiciaire")],
                (&["content.sensitive"], REJECT, None),
            ),
            (
                &[("fonction", "Militante, sympathisante")],
                (&["content.sensitive"], REJECT, None),
            ),
            (
                &[("commentaire", "Habite rue de l'Église")],
                (&[], OK, None),
            ),
        ],
    );
}

#[test]
fn rows_status() {
    e2e(
        "row status (contact points)",
        &[
            // No contact point at all.
            (
                &[("email", ""), ("telephone", ""), ("adresse", "")],
                (
                    &[
                        "email.missing",
                        "phone.missing",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            // Only unusable ones.
            (
                &[
                    ("email", "sophie@mailinator.com"),
                    ("telephone", ""),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.disposable",
                        "phone.missing",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", "sophie@example.com"),
                    ("telephone", ""),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.reserved",
                        "phone.missing",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", "sophie@voila.fr"),
                    ("telephone", ""),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.dead_domain",
                        "phone.missing",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", "sophie@"),
                    ("telephone", "06 12 34 56 78"),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.invalid",
                        "phone.fiction",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", ""),
                    ("telephone", "01 62 47 29 18"),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.missing",
                        "phone.call_centre",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", ""),
                    ("telephone", "08 92 47 29 18"),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.missing",
                        "phone.special",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[("email", ""), ("telephone", ""), ("code postal", "96000")],
                (
                    &[
                        "email.missing",
                        "phone.missing",
                        "postal.invalid_postcode",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[("email", ""), ("telephone", ""), ("ville", "Lyon")],
                (
                    &[
                        "email.missing",
                        "phone.missing",
                        "postal.city_mismatch",
                        "row.no_contact",
                    ],
                    REJECT,
                    None,
                ),
            ),
            // One usable contact point is enough to escape row.no_contact; but these
            // rows are audited for a postal campaign, which rejects a row without an
            // address (campaign.no_contact).
            (
                &[("email", ""), ("telephone", "")],
                (&["email.missing", "phone.missing"], OK, None),
            ),
            (
                &[("email", ""), ("adresse", "")],
                (
                    &["campaign.no_contact", "email.missing", "postal.missing"],
                    REJECT,
                    None,
                ),
            ),
            (
                &[("telephone", ""), ("adresse", "")],
                (
                    &["campaign.no_contact", "phone.missing", "postal.missing"],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", ""),
                    ("telephone", "+32 470 12 34 56"),
                    ("adresse", ""),
                ],
                (
                    &[
                        "campaign.no_contact",
                        "email.missing",
                        "phone.foreign",
                        "postal.missing",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[("email", ""), ("telephone", "647291835"), ("adresse", "")],
                (
                    &[
                        "campaign.no_contact",
                        "email.missing",
                        "phone.zero_restored",
                        "postal.missing",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", ""),
                    ("telephone", ""),
                    ("code postal", "92045"),
                    ("ville", "Paris La Défense Cedex"),
                ],
                (
                    &["email.missing", "phone.missing", "postal.cedex"],
                    OK,
                    None,
                ),
            ),
            (
                &[
                    ("email", "contact@durand-associes.fr"),
                    ("telephone", ""),
                    ("adresse", ""),
                ],
                (
                    &[
                        "campaign.no_contact",
                        "email.role",
                        "phone.missing",
                        "postal.missing",
                    ],
                    REJECT,
                    None,
                ),
            ),
            (
                &[
                    ("email", "sophie@gmai.com"),
                    ("telephone", ""),
                    ("adresse", ""),
                ],
                (
                    &[
                        "campaign.no_contact",
                        "email.typo",
                        "phone.missing",
                        "postal.missing",
                    ],
                    REJECT,
                    Some("sophie@gmail.com"),
                ),
            ),
            // A typo domain that is also disposable is not a contact point.
            (
                &[
                    ("email", "sophie@gmial.com"),
                    ("telephone", ""),
                    ("adresse", ""),
                ],
                (
                    &[
                        "email.disposable",
                        "email.typo",
                        "phone.missing",
                        "postal.missing",
                        "row.no_contact",
                    ],
                    REJECT,
                    Some("sophie@gmail.com"),
                ),
            ),
            // Sensitive data rejects a row whatever its contact points.
            (
                &[("commentaire", "enceinte de 6 mois")],
                (&["content.sensitive"], REJECT, None),
            ),
            // Warnings add up to review.
            (
                &[
                    ("email", "contact@durand-associes.fr"),
                    ("telephone", "06 66 66 66 66"),
                    ("naf", "62.01"),
                ],
                (
                    &["email.role", "naf.invalid", "phone.fiction"],
                    REVIEW,
                    None,
                ),
            ),
        ],
    );
}

/// The qualification section counts a column the same wherever it stands: the first 64
/// columns and the others are counted apart (bits for the first), so the same contact
/// columns are audited once at the front of a file and once after 70 filler columns.
#[test]
fn qualification_is_the_same_past_the_64th_column() {
    let contact = [
        ("Nom", ["Dupont", "test", "Martin", "", "Durand"]),
        (
            "E-mail",
            [
                "paul.dupont@orange.fr",
                "pas-une-adresse",
                "contact@durand-associes.fr",
                "",
                "jean@gmial.com",
            ],
        ),
        (
            "Téléphone",
            ["06 12 34 56 78", "12", "", "01 99 00 00 00", "0612345678"],
        ),
        ("Code postal", ["75001", "75001", "99999", "69001", ""]),
        ("Ville", ["Paris", "Lyon", "Paris", "Lyon", ""]),
        // Cells read whole: a formula, a blank one, a non-ASCII start with a control
        // character, a placeholder dash, a bidirectional override.
        (
            "Remarque",
            ["=1+1", "   ", "Émile\u{1}", "-", "\u{202e}abc"],
        ),
    ];
    let filler = |row: usize, i: usize| if (row + i) % 3 == 0 { "x" } else { "" };
    let csv = |fillers: usize| {
        let mut out = String::new();
        let header: Vec<String> = (0..fillers)
            .map(|i| format!("Commentaire {i}"))
            .chain(contact.iter().map(|(name, _)| name.to_string()))
            .collect();
        out.push_str(&header.join(";"));
        out.push_str("\r\n");
        for row in 0..5 {
            let cells: Vec<&str> = (0..fillers)
                .map(|i| filler(row, i))
                .chain(contact.iter().map(|(_, values)| values[row]))
                .collect();
            out.push_str(&cells.join(";"));
            out.push_str("\r\n");
        }
        out
    };
    let qualification = |fillers: usize| {
        let mut auditor = Auditor::new(Options {
            audit_date: Some("2026-11-29".into()),
            ..Default::default()
        })
        .expect("valid options");
        auditor.feed(csv(fillers).as_bytes());
        auditor.finish().qualification
    };
    let narrow = qualification(0);
    let wide = qualification(70);
    assert_eq!(wide.len(), narrow.len() + 70);
    for (n, w) in narrow.iter().zip(&wide[70..]) {
        assert_eq!(
            (n.filled, n.valid, &n.problems),
            (w.filled, w.valid, &w.problems),
            "{}",
            n.name
        );
    }
    // The contact columns have bad cells (else the test would not see them counted).
    assert!(narrow.iter().any(|q| q.valid < q.filled), "{narrow:?}");
    // The last column: four filled cells (not the blank one), three bad (the formula,
    // the control character, the override), whatever the count path.
    let remark = narrow.last().expect("columns");
    assert_eq!((remark.filled, remark.valid), (4, 1), "{remark:?}");
    // Each filler column: its filled cells, all valid.
    for (i, q) in wide[..70].iter().enumerate() {
        let want = (0..5).filter(|&row| filler(row, i) == "x").count() as u64;
        assert_eq!((q.filled, q.valid), (want, want), "{}", q.name);
    }
}
