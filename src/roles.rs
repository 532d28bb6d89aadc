//! Column roles: what a column holds, from its header and from its values.
//!
//! Headers come in French and English with many spellings (`e-mail`, `Courriel`,
//! `MailingPostalCode`, `PRENOM`...). A header is folded (accents, case, camelCase,
//! punctuation) and matched against a table; then a sample of the column's values
//! confirms or corrects it: a column full of emails is an email column whatever its
//! header says.

use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Email address.
    Email,
    /// Phone number, kind unknown.
    Phone,
    /// Mobile phone number.
    Mobile,
    /// Landline phone number.
    Landline,
    /// Fax number.
    Fax,
    /// Civility (M., Mme...).
    Civility,
    /// First name.
    FirstName,
    /// Last name.
    LastName,
    /// First and last name in one column.
    FullName,
    /// Company name.
    Company,
    /// SIREN (9 digits).
    Siren,
    /// SIRET (14 digits).
    Siret,
    /// Intra-EU VAT number.
    Vat,
    /// NAF/APE activity code.
    Naf,
    /// Address line 1.
    Address1,
    /// Address line 2.
    Address2,
    /// Address line 3.
    Address3,
    /// Postcode.
    Postcode,
    /// City or commune.
    City,
    /// Country.
    Country,
    /// Job title.
    JobTitle,
    /// Consent to email prospecting.
    ConsentEmail,
    /// Consent to SMS prospecting.
    ConsentSms,
    /// Consent to phone prospecting.
    ConsentPhone,
    /// Consent to postal prospecting.
    ConsentPostal,
    /// Consent to partners' offers.
    ConsentPartners,
    /// Consent whose channel the header does not say (`optin`).
    Consent,
    /// Date of consent.
    ConsentDate,
    /// Date of collection.
    CollectionDate,
    /// Date of the prospect's last own action.
    LastActivityDate,
    /// Date of birth.
    BirthDate,
    /// Where the record comes from.
    Source,
    /// Free text (comments, notes).
    FreeText,
    /// A record identifier.
    Id,
    /// Not recognised.
    Unknown,
}

impl Role {
    /// Every role, in a stable order.
    pub const ALL: [Role; 35] = [
        Role::Email,
        Role::Phone,
        Role::Mobile,
        Role::Landline,
        Role::Fax,
        Role::Civility,
        Role::FirstName,
        Role::LastName,
        Role::FullName,
        Role::Company,
        Role::Siren,
        Role::Siret,
        Role::Vat,
        Role::Naf,
        Role::Address1,
        Role::Address2,
        Role::Address3,
        Role::Postcode,
        Role::City,
        Role::Country,
        Role::JobTitle,
        Role::ConsentEmail,
        Role::ConsentSms,
        Role::ConsentPhone,
        Role::ConsentPostal,
        Role::ConsentPartners,
        Role::Consent,
        Role::ConsentDate,
        Role::CollectionDate,
        Role::LastActivityDate,
        Role::BirthDate,
        Role::Source,
        Role::FreeText,
        Role::Id,
        Role::Unknown,
    ];

    /// The role's name as written in JSON (`first_name`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Email => "email",
            Role::Phone => "phone",
            Role::Mobile => "mobile",
            Role::Landline => "landline",
            Role::Fax => "fax",
            Role::Civility => "civility",
            Role::FirstName => "first_name",
            Role::LastName => "last_name",
            Role::FullName => "full_name",
            Role::Company => "company",
            Role::Siren => "siren",
            Role::Siret => "siret",
            Role::Vat => "vat",
            Role::Naf => "naf",
            Role::Address1 => "address1",
            Role::Address2 => "address2",
            Role::Address3 => "address3",
            Role::Postcode => "postcode",
            Role::City => "city",
            Role::Country => "country",
            Role::JobTitle => "job_title",
            Role::ConsentEmail => "consent_email",
            Role::ConsentSms => "consent_sms",
            Role::ConsentPhone => "consent_phone",
            Role::ConsentPostal => "consent_postal",
            Role::ConsentPartners => "consent_partners",
            Role::Consent => "consent",
            Role::ConsentDate => "consent_date",
            Role::CollectionDate => "collection_date",
            Role::LastActivityDate => "last_activity_date",
            Role::BirthDate => "birth_date",
            Role::Source => "source",
            Role::FreeText => "free_text",
            Role::Id => "id",
            Role::Unknown => "unknown",
        }
    }

    /// True for phone-number roles.
    pub fn is_phone(self) -> bool {
        matches!(
            self,
            Role::Phone | Role::Mobile | Role::Landline | Role::Fax
        )
    }
}

/// Where a column's role came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleSource {
    /// The header's name.
    Header,
    /// The column's values (they overrode or completed the header).
    Content,
    /// The user's options.
    Option,
    /// Nothing recognised.
    None,
}

/// Folds a header for matching: splits camelCase, lower-cases, removes accents,
/// turns every non-alphanumeric run into one space, trims.
pub fn fold_header(h: &str) -> String {
    let mut out = String::with_capacity(h.len() + 4);
    let mut prev_lower = false;
    let mut pending_space = false;
    for c in h.trim().chars() {
        if c.is_uppercase() && prev_lower {
            pending_space = true;
        }
        let folded = fold_char(c);
        let mut any = false;
        for f in folded.chars() {
            if f.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(f.to_ascii_lowercase());
                any = true;
            }
        }
        if !any {
            pending_space = true;
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    out
}

/// The letters [`fold_char`] folds: Latin-1 and the French letters of Latin Extended-A.
const FOLD_TABLE: &[(char, &str)] = &[
    ('à', "a"),
    ('á', "a"),
    ('â', "a"),
    ('ã', "a"),
    ('ä', "a"),
    ('å', "a"),
    ('À', "A"),
    ('Á', "A"),
    ('Â', "A"),
    ('Ã', "A"),
    ('Ä', "A"),
    ('Å', "A"),
    ('æ', "ae"),
    ('Æ', "AE"),
    ('ç', "c"),
    ('Ç', "C"),
    ('è', "e"),
    ('é', "e"),
    ('ê', "e"),
    ('ë', "e"),
    ('È', "E"),
    ('É', "E"),
    ('Ê', "E"),
    ('Ë', "E"),
    ('ì', "i"),
    ('í', "i"),
    ('î', "i"),
    ('ï', "i"),
    ('Ì', "I"),
    ('Í', "I"),
    ('Î', "I"),
    ('Ï', "I"),
    ('ñ', "n"),
    ('Ñ', "N"),
    ('ò', "o"),
    ('ó', "o"),
    ('ô', "o"),
    ('õ', "o"),
    ('ö', "o"),
    ('ø', "o"),
    ('Ò', "O"),
    ('Ó', "O"),
    ('Ô', "O"),
    ('Õ', "O"),
    ('Ö', "O"),
    ('Ø', "O"),
    ('œ', "oe"),
    ('Œ', "OE"),
    ('ù', "u"),
    ('ú', "u"),
    ('û', "u"),
    ('ü', "u"),
    ('Ù', "U"),
    ('Ú', "U"),
    ('Û', "U"),
    ('Ü', "U"),
    ('ý', "y"),
    ('ÿ', "y"),
    ('Ý', "Y"),
    ('Ÿ', "Y"),
    ('ß', "ss"),
    ('°', "o"),
    ('º', "o"),
];

/// Folds one character to ASCII where it is a Latin letter with a diacritic.
pub fn fold_char(c: char) -> &'static str {
    if c.is_ascii() {
        // SAFETY of indexing: ASCII chars map to themselves via a static table.
        const ASCII: &str = "\0\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\t\n\u{b}\u{c}\r\u{e}\u{f}\u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1b}\u{1c}\u{1d}\u{1e}\u{1f} !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u{7f}";
        let i = c as usize;
        return &ASCII[i..i + 1];
    }
    // Latin-1's letters by index (most accented letters of French text), the few
    // others by a search.
    static LATIN1: [&str; 64] = {
        let mut t = [""; 64];
        let mut i = 0;
        while i < FOLD_TABLE.len() {
            let u = FOLD_TABLE[i].0 as u32;
            if u >= 0xC0 && u <= 0xFF {
                t[(u - 0xC0) as usize] = FOLD_TABLE[i].1;
            }
            i += 1;
        }
        t
    };
    let u = c as u32;
    if (0xC0..=0xFF).contains(&u) {
        return LATIN1[(u - 0xC0) as usize];
    }
    FOLD_TABLE
        .iter()
        .find(|(k, _)| *k == c)
        .map(|(_, v)| *v)
        .unwrap_or("")
}

/// Exact matches of folded headers.
const EXACT: &[(&str, Role)] = &[
    ("email", Role::Email),
    ("e mail", Role::Email),
    ("mail", Role::Email),
    ("emails", Role::Email),
    ("courriel", Role::Email),
    ("mel", Role::Email),
    ("adresse mail", Role::Email),
    ("adresse email", Role::Email),
    ("adresse e mail", Role::Email),
    ("adresse electronique", Role::Email),
    ("email address", Role::Email),
    ("e mail address", Role::Email),
    ("mail address", Role::Email),
    ("portable", Role::Mobile),
    ("mobile", Role::Mobile),
    ("gsm", Role::Mobile),
    ("sms", Role::Mobile),
    ("cell", Role::Mobile),
    ("cellphone", Role::Mobile),
    ("cell phone", Role::Mobile),
    ("mobile phone", Role::Mobile),
    ("mobile phone number", Role::Mobile),
    ("fixe", Role::Landline),
    ("landline", Role::Landline),
    ("ligne fixe", Role::Landline),
    ("tel", Role::Phone),
    ("tel 1", Role::Phone),
    ("tel1", Role::Phone),
    ("telephone", Role::Phone),
    ("phone", Role::Phone),
    ("phone number", Role::Phone),
    ("numero de telephone", Role::Phone),
    ("fax", Role::Fax),
    ("telecopie", Role::Fax),
    ("civilite", Role::Civility),
    ("civ", Role::Civility),
    ("salutation", Role::Civility),
    ("genre", Role::Civility),
    ("sexe", Role::Civility),
    ("gender", Role::Civility),
    ("prenom", Role::FirstName),
    ("prenoms", Role::FirstName),
    ("first name", Role::FirstName),
    ("firstname", Role::FirstName),
    ("first", Role::FirstName),
    ("given name", Role::FirstName),
    ("givenname", Role::FirstName),
    ("forename", Role::FirstName),
    ("nom", Role::LastName),
    ("nom de famille", Role::LastName),
    ("last name", Role::LastName),
    ("lastname", Role::LastName),
    ("surname", Role::LastName),
    ("family name", Role::LastName),
    ("nom complet", Role::FullName),
    ("nom prenom", Role::FullName),
    ("prenom nom", Role::FullName),
    ("nom et prenom", Role::FullName),
    ("full name", Role::FullName),
    ("fullname", Role::FullName),
    ("name", Role::FullName),
    ("contact", Role::FullName),
    ("societe", Role::Company),
    ("entreprise", Role::Company),
    ("raison sociale", Role::Company),
    ("company", Role::Company),
    ("company name", Role::Company),
    ("account name", Role::Company),
    ("organisation", Role::Company),
    ("organization", Role::Company),
    ("etablissement", Role::Company),
    ("denomination", Role::Company),
    ("employer", Role::Company),
    ("siren", Role::Siren),
    ("siret", Role::Siret),
    ("tva", Role::Vat),
    ("vat", Role::Vat),
    ("naf", Role::Naf),
    ("ape", Role::Naf),
    ("adresse", Role::Address1),
    ("address", Role::Address1),
    ("street", Role::Address1),
    ("rue", Role::Address1),
    ("voie", Role::Address1),
    ("complement", Role::Address2),
    ("lieu dit", Role::Address2),
    ("batiment", Role::Address2),
    ("code postal", Role::Postcode),
    ("cp", Role::Postcode),
    ("c p", Role::Postcode),
    ("postal code", Role::Postcode),
    ("postcode", Role::Postcode),
    ("zip", Role::Postcode),
    ("zip code", Role::Postcode),
    ("zipcode", Role::Postcode),
    ("ville", Role::City),
    ("commune", Role::City),
    ("city", Role::City),
    ("town", Role::City),
    ("localite", Role::City),
    ("suburb", Role::City),
    ("pays", Role::Country),
    ("country", Role::Country),
    ("fonction", Role::JobTitle),
    ("poste", Role::JobTitle),
    ("job", Role::JobTitle),
    ("job title", Role::JobTitle),
    ("jobtitle", Role::JobTitle),
    ("title", Role::JobTitle),
    ("titre", Role::JobTitle),
    ("position", Role::JobTitle),
    ("profession", Role::JobTitle),
    ("metier", Role::JobTitle),
    ("optin", Role::Consent),
    ("opt in", Role::Consent),
    ("consentement", Role::Consent),
    ("consent", Role::Consent),
    ("accord", Role::Consent),
    ("partenaires", Role::ConsentPartners),
    ("source", Role::Source),
    ("origine", Role::Source),
    ("provenance", Role::Source),
    ("origin", Role::Source),
    ("lead source", Role::Source),
    ("commentaire", Role::FreeText),
    ("commentaires", Role::FreeText),
    ("notes", Role::FreeText),
    ("note", Role::FreeText),
    ("remarque", Role::FreeText),
    ("remarques", Role::FreeText),
    ("observations", Role::FreeText),
    ("comment", Role::FreeText),
    ("comments", Role::FreeText),
    ("description", Role::FreeText),
    ("memo", Role::FreeText),
    ("dob", Role::BirthDate),
    ("naissance", Role::BirthDate),
    ("birthday", Role::BirthDate),
    ("birthdate", Role::BirthDate),
    ("id", Role::Id),
    ("identifiant", Role::Id),
    ("ref", Role::Id),
    ("reference", Role::Id),
    ("created", Role::CollectionDate),
    ("created at", Role::CollectionDate),
];

/// Words of a header about the prospect's own last action.
const ACTIVITY: &[&str] = &[
    "activ",
    "action",
    "clic",
    "click",
    "commande",
    "order",
    "achat",
    "purchase",
    "connexion",
    "login",
    "seen",
    "visite",
    "engagement",
];

fn has(tokens: &[&str], words: &[&str]) -> bool {
    tokens.iter().any(|t| words.contains(t))
}

fn has_prefix(tokens: &[&str], prefixes: &[&str]) -> bool {
    tokens
        .iter()
        .any(|t| prefixes.iter().any(|p| t.starts_with(p)))
}

/// The role a header names, or `Role::Unknown`.
pub fn role_from_header(header: &str) -> Role {
    let folded = fold_header(header);
    if folded.is_empty() {
        return Role::Unknown;
    }
    if let Some((_, r)) = EXACT.iter().find(|(k, _)| *k == folded) {
        return *r;
    }
    // "opt-in" folds to "opt in": glue it so that it is one token.
    let glued = folded
        .replace("opt in", "optin")
        .replace("opt out", "optout")
        .replace("e mail", "email");
    let mut tokens: Vec<&str> = glued.split(' ').collect();
    // CRM address prefixes: Salesforce's MailingPostalCode, BillingCity...
    if tokens.len() > 1
        && matches!(
            tokens[0],
            "mailing" | "billing" | "shipping" | "other" | "home" | "work"
        )
    {
        tokens.remove(0);
        let rest = tokens.join(" ");
        if let Some((_, r)) = EXACT.iter().find(|(k, _)| *k == rest) {
            return *r;
        }
    }
    let t = &tokens[..];
    // An opt-out or unsubscribe flag is not a contact field: its meaning is the
    // opposite of a consent, and the campaign rules read it as such.
    if has_prefix(
        t,
        &[
            "optout",
            "unsubscri",
            "desinscri",
            "desabonn",
            "blacklist",
            "bloctel",
            "robinson",
        ],
    ) {
        return Role::Unknown;
    }

    let dateish = has(
        t,
        &["date", "le", "dt", "at", "on", "jour", "since", "depuis"],
    );
    let consentish = has_prefix(
        t,
        &[
            "optin",
            "consent",
            "accord",
            "abonne",
            "inscrit",
            "subscri",
            "newsletter",
            "permission",
        ],
    );
    if dateish {
        if consentish {
            return Role::ConsentDate;
        }
        if has_prefix(t, &["naissance", "birth"]) {
            return Role::BirthDate;
        }
        if has_prefix(t, ACTIVITY) {
            return Role::LastActivityDate;
        }
        if has_prefix(
            t,
            &[
                "collect",
                "inscription",
                "creat",
                "signup",
                "entree",
                "ajout",
                "added",
                "acquisition",
                "import",
                "capture",
            ],
        ) {
            return Role::CollectionDate;
        }
    }
    if has_prefix(t, &["derniere", "dernier", "last"]) && has_prefix(t, ACTIVITY) {
        return Role::LastActivityDate;
    }
    if consentish {
        if has_prefix(t, &["partenaire", "partner", "tiers", "third"]) {
            return Role::ConsentPartners;
        }
        if has_prefix(t, &["sms", "mms", "texto"]) {
            return Role::ConsentSms;
        }
        if has_prefix(t, &["tel", "phone", "appel", "call", "portable", "mobile"]) {
            return Role::ConsentPhone;
        }
        if has_prefix(t, &["courrier", "postal", "post", "papier", "mail"])
            && !has_prefix(t, &["email"])
        {
            // "optin mail" in French usually means email, "courrier" postal mail.
            if has_prefix(t, &["courrier", "postal", "post", "papier"]) {
                return Role::ConsentPostal;
            }
            return Role::ConsentEmail;
        }
        if has_prefix(t, &["email", "courriel", "newsletter"]) {
            return Role::ConsentEmail;
        }
        return Role::Consent;
    }
    if has_prefix(t, &["partenaire", "partner"]) && has_prefix(t, &["offre", "offer", "accept"]) {
        return Role::ConsentPartners;
    }
    if has_prefix(t, &["siret"]) {
        return Role::Siret;
    }
    if has_prefix(t, &["siren"]) {
        return Role::Siren;
    }
    if has(t, &["tva", "vat"]) {
        return Role::Vat;
    }
    if has(t, &["naf", "ape"]) {
        return Role::Naf;
    }
    if has_prefix(t, &["email", "mail", "courriel"]) {
        return Role::Email;
    }
    if has_prefix(t, &["fax", "telecopie"]) {
        return Role::Fax;
    }
    if has_prefix(t, &["portable", "mobile", "gsm", "cell"]) {
        return Role::Mobile;
    }
    if has(t, &["fixe", "landline"]) {
        return Role::Landline;
    }
    if has_prefix(t, &["tel", "phone"]) || has(t, &["numero", "num"]) && has_prefix(t, &["tel"]) {
        return Role::Phone;
    }
    if has_prefix(t, &["civilite", "salutation"]) {
        return Role::Civility;
    }
    if has_prefix(
        t,
        &[
            "societe",
            "entreprise",
            "company",
            "raison",
            "organi",
            "etablissement",
            "employeur",
            "employer",
            "compagnie",
            "firm",
        ],
    ) {
        return Role::Company;
    }
    if has_prefix(t, &["prenom", "firstname", "forename"]) || has(t, &["first", "given"]) {
        if has(t, &["nom", "name", "lastname"]) && !has(t, &["first", "given"]) {
            return Role::FullName;
        }
        return Role::FirstName;
    }
    if has(t, &["nom", "lastname", "surname", "last", "family"]) {
        return Role::LastName;
    }
    if has(t, &["name", "fullname"]) {
        return Role::FullName;
    }
    if has(t, &["cp", "zip", "postcode", "postal", "postale"])
        || (has(t, &["code"]) && has_prefix(t, &["post"]))
    {
        return Role::Postcode;
    }
    if has_prefix(
        t,
        &["ville", "city", "commune", "town", "localite", "suburb"],
    ) {
        return Role::City;
    }
    if has(t, &["pays", "country"]) {
        return Role::Country;
    }
    if has_prefix(
        t,
        &[
            "adresse",
            "address",
            "addr",
            "adr",
            "street",
            "rue",
            "voie",
            "complement",
        ],
    ) {
        if has(t, &["3", "ligne3", "line3"]) {
            return Role::Address3;
        }
        if has(t, &["2", "ligne2", "line2"]) || has_prefix(t, &["complement"]) {
            return Role::Address2;
        }
        return Role::Address1;
    }
    if has_prefix(
        t,
        &[
            "fonction",
            "poste",
            "job",
            "profession",
            "metier",
            "intitule",
        ],
    ) {
        return Role::JobTitle;
    }
    if has_prefix(
        t,
        &[
            "commentaire",
            "remarque",
            "observation",
            "comment",
            "note",
            "memo",
        ],
    ) {
        return Role::FreeText;
    }
    if has_prefix(t, &["source", "origine", "provenance"]) {
        return Role::Source;
    }
    if has_prefix(t, &["naissance", "birth"]) {
        return Role::BirthDate;
    }
    if dateish && has_prefix(t, &["collect"]) {
        return Role::CollectionDate;
    }
    Role::Unknown
}

/// A rough kind of a cell value, used to confirm or correct roles from a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Empty or blanks only.
    Empty,
    /// Looks like an email address.
    Email,
    /// Looks like a phone number.
    Phone,
    /// Five digits.
    Postcode,
    /// Looks like a date.
    Date,
    /// Yes/no.
    YesNo,
    /// A civility (M., Mme, Mr, Mrs...).
    Civility,
    /// Anything else.
    Other,
}

/// Classifies a value roughly (no validation: that is the field checks' job).
pub fn classify(value: &str) -> ValueKind {
    let v = value.trim();
    if v.is_empty() {
        return ValueKind::Empty;
    }
    if let Some(at) = v.find('@') {
        let (local, domain) = (&v[..at], &v[at + 1..]);
        if !local.is_empty() && domain.contains('.') && !v.contains(' ') {
            return ValueKind::Email;
        }
    }
    let lower = v.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "oui"
            | "non"
            | "o"
            | "n"
            | "y"
            | "yes"
            | "no"
            | "true"
            | "false"
            | "vrai"
            | "faux"
            | "x"
            | "0"
            | "1"
            | "ok"
    ) {
        return ValueKind::YesNo;
    }
    if matches!(
        lower.trim_end_matches('.'),
        "m" | "mme"
            | "mlle"
            | "mr"
            | "mrs"
            | "ms"
            | "miss"
            | "monsieur"
            | "madame"
            | "mademoiselle"
            | "dr"
            | "me"
    ) {
        return ValueKind::Civility;
    }
    let bytes = v.as_bytes();
    if bytes.len() == 5 && bytes.iter().all(u8::is_ascii_digit) {
        return ValueKind::Postcode;
    }
    if looks_like_date(v) {
        return ValueKind::Date;
    }
    let mut digits = 0;
    let mut ok = true;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' => digits += 1,
            b' ' | b'.' | b'-' | b'(' | b')' | b'/' => {}
            b'+' if i == 0 => {}
            _ => {
                ok = false;
                break;
            }
        }
    }
    if ok
        && (9..=15).contains(&digits)
        && (bytes[0] == b'0' || bytes[0] == b'+' || bytes[0] == b'(' || digits == 9)
    {
        return ValueKind::Phone;
    }
    ValueKind::Other
}

fn looks_like_date(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 8 {
        return false;
    }
    let d = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let sep = |i: usize| matches!(b.get(i), Some(b'/' | b'-' | b'.'));
    // 2026-11-23...
    if d(0) && d(1) && d(2) && d(3) && sep(4) && d(5) && sep(7) | sep(6) {
        return true;
    }
    // 23/11/2026, 23-11-26, 1/2/2026
    let first_sep = b.iter().position(|c| !c.is_ascii_digit());
    match first_sep {
        Some(i @ 1..=2) if sep(i) => {
            let rest = &b[i + 1..];
            let j = rest.iter().position(|c| !c.is_ascii_digit());
            matches!(j, Some(1..=2)) && sep(i + 1 + j.unwrap_or(0)) && d(i + 2 + j.unwrap_or(0))
        }
        _ => false,
    }
}

/// Counts of value kinds in a column's sample.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// Non-empty values seen.
    pub non_empty: u32,
    /// Emails.
    pub email: u32,
    /// Phones.
    pub phone: u32,
    /// Postcodes.
    pub postcode: u32,
    /// Dates.
    pub date: u32,
    /// Yes/no.
    pub yes_no: u32,
    /// Civilities.
    pub civility: u32,
}

impl KindCounts {
    /// Adds one value.
    pub fn add(&mut self, value: &str) {
        let k = classify(value);
        if k == ValueKind::Empty {
            return;
        }
        self.non_empty += 1;
        match k {
            ValueKind::Email => self.email += 1,
            ValueKind::Phone => self.phone += 1,
            ValueKind::Postcode => self.postcode += 1,
            ValueKind::Date => self.date += 1,
            ValueKind::YesNo => self.yes_no += 1,
            ValueKind::Civility => self.civility += 1,
            ValueKind::Empty | ValueKind::Other => {}
        }
    }

    fn share(&self, n: u32) -> bool {
        // At least 80% of at least 3 non-empty values.
        self.non_empty >= 3 && n * 5 >= self.non_empty * 4
    }
}

/// Confirms or corrects a header's role with the column's sampled values.
/// Returns the role and whether the values changed it.
pub fn confirm_role(header_role: Role, counts: &KindCounts) -> (Role, bool) {
    let r = header_role;
    if counts.share(counts.email) {
        return (Role::Email, r != Role::Email);
    }
    if r == Role::Email && counts.non_empty >= 5 && counts.email * 5 < counts.non_empty {
        // Headed "email" but not emails: fall through to a content guess.
        let (guess, _) = confirm_role(Role::Unknown, counts);
        return (guess, true);
    }
    if r == Role::JobTitle && counts.share(counts.civility) {
        return (Role::Civility, true);
    }
    if r == Role::Mobile && counts.share(counts.yes_no) {
        return (Role::ConsentSms, true);
    }
    if r == Role::Unknown {
        if counts.share(counts.phone) {
            return (Role::Phone, true);
        }
        if counts.share(counts.postcode) {
            return (Role::Postcode, true);
        }
        if counts.share(counts.civility) {
            return (Role::Civility, true);
        }
    }
    (r, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_char_indexes_latin1_as_the_table_says() {
        for u in 0..0x800u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let want = if c.is_ascii() {
                c.encode_utf8(&mut [0; 4]).to_string()
            } else {
                FOLD_TABLE
                    .iter()
                    .find(|(k, _)| *k == c)
                    .map_or(String::new(), |(_, v)| v.to_string())
            };
            assert_eq!(fold_char(c), want, "U+{u:04X}");
        }
        assert_eq!(fold_char('é'), "e");
        assert_eq!(fold_char('Œ'), "OE");
        assert_eq!(fold_char('ß'), "ss");
        assert_eq!(fold_char('÷'), "");
    }
}
