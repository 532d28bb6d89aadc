//! A synthetic, messy French prospect file, for demos, benchmarks and accuracy tests.
//!
//! The file looks like a real rented B2B/B2C file exported from French Excel:
//! Windows-1252, `;` delimiter, CRLF, French headers ([`HEADER`]), phones and dates
//! written every way, a mix of good rows and rows with the defects a buyer meets
//! (typo'd and role emails, disposable domains, eaten leading zeros, bad postcodes,
//! broken SIRET checksums, stale and future dates, duplicates, a ragged row, a formula
//! cell, a sensitive comment...). Every value is synthetic: names are combinations of
//! common first names and surnames, companies are made up, postcodes and communes are
//! real (postcode, commune) pairs. No real person's data.
//!
//! Generation is deterministic from [`DemoSpec::seed`] (a hand-rolled SplitMix64: no
//! clock, no I/O, the same bytes on every platform, wasm32 included) and streaming:
//! [`DemoFile::next_chunk`] yields the file a few hundred rows at a time, so a
//! million-row file never sits in memory.
//!
//! # Planted defects
//!
//! Every defect planted on purpose is recorded as a [`Planted`] (data row number, from 1
//! as in [`crate::Position::row`], and a kind named after the finding code it should
//! trigger); [`KINDS`] lists and describes them. A row carries at most one planted
//! defect. Rows not listed are meant to be clean: valid email on a webmail or company
//! domain, valid French phone numbers outside call-centre and fiction ranges, a real
//! postcode and commune pair, a valid SIRET, a collection date within the two years
//! before [`REFERENCE_DATE`], a readable yes/no consent.
//!
//! Some mess is not a defect and is not recorded: phones and dates written every way,
//! yes/no written every way, upper-case surnames, a postcode whose leading zero a
//! spreadsheet ate (`6000`, still readable), a quoted comment holding `;`, quotes or a
//! line break, curly apostrophes and `€` (Windows-1252 only).
//!
//! No two people share an email address or a phone number, so the only duplicates are
//! the planted ones, up to these sizes: personal emails are always unique (past 19,104
//! people, names repeat and the address gets a number: `jean.martin2@...`); mobiles and
//! landlines up to 10 million rows; companies are distinct up to 6,824 people, and
//! beyond that several contacts share a company, so planted role addresses
//! (`contact@company.fr`) can repeat; fiction-range numbers repeat past 10,000 rows.
//! Typo domains that disposable-domain lists also carry (`gmial.com`) are not used, so
//! that a row shows one planted defect.
//!
//! ```
//! use tamis::demo::{demo_bytes, DemoSpec};
//! let bytes = demo_bytes(DemoSpec { rows: 50, seed: 7 });
//! assert!(bytes.starts_with(b"Civilit\xe9;Pr\xe9nom;Nom;"));
//! ```

use std::collections::VecDeque;

use encoding_rs::WINDOWS_1252;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DemoSpec {
    /// Number of data rows (the header line is not counted).
    pub rows: u64,
    /// The seed: the same seed gives the same bytes.
    pub seed: u64,
}

/// A defect planted on purpose in a data row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Planted {
    /// Data row number, from 1 (the header is not a data row).
    pub row: u64,
    /// The finding code it should trigger (see [`KINDS`]).
    pub kind: &'static str,
}

/// The day the file's dates are relative to: good rows were collected in the two
/// years before it, stale ones more than three years before, future ones after 2044.
pub const REFERENCE_DATE: &str = "2026-11-01";
const REF_DAYS: i64 = days_from_civil(2026, 11, 1);

/// The header line's fields.
pub const HEADER: [&str; 17] = [
    "Civilité",
    "Prénom",
    "Nom",
    "Société",
    "Fonction",
    "SIRET",
    "Adresse",
    "Complément",
    "Code postal",
    "Ville",
    "E-mail",
    "Téléphone",
    "Portable",
    "Optin email",
    "Date de collecte",
    "Source",
    "Commentaire",
];

const C_FIRST: usize = 1;
const C_LAST: usize = 2;
const C_COMPANY: usize = 3;
const C_SIRET: usize = 5;
const C_ADDR: usize = 6;
const C_POSTCODE: usize = 8;
const C_CITY: usize = 9;
const C_EMAIL: usize = 10;
const C_PHONE: usize = 11;
const C_MOBILE: usize = 12;
const C_OPTIN: usize = 13;
const C_DATE: usize = 14;
const C_SOURCE: usize = 15;
const C_COMMENT: usize = 16;

const EMAIL_INVALID: &str = "email.invalid";
const EMAIL_TYPO: &str = "email.typo";
const EMAIL_ROLE: &str = "email.role";
const EMAIL_DISPOSABLE: &str = "email.disposable";
const EMAIL_DEAD: &str = "email.dead_domain";
const EMAIL_RESERVED: &str = "email.reserved";
const PHONE_INVALID: &str = "phone.invalid";
const PHONE_ZERO: &str = "phone.zero_restored";
const PHONE_CALL_CENTRE: &str = "phone.call_centre";
const PHONE_FICTION: &str = "phone.fiction";
const POSTCODE_INVALID: &str = "postal.invalid_postcode";
const POSTCODE_CITY: &str = "postal.city_mismatch";
const SIRET_CHECKSUM: &str = "siren.invalid";
const DATE_STALE: &str = "date.stale";
const DATE_FUTURE: &str = "date.future";
const DATE_INVALID: &str = "date.invalid";
const CONSENT_UNKNOWN: &str = "consent.unknown";
const DUP_EXACT: &str = "dup.exact";
const DUP_NEAR: &str = "dup.fuzzy";
const RAGGED: &str = "csv.ragged_row";
const FORMULA: &str = "cell.formula";
const SENSITIVE: &str = "content.sensitive";

/// Every planted kind with what the generator does, sorted by kind.
pub const KINDS: &[(&str, &str)] = &[
    (
        FORMULA,
        "a cell starting with = - or @ (=HYPERLINK(...), =SOMME(...), @handle, - note)",
    ),
    (
        CONSENT_UNKNOWN,
        "the email opt-in is neither yes nor no (peut-être, ?, NC...)",
    ),
    (
        SENSITIVE,
        "a comment revealing health, union, political, religious or judicial data",
    ),
    (RAGGED, "the last one or two fields are missing"),
    (
        DATE_FUTURE,
        "a collection date after 2044 (a mistyped year)",
    ),
    (
        DATE_INVALID,
        "a collection date that does not exist (31/02/2024, 00/00/0000...)",
    ),
    (
        DATE_STALE,
        "a collection date more than three years before the reference date",
    ),
    (
        DUP_EXACT,
        "an earlier row again, verbatim or with email case and phone format changed",
    ),
    (
        DUP_NEAR,
        "an earlier person again, name and address typed differently, other email, no phone",
    ),
    (EMAIL_DEAD, "an address on voila.fr (closed in 2016)"),
    (
        EMAIL_DISPOSABLE,
        "an address on a disposable-mail domain (yopmail.com...)",
    ),
    (
        EMAIL_INVALID,
        "an address that breaks the syntax (@@, no @, a space, no TLD, a comma)",
    ),
    (
        EMAIL_RESERVED,
        "an address on a reserved domain (example.com, .test)",
    ),
    (
        EMAIL_ROLE,
        "a role address on the company's domain (contact@, info@, accueil@...)",
    ),
    (
        EMAIL_TYPO,
        "a misspelt webmail domain (gamil.com, ornage.fr, wanadoo.ff...)",
    ),
    (
        PHONE_CALL_CENTRE,
        "a landline in an ARCEP call-centre range (01 62, 02 70...)",
    ),
    (
        PHONE_FICTION,
        "a number in a range reserved for fiction (01 99 00, 06 39 98...)",
    ),
    (
        PHONE_INVALID,
        "a number of the wrong length, or all zeros or nines",
    ),
    (
        PHONE_ZERO,
        "a mobile whose leading zero Excel ate (612345678)",
    ),
    (
        POSTCODE_CITY,
        "a real postcode with the commune of another département",
    ),
    (
        POSTCODE_INVALID,
        "a postcode that cannot exist (96xxx, six digits, 00000, 2A004)",
    ),
    (
        SIRET_CHECKSUM,
        "a SIRET whose last digit is wrong (Luhn check fails)",
    ),
];

/// Slots per block of 100 rows: how many rows of each kind (the rest are clean).
const BLOCK: usize = 100;
const MIX: &[(Slot, u32)] = &[
    (Slot::Defect(EMAIL_INVALID), 2),
    (Slot::Defect(EMAIL_TYPO), 3),
    (Slot::Defect(EMAIL_ROLE), 2),
    (Slot::Defect(EMAIL_DISPOSABLE), 1),
    (Slot::Defect(EMAIL_DEAD), 1),
    (Slot::Defect(EMAIL_RESERVED), 1),
    (Slot::Defect(PHONE_INVALID), 2),
    (Slot::Defect(PHONE_ZERO), 2),
    (Slot::Defect(PHONE_CALL_CENTRE), 1),
    (Slot::Defect(PHONE_FICTION), 1),
    (Slot::Defect(POSTCODE_INVALID), 1),
    (Slot::PostcodeZero, 1),
    (Slot::Defect(POSTCODE_CITY), 1),
    (Slot::Defect(SIRET_CHECKSUM), 1),
    (Slot::Defect(DATE_STALE), 3),
    (Slot::Defect(DATE_FUTURE), 1),
    (Slot::Defect(DATE_INVALID), 1),
    (Slot::Defect(CONSENT_UNKNOWN), 1),
    (Slot::Defect(DUP_EXACT), 2),
    (Slot::Defect(DUP_NEAR), 1),
    (Slot::Defect(RAGGED), 1),
    (Slot::Defect(FORMULA), 1),
    (Slot::Defect(SENSITIVE), 1),
    (Slot::Multiline, 1),
];

/// Rows per chunk from [`DemoFile::next_chunk`].
const CHUNK_ROWS: u64 = 512;
/// Clean rows kept to be duplicated later.
const RECENT: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Clean,
    /// A clean row whose comment spans two lines (a quoted field with a newline).
    Multiline,
    /// A clean row whose postcode lost its leading zero (`6000` for Nice): readable,
    /// so not a finding.
    PostcodeZero,
    Defect(&'static str),
}

// ---------------------------------------------------------------------------------
// Tables. Only characters that Windows-1252 can encode.

#[rustfmt::skip]
pub(crate) const FIRST_MALE: &[&str] = &[
    "Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Bernard", "Jacques",
    "François", "Daniel", "Patrick", "Nicolas", "Christophe", "Stéphane", "Laurent",
    "Frédéric", "Julien", "Sébastien", "Thierry", "Éric", "David", "Olivier", "Pascal",
    "Guillaume", "Thomas", "Antoine", "Maxime", "Alexandre", "Hugo", "Lucas", "Louis",
    "Gabriel", "Arthur", "Raphaël", "Mathieu", "Benoît", "Jérôme", "Cédric", "Yannick",
    "Hervé", "Jean-Pierre", "Jean-Luc", "Jean-François", "Gérard", "Rémi", "Loïc", "Noël",
    "Grégoire",
];

#[rustfmt::skip]
pub(crate) const FIRST_FEMALE: &[&str] = &[
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Martine",
    "Christine", "Monique", "Valérie", "Sandrine", "Stéphanie", "Céline", "Sophie", "Julie",
    "Aurélie", "Émilie", "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Laura",
    "Pauline", "Mathilde", "Hélène", "Élodie", "Anne", "Brigitte", "Véronique", "Chantal",
    "Nadine", "Agnès", "Lætitia", "Mélanie", "Margaux", "Zoé", "Océane", "Anaïs",
    "Marie-Claire", "Anne-Sophie", "Béatrice", "Danièle", "Geneviève", "Josiane", "Maëlle",
    "Clémence",
];

#[rustfmt::skip]
pub(crate) const SURNAMES: &[&str] = &[
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
    "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David",
    "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine",
    "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André", "Mercier", "Blanc",
    "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
    "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël",
    "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas",
    "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard",
    "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre",
    "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois",
    "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume",
    "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier",
    "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps", "Huet", "Vasseur", "Perez",
    "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Poirier", "Marty", "Aubry",
    "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron",
    "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger",
    "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Cousin", "Germain",
    "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier",
    "Leblanc", "Barré", "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger",
    "Jacob", "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Étienne", "Grondin",
    "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet",
    "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
    "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier",
    "Carlier", "Laporte", "d'Almeida", "N'Diaye",
];

/// People drawn without repetition before names repeat.
const NAME_SPACE: u64 = ((FIRST_MALE.len() + FIRST_FEMALE.len()) * SURNAMES.len()) as u64;

pub(crate) struct City {
    pub(crate) postcode: &'static str,
    pub(crate) name: &'static str,
    /// Landline prefix of the area, empty for overseas (no landline generated).
    pub(crate) tel: &'static str,
}

macro_rules! city {
    ($cp:expr, $name:expr, $tel:expr) => {
        City {
            postcode: $cp,
            name: $name,
            tel: $tel,
        }
    };
}

/// Real (postcode, commune) pairs.
pub(crate) const CITIES: &[City] = &[
    city!("75001", "Paris", "01"),
    city!("75008", "Paris", "01"),
    city!("75011", "Paris", "01"),
    city!("75015", "Paris", "01"),
    city!("75017", "Paris", "01"),
    city!("75020", "Paris", "01"),
    city!("92100", "Boulogne-Billancourt", "01"),
    city!("92000", "Nanterre", "01"),
    city!("93100", "Montreuil", "01"),
    city!("94000", "Créteil", "01"),
    city!("95000", "Cergy", "01"),
    city!("78000", "Versailles", "01"),
    city!("77000", "Melun", "01"),
    city!("91000", "Évry-Courcouronnes", "01"),
    city!("13001", "Marseille", "04"),
    city!("13008", "Marseille", "04"),
    city!("13100", "Aix-en-Provence", "04"),
    city!("69001", "Lyon", "04"),
    city!("69003", "Lyon", "04"),
    city!("69007", "Lyon", "04"),
    city!("69100", "Villeurbanne", "04"),
    city!("31000", "Toulouse", "05"),
    city!("06000", "Nice", "04"),
    city!("06400", "Cannes", "04"),
    city!("44000", "Nantes", "02"),
    city!("67000", "Strasbourg", "03"),
    city!("34000", "Montpellier", "04"),
    city!("33000", "Bordeaux", "05"),
    city!("59000", "Lille", "03"),
    city!("35000", "Rennes", "02"),
    city!("51100", "Reims", "03"),
    city!("76600", "Le Havre", "02"),
    city!("76000", "Rouen", "02"),
    city!("42000", "Saint-Étienne", "04"),
    city!("83000", "Toulon", "04"),
    city!("38000", "Grenoble", "04"),
    city!("21000", "Dijon", "03"),
    city!("49000", "Angers", "02"),
    city!("30000", "Nîmes", "04"),
    city!("63000", "Clermont-Ferrand", "04"),
    city!("72000", "Le Mans", "02"),
    city!("29200", "Brest", "02"),
    city!("29000", "Quimper", "02"),
    city!("37000", "Tours", "02"),
    city!("80000", "Amiens", "03"),
    city!("87000", "Limoges", "05"),
    city!("74000", "Annecy", "04"),
    city!("66000", "Perpignan", "04"),
    city!("57000", "Metz", "03"),
    city!("25000", "Besançon", "03"),
    city!("45000", "Orléans", "02"),
    city!("68100", "Mulhouse", "03"),
    city!("14000", "Caen", "02"),
    city!("54000", "Nancy", "03"),
    city!("86000", "Poitiers", "05"),
    city!("64000", "Pau", "05"),
    city!("64200", "Biarritz", "05"),
    city!("17000", "La Rochelle", "05"),
    city!("56000", "Vannes", "02"),
    city!("22000", "Saint-Brieuc", "02"),
    city!("84000", "Avignon", "04"),
    city!("73000", "Chambéry", "04"),
    city!("26000", "Valence", "04"),
    city!("18000", "Bourges", "02"),
    city!("41000", "Blois", "02"),
    city!("10000", "Troyes", "03"),
    city!("60000", "Beauvais", "03"),
    city!("62000", "Arras", "03"),
    city!("71100", "Chalon-sur-Saône", "03"),
    city!("85000", "La Roche-sur-Yon", "02"),
    city!("24000", "Périgueux", "05"),
    city!("40000", "Mont-de-Marsan", "05"),
    city!("65000", "Tarbes", "05"),
    city!("81000", "Albi", "05"),
    city!("12000", "Rodez", "05"),
    city!("19100", "Brive-la-Gaillarde", "05"),
    city!("20000", "Ajaccio", "04"),
    city!("20200", "Bastia", "04"),
    city!("01000", "Bourg-en-Bresse", "04"),
    city!("02100", "Saint-Quentin", "03"),
    city!("03100", "Montluçon", "04"),
    city!("04000", "Digne-les-Bains", "04"),
    city!("05000", "Gap", "04"),
    city!("07000", "Privas", "04"),
    city!("08000", "Charleville-Mézières", "03"),
    city!("09000", "Foix", "05"),
    city!("97400", "Saint-Denis", ""),
    city!("97200", "Fort-de-France", ""),
];

pub(crate) const STREET_TYPES: &[(&str, &str, u32)] = &[
    ("rue", "r.", 50),
    ("avenue", "av.", 14),
    ("boulevard", "bd", 8),
    ("place", "pl.", 5),
    ("impasse", "imp.", 5),
    ("allée", "all.", 5),
    ("chemin", "ch.", 5),
    ("route", "rte", 4),
    ("quai", "qu.", 2),
    ("cours", "crs", 2),
];

pub(crate) const STREET_NAMES: &[&str] = &[
    "de la République",
    "Victor Hugo",
    "Jean Jaurès",
    "du Général de Gaulle",
    "Pasteur",
    "de la Gare",
    "des Lilas",
    "du Moulin",
    "de l'Église",
    "de l’Église",
    "Gambetta",
    "du Maréchal Foch",
    "de la Liberté",
    "des Écoles",
    "du Château",
    "Émile Zola",
    "de Verdun",
    "de la Paix",
    "des Tilleuls",
    "Voltaire",
    "Jules Ferry",
    "de Paris",
    "du Stade",
    "des Acacias",
    "Saint-Michel",
    "Saint-Jacques",
    "du 8 Mai 1945",
    "de la Fontaine",
    "des Peupliers",
    "Carnot",
    "Pierre Brossolette",
    "Anatole France",
    "de Bretagne",
    "du Port",
    "Sainte-Anne",
    "des Vignes",
];

const COMPLEMENT_B2C: &[&str] = &[
    "Bât. B",
    "Appt 12",
    "Résidence Les Tilleuls",
    "Escalier C",
    "2e étage",
    "Lieu-dit La Croix",
    "Appartement 4",
];

const COMPLEMENT_B2B: &[&str] = &[
    "ZI Nord",
    "ZA du Moulin",
    "Parc d’activités des Landes",
    "Bâtiment A",
    "3e étage",
    "Immeuble Le Central",
    "BP 45",
];

const ACTIVITIES: &[&str] = &[
    "Transports",
    "Boulangerie",
    "Menuiserie",
    "Garage",
    "Cabinet",
    "Pharmacie",
    "Plomberie",
    "Imprimerie",
    "Électricité",
    "Maçonnerie",
    "Atelier",
    "Librairie",
    "Fromagerie",
    "Architectes",
    "Agence",
    "Conseil",
    "Carrosserie",
    "Paysages",
    "Optique",
    "Traiteur",
];

#[rustfmt::skip]
const BRAND_A: &[&str] = &[
    "Nova", "Arvo", "Tech", "Alti", "Cléa", "Déco", "Evo", "Horiz", "Lumi", "Medi", "Océa",
    "Prima", "Quadri", "Soli", "Terra", "Vita",
];
#[rustfmt::skip]
const BRAND_B: &[&str] = &[
    "tek", "ris", "line", "net", "sys", "form", "lab", "via", "com", "data", "pro", "nov",
    "sphère", "log", "mat", "ware",
];
const BRAND_C: &[&str] = &[
    "",
    " Solutions",
    " Conseil",
    " Industrie",
    " Services",
    " Consulting",
    " Énergies",
    " Distribution",
];

const LEGAL_FORMS: &[(&str, u32)] = &[
    ("", 40),
    (" SARL", 25),
    (" SAS", 25),
    (" EURL", 6),
    (" SA", 4),
];

const COMPANY_SUFFIX: &[&str] = &[" & Fils", " et Associés", " Frères", " Père & Fils"];

const JOBS: &[&str] = &[
    "Gérant",
    "Gérante",
    "Directeur commercial",
    "Directrice marketing",
    "Responsable achats",
    "Comptable",
    "DRH",
    "Assistante de direction",
    "Chef de projet",
    "Président",
    "Responsable informatique",
    "Directeur administratif et financier",
    "Office manager",
    "Responsable des services généraux",
];

const WEBMAIL: &[(&str, u32)] = &[
    ("orange.fr", 20),
    ("gmail.com", 22),
    ("free.fr", 10),
    ("wanadoo.fr", 8),
    ("sfr.fr", 6),
    ("laposte.net", 6),
    ("hotmail.fr", 8),
    ("yahoo.fr", 5),
    ("outlook.fr", 4),
    ("live.fr", 3),
    ("icloud.com", 3),
    ("bbox.fr", 2),
    ("neuf.fr", 2),
    ("hotmail.com", 2),
];

const TYPO_DOMAINS: &[&str] = &[
    "gamil.com",
    "gmai.com",
    "gmail.con",
    "gnail.com",
    "hotmial.fr",
    "hotmal.fr",
    "ornage.fr",
    "orange.fe",
    "oragne.fr",
    "wanadoo.ff",
    "wanado.fr",
    "yaho.fr",
    "yahou.fr",
    "free.fe",
    "lapost.net",
    "laposte.ne",
    "outlok.fr",
    "sfr.ff",
];

const DISPOSABLE: &[&str] = &[
    "yopmail.com",
    "yopmail.fr",
    "mailinator.com",
    "jetable.org",
    "trashmail.com",
    "guerrillamail.com",
    "10minutemail.com",
];

const RESERVED: &[&str] = &["example.com", "example.org", "example.net", "domaine.test"];

const ROLE_LOCALS: &[&str] = &[
    "contact",
    "info",
    "accueil",
    "commercial",
    "direction",
    "compta",
    "secretariat",
    "rh",
];

const YES: &[(&str, u32)] = &[
    ("oui", 25),
    ("Oui", 20),
    ("OUI", 10),
    ("O", 8),
    ("1", 12),
    ("x", 5),
    ("X", 5),
    ("yes", 3),
    ("true", 3),
    ("VRAI", 4),
];
const NO: &[(&str, u32)] = &[
    ("non", 25),
    ("Non", 20),
    ("NON", 10),
    ("N", 8),
    ("0", 12),
    ("no", 3),
    ("false", 3),
    ("FAUX", 4),
];
const UNKNOWN_CONSENT: &[&str] = &["peut-être", "?", "NC", "à vérifier", "oui/non", "Inconnu"];

const SOURCES: &[(&str, u32)] = &[
    ("Formulaire site web", 25),
    ("Jeu-concours été 2025", 10),
    ("Salon des Entrepreneurs", 8),
    ("Salon Batimat", 5),
    ("Partenaire (co-registration)", 10),
    ("Achat fichier", 8),
    ("Newsletter", 12),
    ("Parrainage", 5),
    ("Livre blanc", 7),
    ("Webinaire", 5),
    ("", 5),
];

const NOTES: &[&str] = &[
    "Rappeler en septembre",
    "Intéressé par un devis",
    "A déjà commandé en 2024",
    "Préfère être contacté par email",
    "Budget 5 000 € environ",
    "Pas intéressé pour le moment",
    "Interlocuteur : service achats",
    "Intéressé; rappeler après 18h",
    "A dit \"plutôt au printemps\"",
    "Envoyer la brochure",
    "Client d’un concurrent",
];

const MULTILINE_NOTES: &[&str] = &[
    "Rappeler en janvier\r\nDemander le service achats",
    "Rendez-vous annulé\r\nA recontacter",
    "Salon 2025 : stand B12\r\nVu avec l’assistante",
];

const SENSITIVE_NOTES: &[&str] = &[
    "Diabétique, préfère les RDV le matin",
    "Délégué syndical CGT",
    "Sympathisant du parti, très engagé aux municipales",
    "Catholique pratiquant",
    "Suivi psychiatrique en cours",
    "Handicap moteur, fauteuil roulant",
    "Condamné en 2019, voir dossier",
    "Enceinte, congé maternité jusqu'en mars",
];

const INVALID_DATES: &[&str] = &[
    "31/02/2024",
    "00/00/0000",
    "32/13/2023",
    "2024-13-05",
    "30/02/2025",
];

const CALL_CENTRE: &[&str] = &[
    "0162", "0163", "0270", "0271", "0377", "0378", "0424", "0425", "0568", "0569",
];
pub(crate) const FICTION: &[&str] = &["019900", "026191", "035301", "046571", "053649", "063998"];

// ---------------------------------------------------------------------------------
// PRNG and permutations.

/// SplitMix64: tiny, fast, and the same sequence on every platform (the demo file, and
/// the crate's randomised unit tests).
#[derive(Debug, Clone)]
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.index(xs.len())]
    }

    fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u64 = xs.iter().map(|x| u64::from(x.1)).sum();
        let mut r = self.below(total);
        for &(x, w) in xs {
            if r < u64::from(w) {
                return x;
            }
            r -= u64::from(w);
        }
        xs[xs.len() - 1].0
    }
}

/// `x ↦ (a·x + b) mod n`, a bijection of `0..n` when `gcd(a, n) = 1`.
#[derive(Debug, Clone, Copy)]
struct Affine {
    a: u64,
    b: u64,
    n: u64,
}

impl Affine {
    fn new(rng: &mut Rng, n: u64) -> Affine {
        let mut a = 1 + rng.below(n.max(2) - 1);
        while gcd(a, n) != 1 {
            a += 1;
        }
        Affine {
            a,
            b: rng.below(n),
            n,
        }
    }

    fn apply(self, x: u64) -> u64 {
        ((u128::from(self.a) * u128::from(x % self.n) + u128::from(self.b)) % u128::from(self.n))
            as u64
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

// ---------------------------------------------------------------------------------
// Dates.

const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Writes a date the ways French files do (a two-digit year only if `short_year`).
fn format_date(rng: &mut Rng, days: i64, short_year: bool) -> String {
    let (y, m, d) = civil_from_days(days);
    let short = if short_year { 8 } else { 0 };
    match rng.weighted(&[(0u8, 55), (1, 15), (2, 15), (3, short), (4, 7)]) {
        0 => format!("{d:02}/{m:02}/{y:04}"),
        1 => format!("{y:04}-{m:02}-{d:02}"),
        2 => format!(
            "{d:02}/{m:02}/{y:04} {:02}:{:02}",
            8 + rng.below(12),
            rng.below(60)
        ),
        3 => format!("{d:02}-{m:02}-{:02}", y.rem_euclid(100)),
        _ => (days - days_from_civil(1899, 12, 30)).to_string(),
    }
}

// ---------------------------------------------------------------------------------
// Text helpers.

/// Lower-case ASCII for email local parts and domains: accents dropped, spaces and
/// apostrophes removed, hyphens kept.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'a'..='z' | '0'..='9' | '-' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => out.push('a'),
            'ç' | 'Ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => out.push('e'),
            'î' | 'ï' | 'Î' | 'Ï' => out.push('i'),
            'ô' | 'ö' | 'Ô' | 'Ö' => out.push('o'),
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => out.push('u'),
            'ÿ' => out.push('y'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            _ => {}
        }
    }
    out
}

/// Drops accents but keeps case and punctuation (a near-duplicate's spelling).
fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'É' | 'È' | 'Ê' => 'E',
            'À' | 'Â' => 'A',
            'Î' => 'I',
            'Ô' => 'O',
            'Ç' => 'C',
            c => c,
        })
        .collect()
}

fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

fn digits_str(d: &[u8]) -> String {
    d.iter().map(|&x| char::from(b'0' + x)).collect()
}

/// The last `n` decimal digits of `x`, most significant first.
fn digits_of(mut x: u64, n: usize) -> Vec<u8> {
    let mut v = vec![0u8; n];
    for slot in v.iter_mut().rev() {
        *slot = (x % 10) as u8;
        x /= 10;
    }
    v
}

/// Writes a 10-digit national number (`0XXXXXXXXX`) in one of the usual styles.
fn format_phone(rng: &mut Rng, d: &[u8; 10]) -> String {
    let s = digits_str(d);
    let pairs = |sep: &str| -> String {
        (0..5)
            .map(|i| &s[2 * i..2 * i + 2])
            .collect::<Vec<_>>()
            .join(sep)
    };
    let rest = |sep: &str| -> String {
        let tail = &s[2..];
        (0..4)
            .map(|i| &tail[2 * i..2 * i + 2])
            .collect::<Vec<_>>()
            .join(sep)
    };
    match rng.weighted(&[(0u8, 45), (1, 20), (2, 10), (3, 8), (4, 8), (5, 4), (6, 5)]) {
        0 => pairs(" "),
        1 => s,
        2 => format!("+33 {} {}", &s[1..2], rest(" ")),
        3 => format!("+33{}", &s[1..]),
        4 => pairs("."),
        5 => pairs("-"),
        _ => format!("+33 (0){} {}", &s[1..2], rest(" ")),
    }
}

fn luhn_ok(d: &[u8]) -> bool {
    crate::checks::company::luhn_values(d)
}

/// Appends the digit that makes `body` pass the Luhn check.
fn luhn_complete(body: &mut Vec<u8>) {
    body.push(0);
    for c in 0..10 {
        *body.last_mut().expect("just pushed") = c;
        if luhn_ok(body) {
            return;
        }
    }
}

fn csv_field(out: &mut String, f: &str) {
    if f.contains([';', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

fn csv_record(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------------
// People.

#[derive(Debug, Clone)]
struct Company {
    name: String,
    domain: String,
    siret: Vec<u8>,
}

#[derive(Debug, Clone)]
struct Person {
    female: bool,
    first: &'static str,
    last: &'static str,
    /// The person's ordinal among people of the same name (0 for the first).
    tag: u64,
    company: Option<Company>,
    city: usize,
    street_no: String,
    street_type: usize,
    street_name: &'static str,
    complement: &'static str,
    mobile: Option<[u8; 10]>,
    landline: Option<[u8; 10]>,
}

impl Person {
    fn local_part(&self, sep: &str) -> String {
        let mut s = format!("{}{sep}{}", fold(self.first), fold(self.last));
        if self.tag > 0 {
            s.push_str(&self.tag.to_string());
        }
        s
    }

    fn address(&self) -> String {
        format!(
            "{} {} {}",
            self.street_no, STREET_TYPES[self.street_type].0, self.street_name
        )
    }
}

#[derive(Debug, Clone)]
struct Recent {
    person: Person,
    fields: Vec<String>,
}

/// Per-file bijections that make keys unique.
#[derive(Debug, Clone, Copy)]
struct Perms {
    name: Affine,
    company: Affine,
    mobile: Affine,
    landline: Affine,
    call_centre: Affine,
    fiction: Affine,
    siren: Affine,
}

const COMPANY_SPACE: u64 = (ACTIVITIES.len() * SURNAMES.len()) as u64
    + (BRAND_A.len() * BRAND_B.len() * BRAND_C.len()) as u64
    + (SURNAMES.len() * COMPANY_SUFFIX.len()) as u64;

/// A streaming generator of the demo file.
///
/// ```
/// use tamis::demo::{DemoFile, DemoSpec};
/// let mut file = DemoFile::new(DemoSpec { rows: 1000, seed: 1 });
/// let mut bytes = Vec::new();
/// while let Some(chunk) = file.next_chunk() {
///     bytes.extend_from_slice(&chunk);
/// }
/// assert!(file.planted().iter().any(|p| p.kind == "email.typo"));
/// ```
#[derive(Debug, Clone)]
pub struct DemoFile {
    spec: DemoSpec,
    rng: Rng,
    perms: Perms,
    header_done: bool,
    /// Data rows written so far.
    row: u64,
    /// People created so far.
    people: u64,
    schedule: Vec<Slot>,
    recent: VecDeque<Recent>,
    planted: Vec<Planted>,
}

impl DemoFile {
    /// A generator for `spec`.
    pub fn new(spec: DemoSpec) -> DemoFile {
        let mut rng = Rng(spec.seed ^ 0x7461_6D69_735F_6465); // "tamis_de"
        let perms = Perms {
            name: Affine::new(&mut rng, NAME_SPACE),
            company: Affine::new(&mut rng, COMPANY_SPACE),
            mobile: Affine::new(&mut rng, 10_000_000),
            landline: Affine::new(&mut rng, 10_000_000),
            call_centre: Affine::new(&mut rng, 1_000_000),
            fiction: Affine::new(&mut rng, 10_000),
            siren: Affine::new(&mut rng, 100_000_000),
        };
        DemoFile {
            spec,
            rng,
            perms,
            header_done: false,
            row: 0,
            people: 0,
            schedule: Vec::with_capacity(BLOCK),
            recent: VecDeque::with_capacity(RECENT),
            planted: Vec::new(),
        }
    }

    /// The spec this file was made from.
    pub fn spec(&self) -> DemoSpec {
        self.spec
    }

    /// Data rows generated so far.
    pub fn rows_done(&self) -> u64 {
        self.row
    }

    /// The defects planted in the rows generated so far, in row order.
    pub fn planted(&self) -> &[Planted] {
        &self.planted
    }

    /// Takes the defects recorded so far (to keep memory flat on huge files).
    pub fn take_planted(&mut self) -> Vec<Planted> {
        std::mem::take(&mut self.planted)
    }

    /// The next part of the file, Windows-1252 bytes (the header line first, then
    /// batches of whole rows), or `None` at the end.
    pub fn next_chunk(&mut self) -> Option<Vec<u8>> {
        let mut text = String::new();
        if !self.header_done {
            self.header_done = true;
            let header: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
            csv_record(&mut text, &header);
        }
        let end = self.spec.rows.min(self.row + CHUNK_ROWS);
        while self.row < end {
            let fields = self.next_row();
            csv_record(&mut text, &fields);
        }
        if text.is_empty() {
            return None;
        }
        let (bytes, _, unmappable) = WINDOWS_1252.encode(&text);
        debug_assert!(
            !unmappable,
            "a demo table holds a character Windows-1252 lacks"
        );
        Some(bytes.into_owned())
    }

    fn plant(&mut self, kind: &'static str) {
        self.planted.push(Planted {
            row: self.row,
            kind,
        });
    }

    fn next_slot(&mut self) -> Slot {
        let i = (self.row % BLOCK as u64) as usize;
        if i == 0 {
            self.schedule.clear();
            for &(slot, n) in MIX {
                for _ in 0..n {
                    self.schedule.push(slot);
                }
            }
            self.schedule.resize(BLOCK, Slot::Clean);
            for k in (1..BLOCK).rev() {
                let j = self.rng.index(k + 1);
                self.schedule.swap(k, j);
            }
        }
        self.schedule[i]
    }

    /// Generates the next data row's fields.
    fn next_row(&mut self) -> Vec<String> {
        let slot = self.next_slot();
        self.row += 1;
        match slot {
            Slot::Defect(DUP_EXACT) if !self.recent.is_empty() => {
                let fields = self.exact_duplicate();
                self.plant(DUP_EXACT);
                fields
            }
            Slot::Defect(DUP_NEAR) if !self.recent.is_empty() => {
                let fields = self.near_duplicate();
                self.plant(DUP_NEAR);
                fields
            }
            Slot::Defect(kind) if kind != DUP_EXACT && kind != DUP_NEAR => {
                let person = self.new_person(kind, false);
                let mut fields = self.render(&person);
                self.apply(kind, &person, &mut fields);
                self.plant(kind);
                fields
            }
            _ => {
                let person = self.new_person("", slot == Slot::PostcodeZero);
                let mut fields = self.render(&person);
                match slot {
                    Slot::Multiline => {
                        fields[C_COMMENT] = self.rng.pick(MULTILINE_NOTES).to_string()
                    }
                    Slot::PostcodeZero => {
                        fields[C_POSTCODE] = CITIES[person.city].postcode[1..].to_string()
                    }
                    _ => {}
                }
                if self.recent.len() == RECENT {
                    self.recent.pop_front();
                }
                self.recent.push_back(Recent {
                    person,
                    fields: fields.clone(),
                });
                fields
            }
        }
    }

    fn new_person(&mut self, kind: &str, zero_city: bool) -> Person {
        let p = self.people;
        self.people += 1;
        let q = self.perms.name.apply(p);
        let firsts = FIRST_MALE.len() + FIRST_FEMALE.len();
        let fi = (q % firsts as u64) as usize;
        let (female, first) = if fi < FIRST_MALE.len() {
            (false, FIRST_MALE[fi])
        } else {
            (true, FIRST_FEMALE[fi - FIRST_MALE.len()])
        };
        let last = SURNAMES[(q / firsts as u64) as usize];
        let tag = p / NAME_SPACE;

        let b2b = matches!(kind, EMAIL_ROLE | SIRET_CHECKSUM | FORMULA) || self.rng.chance(45);
        let company = b2b.then(|| self.company(p));
        let city = if zero_city {
            let zeros: Vec<usize> = (0..CITIES.len())
                .filter(|&i| CITIES[i].postcode.starts_with('0'))
                .collect();
            self.rng.pick(&zeros)
        } else {
            self.rng.index(CITIES.len())
        };
        let mut street_no = (1 + self.rng.below(180)).to_string();
        if self.rng.chance(5) {
            street_no.push_str(if self.rng.chance(70) { " bis" } else { " ter" });
        }
        let street_type = {
            let weights: Vec<(usize, u32)> = STREET_TYPES
                .iter()
                .enumerate()
                .map(|(i, t)| (i, t.2))
                .collect();
            self.rng.weighted(&weights)
        };
        let street_name = self.rng.pick(STREET_NAMES);
        let complement = match (b2b, self.rng.below(100)) {
            (false, 0..=19) => self.rng.pick(COMPLEMENT_B2C),
            (true, 0..=29) => self.rng.pick(COMPLEMENT_B2B),
            _ => "",
        };
        let wants_mobile = kind == PHONE_ZERO || self.rng.chance(if b2b { 60 } else { 90 });
        let mobile = wants_mobile.then(|| {
            let x = self.perms.mobile.apply(p);
            let (second, third) = if self.rng.chance(70) {
                (6, self.rng.pick(&[1u8, 2, 4, 5, 6, 7, 8]))
            } else {
                (7, self.rng.pick(&[3u8, 4, 5, 6, 7, 8, 9]))
            };
            let mut d = [0u8; 10];
            d[1] = second;
            d[2] = third;
            d[3..].copy_from_slice(&digits_of(x, 7));
            d
        });
        let tel = CITIES[city].tel;
        let landline = (!tel.is_empty() && self.rng.chance(if b2b { 85 } else { 35 })).then(|| {
            let x = self.perms.landline.apply(p);
            let mut d = [0u8; 10];
            d[1] = tel.as_bytes()[1] - b'0';
            d[2] = self.rng.pick(&[4u8, 8]);
            d[3..].copy_from_slice(&digits_of(x, 7));
            d
        });
        Person {
            female,
            first,
            last,
            tag,
            company,
            city,
            street_no,
            street_type,
            street_name,
            complement,
            mobile,
            landline,
        }
    }

    /// The company of person `p` (the same for everyone mapped to the same id).
    fn company(&mut self, p: u64) -> Company {
        let cid = self.perms.company.apply(p);
        let a = (ACTIVITIES.len() * SURNAMES.len()) as u64;
        let b = (BRAND_A.len() * BRAND_B.len() * BRAND_C.len()) as u64;
        let base = if cid < a {
            let act = ACTIVITIES[(cid % ACTIVITIES.len() as u64) as usize];
            let who = SURNAMES[(cid / ACTIVITIES.len() as u64) as usize];
            format!("{act} {who}")
        } else if cid < a + b {
            let x = cid - a;
            let na = BRAND_A.len() as u64;
            let nb = BRAND_B.len() as u64;
            let head = BRAND_A[(x % na) as usize];
            let mid = BRAND_B[((x / na) % nb) as usize];
            let tail = BRAND_C[(x / (na * nb)) as usize];
            format!("{head}{mid}{tail}")
        } else {
            let x = cid - a - b;
            let who = SURNAMES[(x % SURNAMES.len() as u64) as usize];
            let suffix = COMPANY_SUFFIX[(x / SURNAMES.len() as u64) as usize];
            format!("{who}{suffix}")
        };
        let words: Vec<String> = base
            .split([' ', '&', '\'', '’'])
            .map(fold)
            .filter(|w| !w.is_empty() && w != "et")
            .collect();
        let tld = if cid % 3 == 0 { "com" } else { "fr" };
        let domain = format!("{}.{tld}", words.join("-"));
        // The legal form depends on the company, not on the row.
        let mut form_rng = Rng(cid ^ self.spec.seed);
        let name = format!("{base}{}", form_rng.weighted(LEGAL_FORMS));
        let mut siren = self.perms.siren.apply(cid);
        if siren == 35_600_000 || siren == 0 {
            siren += 1;
        }
        let mut siret = digits_of(siren, 8);
        luhn_complete(&mut siret);
        siret.extend_from_slice(&digits_of(1 + cid % 97, 4));
        luhn_complete(&mut siret);
        Company {
            name,
            domain,
            siret,
        }
    }

    /// The row's fields for a clean person.
    fn render(&mut self, person: &Person) -> Vec<String> {
        let rng = &mut self.rng;
        let civ = if person.female {
            rng.weighted(&[("Mme", 55), ("Madame", 25), ("MME", 15), ("Mlle", 5)])
        } else {
            rng.weighted(&[("M.", 55), ("Monsieur", 25), ("M", 15), ("Mr", 5)])
        };
        let last = if rng.chance(45) {
            upper(person.last)
        } else {
            person.last.to_string()
        };
        let (company, job, siret) = match &person.company {
            Some(c) => {
                let siret = if rng.chance(70) {
                    digits_str(&c.siret)
                } else {
                    let s = digits_str(&c.siret);
                    format!("{} {} {} {}", &s[0..3], &s[3..6], &s[6..9], &s[9..])
                };
                (c.name.clone(), rng.pick(JOBS).to_string(), siret)
            }
            None => (String::new(), String::new(), String::new()),
        };
        let sep = rng.weighted(&[(".", 70), ("", 12), ("_", 8), ("-", 10)]);
        let mut email = match &person.company {
            Some(c) if rng.chance(85) => format!("{}@{}", person.local_part(sep), c.domain),
            _ => format!("{}@{}", person.local_part(sep), rng.weighted(WEBMAIL)),
        };
        if rng.chance(5) {
            // Some CRMs keep the case the person typed.
            let (local, domain) = email.split_once('@').expect("an address has an @");
            let local = local
                .split('.')
                .map(capitalise)
                .collect::<Vec<_>>()
                .join(".");
            email = format!("{local}@{domain}");
        }
        let phone = person
            .landline
            .map(|d| format_phone(rng, &d))
            .unwrap_or_default();
        let mobile = person
            .mobile
            .map(|d| format_phone(rng, &d))
            .unwrap_or_default();
        let yes = rng.chance(if person.company.is_some() { 60 } else { 88 });
        let optin = rng.weighted(if yes { YES } else { NO });
        let days = REF_DAYS - 1 - rng.below(700) as i64;
        let date = format_date(rng, days, true);
        let source = rng.weighted(SOURCES);
        let comment = if rng.chance(15) { rng.pick(NOTES) } else { "" };
        let city = &CITIES[person.city];
        vec![
            civ.to_string(),
            person.first.to_string(),
            last,
            company,
            job,
            siret,
            person.address(),
            person.complement.to_string(),
            city.postcode.to_string(),
            city.name.to_string(),
            email,
            phone,
            mobile,
            optin.to_string(),
            date,
            source.to_string(),
            comment.to_string(),
        ]
    }

    /// Plants `kind` into a clean person's row.
    fn apply(&mut self, kind: &'static str, person: &Person, fields: &mut Vec<String>) {
        let p = self.people - 1;
        let local = person.local_part(".");
        let rng = &mut self.rng;
        match kind {
            EMAIL_INVALID => {
                let domain = rng.weighted(WEBMAIL);
                fields[C_EMAIL] = match rng.below(5) {
                    0 => format!("{local}@@{domain}"),
                    1 => format!("{local}.{domain}"),
                    2 => format!("{} {}@{domain}", fold(person.first), fold(person.last)),
                    3 => format!("{local}@{}", domain.split('.').next().unwrap_or("orange")),
                    _ => format!("{local}@{}", domain.replace('.', ",")),
                };
            }
            EMAIL_TYPO => fields[C_EMAIL] = format!("{local}@{}", rng.pick(TYPO_DOMAINS)),
            EMAIL_ROLE => {
                let domain = person
                    .company
                    .as_ref()
                    .map_or("orange.fr", |c| c.domain.as_str());
                fields[C_EMAIL] = format!("{}@{domain}", rng.pick(ROLE_LOCALS));
            }
            EMAIL_DISPOSABLE => fields[C_EMAIL] = format!("{local}@{}", rng.pick(DISPOSABLE)),
            EMAIL_DEAD => fields[C_EMAIL] = format!("{local}@voila.fr"),
            EMAIL_RESERVED => fields[C_EMAIL] = format!("{local}@{}", rng.pick(RESERVED)),
            PHONE_INVALID => {
                let (col, d) = match (person.mobile, person.landline) {
                    (Some(d), _) => (C_MOBILE, d),
                    (None, Some(d)) => (C_PHONE, d),
                    (None, None) => (C_MOBILE, [0, 6, 1, 2, 3, 4, 5, 6, 7, 8]),
                };
                let s = digits_str(&d);
                fields[col] = match rng.below(4) {
                    0 => format!("{} {} {} {}", &s[0..2], &s[2..4], &s[4..6], &s[6..8]),
                    1 => format!("{s}{}", rng.below(10)),
                    2 => "00 00 00 00 00".to_string(),
                    _ => "99 99 99 99 99".to_string(),
                };
            }
            PHONE_ZERO => {
                let d = person.mobile.expect("a mobile was drawn for this kind");
                fields[C_MOBILE] = digits_str(&d[1..]);
            }
            PHONE_CALL_CENTRE => {
                let prefix = rng.pick(CALL_CENTRE);
                let s = format!(
                    "{prefix}{}",
                    digits_str(&digits_of(self.perms.call_centre.apply(p), 6))
                );
                fields[C_PHONE] = format!(
                    "{} {} {} {} {}",
                    &s[0..2],
                    &s[2..4],
                    &s[4..6],
                    &s[6..8],
                    &s[8..10]
                );
            }
            PHONE_FICTION => {
                let x = self.perms.fiction.apply(p);
                let prefix = rng.pick(FICTION);
                let s = format!("{prefix}{}", digits_str(&digits_of(x, 4)));
                let f = format!(
                    "{} {} {} {} {}",
                    &s[0..2],
                    &s[2..4],
                    &s[4..6],
                    &s[6..8],
                    &s[8..10]
                );
                if prefix.starts_with("06") {
                    fields[C_MOBILE] = f;
                } else {
                    fields[C_PHONE] = f;
                }
            }
            POSTCODE_INVALID => {
                let city = &CITIES[person.city];
                fields[C_POSTCODE] = match rng.below(4) {
                    0 => format!("96{:03}", rng.below(1000)),
                    1 => format!("{}0", city.postcode),
                    2 => "00000".to_string(),
                    _ => "2A004".to_string(),
                };
            }
            POSTCODE_CITY => {
                let here = &CITIES[person.city].postcode[..2];
                let others: Vec<usize> = (0..CITIES.len())
                    .filter(|&i| {
                        &CITIES[i].postcode[..2] != here
                            && CITIES[i].name != CITIES[person.city].name
                    })
                    .collect();
                fields[C_CITY] = CITIES[rng.pick(&others)].name.to_string();
            }
            SIRET_CHECKSUM => {
                if let Some(c) = &person.company {
                    let mut d = c.siret.clone();
                    let last = d.len() - 1;
                    d[last] = ((u64::from(d[last]) + 1 + rng.below(9)) % 10) as u8;
                    fields[C_SIRET] = digits_str(&d);
                }
            }
            DATE_STALE => {
                let days = REF_DAYS - 3 * 365 - 60 - rng.below(6 * 365) as i64;
                fields[C_DATE] = format_date(rng, days, true);
            }
            DATE_FUTURE => {
                let days =
                    days_from_civil(2045 + rng.below(55) as i64, 1, 1) + rng.below(365) as i64;
                fields[C_DATE] = format_date(rng, days, false);
            }
            DATE_INVALID => fields[C_DATE] = rng.pick(INVALID_DATES).to_string(),
            CONSENT_UNKNOWN => fields[C_OPTIN] = rng.pick(UNKNOWN_CONSENT).to_string(),
            RAGGED => {
                // A truncated export: the last one or two fields are gone.
                fields.truncate(if rng.chance(50) { 15 } else { 16 });
            }
            FORMULA => match rng.below(100) {
                0..=49 => {
                    if let Some(c) = &person.company {
                        fields[C_COMPANY] =
                            format!("=HYPERLINK(\"http://www.{}\";\"{}\")", c.domain, c.name);
                    }
                }
                50..=64 => fields[C_COMMENT] = "=SOMME(J2:J40)".to_string(),
                65..=79 => {
                    fields[C_COMMENT] =
                        format!("@{}{} sur LinkedIn", fold(person.first), fold(person.last))
                }
                _ => fields[C_COMMENT] = "- voir devis joint".to_string(),
            },
            SENSITIVE => fields[C_COMMENT] = rng.pick(SENSITIVE_NOTES).to_string(),
            _ => {}
        }
    }

    fn exact_duplicate(&mut self) -> Vec<String> {
        let i = self.rng.index(self.recent.len());
        let Recent { person, fields } = self.recent[i].clone();
        let mut fields = fields;
        if self.rng.chance(40) {
            // Same person from another export: the email's case and the phones'
            // format differ, the canonical keys do not.
            fields[C_EMAIL] = if self.rng.chance(50) {
                upper(&fields[C_EMAIL])
            } else {
                capitalise(&fields[C_EMAIL])
            };
            if let Some(d) = person.mobile {
                fields[C_MOBILE] = format_phone(&mut self.rng, &d);
            }
            if let Some(d) = person.landline {
                fields[C_PHONE] = format_phone(&mut self.rng, &d);
            }
        }
        fields
    }

    fn near_duplicate(&mut self) -> Vec<String> {
        let i = self.rng.index(self.recent.len());
        let Recent { person, fields } = self.recent[i].clone();
        let mut fields = fields;
        let rng = &mut self.rng;
        // The name, typed differently.
        match rng.below(3) {
            0 => fields.swap(C_FIRST, C_LAST),
            1 => {
                fields[C_FIRST] = strip_accents(person.first).replace('-', " ");
                fields[C_LAST] = if fields[C_LAST] == person.last {
                    upper(person.last)
                } else {
                    person.last.to_string()
                };
            }
            _ => {
                fields[C_FIRST] = upper(person.first);
                fields[C_LAST] = strip_accents(person.last);
            }
        }
        // The address abbreviated, sometimes in capitals too (always abbreviated: the
        // same name, street and postcode once folded would be an exact duplicate).
        let (_, short, _) = STREET_TYPES[person.street_type];
        let short = format!(
            "{} {short} {}",
            person.street_no,
            person
                .street_name
                .replace("Saint-", "St-")
                .replace("Sainte-", "Ste-")
        );
        fields[C_ADDR] = if rng.chance(70) { short } else { upper(&short) };
        // Another address on another webmail, and no phone.
        let old_domain = fields[C_EMAIL]
            .rsplit('@')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let mut domain = rng.weighted(WEBMAIL);
        while domain == old_domain {
            domain = rng.weighted(WEBMAIL);
        }
        fields[C_EMAIL] = format!("{}@{domain}", person.local_part("."));
        fields[C_PHONE].clear();
        fields[C_MOBILE].clear();
        let days = REF_DAYS - 1 - rng.below(700) as i64;
        fields[C_DATE] = format_date(rng, days, true);
        fields[C_SOURCE] = rng.weighted(SOURCES).to_string();
        fields
    }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// The whole demo file in memory (for small files; use [`DemoFile`] for big ones).
pub fn demo_bytes(spec: DemoSpec) -> Vec<u8> {
    let mut file = DemoFile::new(spec);
    let mut out = Vec::new();
    while let Some(chunk) = file.next_chunk() {
        out.extend_from_slice(&chunk);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Auditor, Options, Role};

    fn whole(spec: DemoSpec) -> (Vec<u8>, Vec<Planted>) {
        let mut file = DemoFile::new(spec);
        let mut out = Vec::new();
        while let Some(chunk) = file.next_chunk() {
            out.extend_from_slice(&chunk);
        }
        (out, file.take_planted())
    }

    #[test]
    fn same_seed_same_bytes() {
        let spec = DemoSpec {
            rows: 700,
            seed: 42,
        };
        assert_eq!(whole(spec), whole(spec));
    }

    #[test]
    fn different_seeds_differ() {
        let a = demo_bytes(DemoSpec { rows: 200, seed: 1 });
        let b = demo_bytes(DemoSpec { rows: 200, seed: 2 });
        assert_ne!(a, b);
    }

    #[test]
    fn row_count_is_exact_and_header_recognised() {
        for rows in [0u64, 1, 2, 17, 100, 513, 1500] {
            let bytes = demo_bytes(DemoSpec { rows, seed: rows });
            let mut a = Auditor::new(Options::default()).unwrap();
            for chunk in bytes.chunks(7919) {
                a.feed(chunk);
            }
            let r = a.finish();
            assert_eq!(r.input.rows, rows, "rows={rows}");
            assert_eq!(
                r.input.encoding.as_deref(),
                Some("windows-1252"),
                "rows={rows}"
            );
            assert_eq!(r.input.delimiter.as_deref(), Some(";"), "rows={rows}");
            assert!(r.input.header, "rows={rows}");
            if rows >= 100 {
                assert_eq!(r.input.line_ending.as_deref(), Some("CRLF"));
                assert_eq!(r.input.columns.len(), HEADER.len());
                let role = |name: &str| {
                    r.input
                        .columns
                        .iter()
                        .find(|c| c.name == name)
                        .map(|c| c.role)
                };
                assert_eq!(role("E-mail"), Some(Role::Email));
                assert_eq!(role("Code postal"), Some(Role::Postcode));
                assert!(role("Téléphone").is_some_and(Role::is_phone));
                assert!(role("Portable").is_some_and(Role::is_phone));
                assert_eq!(role("SIRET"), Some(Role::Siret));
                assert_eq!(role("Ville"), Some(Role::City));
            }
        }
    }

    #[test]
    fn is_windows_1252_not_utf8() {
        let bytes = demo_bytes(DemoSpec {
            rows: 2000,
            seed: 9,
        });
        assert!(std::str::from_utf8(&bytes).is_err());
        // Bytes that Windows-1252 leaves undefined never appear.
        assert!(!bytes
            .iter()
            .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)));
        assert!(!bytes.contains(&0));
        let (text, had_errors) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        assert!(!had_errors);
        assert!(text.starts_with("Civilité;Prénom;Nom;Société;"));
        assert!(
            text.contains('€') && text.contains('’'),
            "cp1252-only characters are used"
        );
        assert!(text.ends_with("\r\n"));
    }

    #[test]
    fn planted_rows_are_in_range_sorted_and_cover_every_kind() {
        let rows = 3000;
        let (_, planted) = whole(DemoSpec { rows, seed: 5 });
        assert!(
            planted.windows(2).all(|w| w[0].row < w[1].row),
            "one defect per row, in order"
        );
        assert!(planted.iter().all(|p| (1..=rows).contains(&p.row)));
        for (kind, _) in KINDS {
            assert!(
                planted.iter().any(|p| p.kind == *kind),
                "{kind} never planted"
            );
        }
        assert!(planted
            .iter()
            .all(|p| KINDS.iter().any(|(k, _)| *k == p.kind)));
        let share = planted.len() as f64 / rows as f64;
        assert!((0.25..0.40).contains(&share), "{share}");
    }

    #[test]
    fn kinds_sorted_and_unique() {
        assert!(KINDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn ragged_rows_are_reported_where_planted() {
        let (bytes, planted) = whole(DemoSpec {
            rows: 2000,
            seed: 11,
        });
        let mut a = Auditor::new(Options {
            max_examples: 1000,
            ..Options::default()
        })
        .unwrap();
        a.feed(&bytes);
        let r = a.finish();
        let found: Vec<u64> = r
            .finding("csv.ragged_row")
            .map(|f| f.examples.iter().filter_map(|e| e.position.row).collect())
            .unwrap_or_default();
        let want: Vec<u64> = planted
            .iter()
            .filter(|p| p.kind == RAGGED)
            .map(|p| p.row)
            .collect();
        assert_eq!(found, want);
        assert_eq!(r.count("csv.blank_row"), 0);
        assert_eq!(r.count("encoding.invalid_bytes"), 0);
    }

    #[test]
    fn tables_fold_to_distinct_keys() {
        let mut firsts: Vec<String> = FIRST_MALE
            .iter()
            .chain(FIRST_FEMALE)
            .map(|s| fold(s))
            .collect();
        firsts.sort();
        assert!(firsts.windows(2).all(|w| w[0] != w[1]));
        let mut lasts: Vec<String> = SURNAMES.iter().map(|s| fold(s)).collect();
        lasts.sort();
        assert!(
            lasts.windows(2).all(|w| w[0] != w[1]),
            "surnames fold to the same key"
        );
        for s in SURNAMES {
            assert!(
                !s.contains('-'),
                "{s}: a hyphen would make emails ambiguous"
            );
        }
        // The sizes the module documentation promises.
        assert_eq!(NAME_SPACE, 19_104);
        assert_eq!(COMPANY_SPACE, 6_824);
        for c in CITIES {
            assert!(c.postcode.len() == 5 && c.postcode.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn good_keys_are_unique() {
        let (bytes, planted) = whole(DemoSpec {
            rows: 5000,
            seed: 3,
        });
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        // Split records by hand: the generator quotes fields with ; " or newlines.
        let records = split_records(&text);
        assert_eq!(records.len() as u64, 5001);
        let bad: std::collections::BTreeSet<u64> = planted.iter().map(|p| p.row).collect();
        let mut emails = std::collections::BTreeSet::new();
        let mut phones = std::collections::BTreeSet::new();
        for (i, rec) in records.iter().enumerate().skip(1) {
            if bad.contains(&(i as u64)) {
                continue;
            }
            assert_eq!(rec.len(), HEADER.len(), "row {i}");
            let email = rec[C_EMAIL].to_lowercase();
            assert!(
                email.contains('@') && !email.contains(' '),
                "row {i}: {email}"
            );
            assert!(
                emails.insert(email.replace('.', "")),
                "row {i}: duplicate email {email}"
            );
            for col in [C_PHONE, C_MOBILE] {
                let digits: String = rec[col].chars().filter(char::is_ascii_digit).collect();
                if digits.is_empty() {
                    continue;
                }
                let national = if let Some(rest) = digits.strip_prefix("330") {
                    format!("0{rest}")
                } else if let Some(rest) = digits.strip_prefix("33") {
                    format!("0{rest}")
                } else {
                    digits
                };
                assert_eq!(national.len(), 10, "row {i}: {}", rec[col]);
                assert!(
                    phones.insert(national),
                    "row {i}: duplicate phone {}",
                    rec[col]
                );
            }
            let siret: Vec<u8> = rec[C_SIRET]
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect();
            if !siret.is_empty() {
                assert!(
                    siret.len() == 14 && luhn_ok(&siret) && luhn_ok(&siret[..9]),
                    "row {i}"
                );
            }
        }
    }

    fn split_records(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut rec = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ';') => rec.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    rec.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut rec));
                }
                (false, c) => field.push(c),
            }
        }
        records
    }

    #[test]
    fn address_lines_fit_la_poste_limit() {
        let (bytes, _) = whole(DemoSpec {
            rows: 3000,
            seed: 8,
        });
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        for (i, rec) in split_records(&text).iter().enumerate() {
            for col in [C_ADDR, C_ADDR + 1] {
                if let Some(f) = rec.get(col) {
                    assert!(f.chars().count() <= 38, "row {i}: {f}");
                }
            }
        }
    }

    #[test]
    fn dates_round_trip() {
        for z in [-1000i64, 0, 10_000, REF_DAYS, 47_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(civil_from_days(REF_DAYS), (2026, 11, 1));
        assert_eq!(REF_DAYS - days_from_civil(1899, 12, 30), 46_327);
    }
}
