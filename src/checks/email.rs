//! Email addresses: practical RFC 5321/5322 syntax, reserved, disposable, dead and
//! webmail domains, role accounts, typos of major webmails, `+tag` aliases, and the
//! canonical form used for matching.

use crate::data;

/// What is wrong (or notable) with an address. Several can apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailVerdict {
    /// Not an address (syntax, lengths, labels).
    pub invalid: bool,
    /// A reserved domain (`example.*`, `.test`, `.invalid`, `.localhost`).
    pub reserved: bool,
    /// A disposable-address domain.
    pub disposable: bool,
    /// A role account (`contact@`, `info@`...).
    pub role: bool,
    /// A typo of a major webmail domain, with the corrected address.
    pub typo: Option<String>,
    /// A domain that no longer receives mail (`voila.fr`).
    pub dead_domain: bool,
    /// A webmail (consumer) domain.
    pub free: bool,
    /// A `+tag` sub-address.
    pub tagged: bool,
}

/// Splits a trimmed address into local part and domain at its last `@`.
pub fn split(addr: &str) -> Option<(&str, &str)> {
    // A byte loop: addresses are short, and `rfind` sets up a searcher each call.
    let at = addr.bytes().rposition(|b| b == b'@')?;
    Some((&addr[..at], &addr[at + 1..]))
}

/// RFC 5322 `atext` (ASCII), one table lookup per byte.
static ATEXT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'/'
                    | b'='
                    | b'?'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'{'
                    | b'|'
                    | b'}'
                    | b'~'
                    | b'-'
            );
        b += 1;
    }
    t
};

/// Practical syntax check of a trimmed address.
pub fn syntax_ok(addr: &str) -> bool {
    if addr.len() > 254 {
        return false;
    }
    let Some((local, domain)) = split(addr) else {
        return false;
    };
    local_ok(local) && domain_ok(domain)
}

/// The local part of [`syntax_ok`]: a dot-atom of at most 64 characters.
fn local_ok(local: &str) -> bool {
    scan_local(local).is_some_and(|(_, len)| len == local.len())
}

/// What one pass over a valid local part finds besides its validity.
struct LocalScan {
    /// Where its `+tag` starts.
    plus: Option<usize>,
    /// How many bytes before the tag the role check keeps ([`data::role_fold`]).
    folded: usize,
}

/// A local part's bytes as [`scan_local`] reads them, one table lookup per byte.
const DOT: u8 = 2;
const SEPARATOR: u8 = 4; // left out of the role key ([`data::role_separator`])
const AT: u8 = 8;
const PLUS: u8 = 16;
const BAD: u8 = 32; // neither `atext` nor a dot (nor the `@` that ends the local part)
static LOCAL_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c == b'.' { DOT } else { 0 }
            | if data::role_separator(c) {
                SEPARATOR
            } else {
                0
            }
            | if c == b'@' { AT } else { 0 }
            | if c == b'+' { PLUS } else { 0 }
            | if !ATEXT[b] && c != b'.' && c != b'@' {
                BAD
            } else {
                0
            };
        b += 1;
    }
    t
};

/// Reads `text` up to its first `@` (or its end) as a local part: checks it
/// ([`local_ok`]) and, in the same pass, finds its `+tag` and counts the bytes the role
/// check keeps. Returns that and the local part's length (where the `@` is), or `None`
/// if it is not a valid local part. An address's local part has no `@` (it is not
/// `atext`), so its first `@` is its last.
fn scan_local(text: &str) -> Option<(LocalScan, usize)> {
    // Dot-atom local part, ASCII only (few mailbox providers accept more); `@` is not
    // `atext`. No dot at either end nor two in a row; at most 64 bytes, so at most 65
    // are read (an `@` at 64 ends a local part of the longest length). The verdict is
    // taken once, after the loop.
    let bytes = text.as_bytes();
    let mut len = bytes.len();
    let mut bad = 0; // `BAD`, or `DOT` for a doubled dot
    let mut prev = DOT; // a leading dot is refused as a doubled one
    let mut seen = 0; // the classes met
    let mut separators = 0;
    for (i, &b) in bytes[..len.min(65)].iter().enumerate() {
        let class = LOCAL_CLASS[usize::from(b)];
        if class & AT != 0 {
            len = i;
            break;
        }
        bad |= class & (BAD | prev & DOT);
        prev = class;
        seen |= class;
        separators += usize::from(class & SEPARATOR != 0);
    }
    if bad != 0 || len == 0 || len > 64 || prev & DOT != 0 {
        return None;
    }
    // A `+tag` (rare): the role check reads what comes before it.
    let local = &text.as_bytes()[..len];
    let plus = if seen & PLUS != 0 {
        local.iter().position(|&b| b == b'+')
    } else {
        None
    };
    let folded = match plus {
        None => len - separators,
        Some(p) => {
            p - local[..p]
                .iter()
                .filter(|&&b| LOCAL_CLASS[usize::from(b)] & SEPARATOR != 0)
                .count()
        }
    };
    Some((LocalScan { plus, folded }, len))
}

/// Domain: at least two labels of 1-63 characters (letters, digits, hyphens, or
/// non-ASCII letters for IDN), no hyphen at either end, an alphabetic TLD (or `xn--`).
pub fn domain_ok(domain: &str) -> bool {
    if domain.is_empty() || domain.len() > 253 || domain.ends_with('.') {
        return false;
    }
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        labels += 1;
        let n = label.chars().count();
        if n == 0 || n > 63 || label.starts_with('-') || label.ends_with('-') {
            return false;
        }
        if !label.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
        }) {
            return false;
        }
        last = label;
    }
    labels >= 2
        && (last.len() >= 2 && last.chars().all(|c| c.is_alphabetic()) || last.starts_with("xn--"))
}

fn reserved_domain(domain: &str) -> bool {
    let d = domain;
    d == "localhost"
        || d.ends_with(".test")
        || d.ends_with(".invalid")
        || d.ends_with(".localhost")
        || d.ends_with(".example")
        || d.starts_with("example.")
        || d.contains(".example.")
}

/// Optimal string alignment distance (edits and adjacent swaps), capped: returns
/// `cap + 1` as soon as it is exceeded. Strings longer than 63 bytes are never close.
pub fn osa_distance(a: &[u8], b: &[u8], cap: usize) -> usize {
    const N: usize = 64;
    if a.len().abs_diff(b.len()) > cap || a.len() >= N || b.len() >= N {
        return cap + 1;
    }
    let n = b.len();
    let mut prev2 = [0usize; N];
    let mut prev = [0usize; N];
    let mut cur = [0usize; N];
    for (j, p) in prev.iter_mut().enumerate().take(n + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1;
        }
        prev2 = prev;
        prev = cur;
    }
    prev[n]
}

/// The webmail domain this one is a typo of, if any: one edit or swap away, or the
/// same name with a misspelt suffix (`wanadoo.ff`).
pub fn typo_of(domain: &str) -> Option<&'static str> {
    if data::is_webmail(domain) || domain.len() < 4 || NOT_TYPOS.contains(&domain) {
        return None;
    }
    let d = domain.as_bytes();
    for &target in data::typo_targets() {
        let t = target.as_bytes();
        // One edit or swap only: two edits reach real domains (yopmail.com is two
        // substitutions from hotmail.com). Short names (gmx, aol, msn, sfr, free...)
        // have real neighbours one substitution away (gmf.fr, aon.com): for them
        // only a swap, a missing or a doubled letter counts.
        let tname_len = || t.iter().position(|&b| b == b'.').unwrap_or(t.len());
        match one_edit(d, t) {
            Some(Edit::Swap) => return Some(target),
            Some(Edit::Substitution) if tname_len() >= 5 => return Some(target),
            Some(Edit::InsertionOrDeletion) => return Some(target),
            _ => {}
        }
    }
    // "gmail.con", "orange.frr", "hotmail.fr.": same first label, a mangled suffix
    // that is not itself a real top-level domain (yahoo.de, gmx.ch are real).
    let (name, suffix) = domain.split_once('.').unwrap_or((domain, ""));
    if is_real_suffix(suffix) {
        return None;
    }
    for &target in data::typo_targets() {
        let (tname, tsuffix) = target.split_once('.').unwrap_or((target, ""));
        if name == tname
            && suffix != tsuffix
            && osa_distance(suffix.as_bytes(), tsuffix.as_bytes(), 2) <= 2
        {
            return Some(target);
        }
    }
    None
}

/// The one edit that turns a string into another ([`one_edit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Substitution,
    /// Two adjacent characters swapped.
    Swap,
    InsertionOrDeletion,
}

/// The edit when `a` and `b` are exactly one edit or adjacent swap apart ([`osa_distance`]
/// 1), from their common prefix and suffix: no table to fill (the typo search compares
/// every new domain with every webmail).
fn one_edit(a: &[u8], b: &[u8]) -> Option<Edit> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return None;
    }
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if p == long.len() {
        return None; // equal
    }
    // The common suffix, not reaching into the common prefix of the shorter.
    let s = short[p..]
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() < long.len() {
        return (p + s >= short.len()).then_some(Edit::InsertionOrDeletion);
    }
    let n = short.len();
    if p + s == n - 1 {
        Some(Edit::Substitution)
    } else if p + s == n - 2 && a[p] == b[p + 1] && a[p + 1] == b[p] {
        Some(Edit::Swap)
    } else {
        None
    }
}

/// Real domains one edit from a webmail.
const NOT_TYPOS: &[&str] = &["cloud.com", "email.com", "gmal.fr", "orage.fr"];

/// Country-code top-level domains (ISO 3166-1 alpha-2, plus `uk`, `eu`) and the
/// common generic ones.
const CCTLDS: &str = "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";

/// [`CCTLDS`] as a bit per second letter, for each first letter.
static CCTLD_BITS: [u32; 26] = {
    let b = CCTLDS.as_bytes();
    let mut t = [0u32; 26];
    let mut i = 0;
    // Two letters and a space each.
    while i + 1 < b.len() {
        t[(b[i] - b'a') as usize] |= 1 << (b[i + 1] - b'a');
        i += 3;
    }
    t
};

fn is_real_suffix(suffix: &str) -> bool {
    // "fr.fr", "com.fr"... are not real suffixes of a webmail.
    if suffix.contains('.') {
        return false;
    }
    let generic = matches!(
        suffix,
        "com"
            | "net"
            | "org"
            | "info"
            | "biz"
            | "io"
            | "app"
            | "dev"
            | "me"
            | "pro"
            | "eu"
            | "paris"
            | "bzh"
            | "alsace"
            | "corsica"
    );
    let cc = match *suffix.as_bytes() {
        [a @ b'a'..=b'z', b @ b'a'..=b'z'] => {
            CCTLD_BITS[usize::from(a - b'a')] >> (b - b'a') & 1 == 1
        }
        _ => false,
    };
    generic || cc
}

/// Checks one address (the cell's value; surrounding blanks are ignored).
pub fn check(value: &str) -> EmailVerdict {
    check_cached(value, &mut DomainCache::default())
}

/// What is known of a domain, whatever the local part.
#[derive(Debug, Clone, Copy, Default)]
struct DomainFacts {
    reserved: bool,
    disposable: bool,
    dead: bool,
    free: bool,
    typo: Option<&'static str>,
}

impl DomainFacts {
    fn of(d: &str) -> DomainFacts {
        let reserved = reserved_domain(d);
        let dead = data::is_dead_domain(d);
        // Typo domains are often registered by disposable services (gmial.com): a
        // disposable domain can be a typo too.
        let typo = if reserved || dead { None } else { typo_of(d) };
        DomainFacts {
            reserved,
            disposable: data::is_disposable(d),
            dead,
            free: data::is_webmail(d),
            typo,
        }
    }
}

/// Remembers what is known of the domains already seen, as written (any case): whether
/// they pass [`domain_ok`], and the facts of their lower-case form. A file has few
/// distinct domains (webmails, a company's colleagues), and the typo search is the
/// costly part.
#[derive(Debug, Default)]
pub struct DomainCache {
    map: crate::rules::TextMap<DomainEntry>,
}

#[derive(Debug, Clone, Copy)]
struct DomainEntry {
    ok: bool,
    facts: DomainFacts,
}

/// Domains kept at most: past that, the cache is emptied (bounded memory).
const CACHE_MAX: usize = 16_384;

impl DomainCache {
    fn entry(&mut self, domain: &str) -> DomainEntry {
        match self.map.get(domain) {
            Some(e) => *e,
            None => self.learn(domain),
        }
    }

    /// Checks a domain seen for the first time and remembers it: once per distinct
    /// domain, out of line.
    #[cold]
    #[inline(never)]
    fn learn(&mut self, domain: &str) -> DomainEntry {
        let ok = domain_ok(domain);
        let facts = if !ok {
            DomainFacts::default()
        } else if domain.bytes().any(|b| b.is_ascii_uppercase()) {
            DomainFacts::of(&domain.to_ascii_lowercase())
        } else {
            DomainFacts::of(domain)
        };
        let e = DomainEntry { ok, facts };
        if self.map.len() >= CACHE_MAX {
            self.map.clear();
        }
        self.map.insert(domain, e);
        e
    }
}

/// A small, fast, non-cryptographic hasher (the multiply-rotate "Fx" scheme) for keys
/// that an attacker does not choose to collide: the file's own domains.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u64(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// [`check`], remembering domain facts in `cache`.
pub fn check_cached(value: &str, cache: &mut DomainCache) -> EmailVerdict {
    check_split(value, cache).0
}

/// [`check_cached`], and the trimmed address's local part and domain when it is valid.
pub(crate) fn check_split<'a>(
    value: &'a str,
    cache: &mut DomainCache,
) -> (EmailVerdict, (&'a str, &'a str)) {
    let mut v = EmailVerdict::default();
    let addr = super::content::trim(value);
    // `syntax_ok`, with the domain's half remembered: the local part read up to the
    // `@` (one pass), the domain checked once per distinct domain. An address with
    // another `@` fails there: `@` is no domain character.
    let (scan, at) = match scan_local(addr) {
        Some((scan, at)) if at < addr.len() && addr.len() <= 254 => (scan, at),
        _ => {
            v.invalid = true;
            return (v, ("", ""));
        }
    };
    let (local, domain) = (&addr[..at], &addr[at + 1..]);
    let e = cache.entry(domain);
    if !e.ok {
        v.invalid = true;
        return (v, ("", ""));
    }
    let f = e.facts;
    v.reserved = f.reserved;
    v.disposable = f.disposable;
    v.dead_domain = f.dead;
    v.free = f.free;
    let (base, tag) = match scan.plus {
        Some(p) => (&local[..p], &local[p + 1..]),
        None => (local, ""),
    };
    v.tagged = !tag.is_empty() && !base.is_empty();
    v.role = data::is_role_base(base.as_bytes(), scan.folded);
    if let Some(t) = f.typo {
        v.typo = Some(format!("{local}@{t}"));
    }
    (v, (local, domain))
}

/// The canonical form for matching: trimmed, lower-cased; for gmail.com and
/// googlemail.com, dots and `+tag` removed from the local part and the domain made
/// gmail.com. `None` if the address is not valid, or is only a `+tag` at gmail.
pub fn canonical(value: &str) -> Option<String> {
    // One normaliser for matching everywhere (duplicates, opposition, hash files).
    crate::keys::canonical_email(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_parts_read_as_the_dot_atom_definition() {
        // RFC 5322's dot-atom, ASCII only, 1 to 64 bytes; and an address's local part
        // ends at its first `@`.
        let reference = |local: &str| {
            let b = local.as_bytes();
            (1..=64).contains(&b.len())
                && b.iter().all(|&c| c == b'.' || ATEXT[usize::from(c)])
                && !local.starts_with('.')
                && !local.ends_with('.')
                && !local.contains("..")
        };
        let alphabet = [
            "a", "Z", "9", ".", "..", "+", "-", "_", "'", "@", " ", "é", "\"", "(", "~",
        ];
        let mut rng = crate::demo::Rng(0x2545_f491_4f6c_dd1d);
        let (mut checked, mut valid) = (0, 0);
        for i in 0..40_000 {
            let len = [1, 3, 8, 20, 62, 63, 64, 65, 66, 70][i % 10];
            let mut r = rng.next_u64();
            let mut v = String::new();
            while v.len() < len {
                v.push_str(alphabet[(r % alphabet.len() as u64) as usize]);
                r = r.rotate_right(4) ^ (i as u64);
                if r % 7 == 0 {
                    v.push('a');
                }
            }
            assert_eq!(local_ok(&v), reference(&v), "{v:?}");
            let at = v.find('@').unwrap_or(v.len());
            let scanned = scan_local(&v).map(|(_, len)| len);
            let want = (reference(&v[..at])).then_some(at);
            assert_eq!(scanned, want, "{v:?}");
            checked += 1;
            valid += usize::from(want.is_some());
        }
        assert_eq!(checked, 40_000);
        // Both verdicts are met often (else the comparison would prove little).
        assert!((2_000..38_000).contains(&valid), "{valid}");
    }

    #[test]
    fn country_suffixes_are_the_listed_ones() {
        let listed: Vec<&str> = CCTLDS.split(' ').collect();
        assert!(listed.len() > 240 && listed.iter().all(|c| c.len() == 2));
        let letters = b'a'..=b'z';
        for a in letters.clone() {
            for b in letters.clone() {
                let cc = String::from_utf8(vec![a, b]).unwrap_or_default();
                assert_eq!(
                    is_real_suffix(&cc),
                    listed.contains(&cc.as_str()) || cc == "io" || cc == "me" || cc == "eu",
                    "{cc}"
                );
                assert!(!is_real_suffix(&format!("co.{cc}")), "co.{cc}");
            }
        }
        for s in ["com", "paris", "fr", "uk"] {
            assert!(is_real_suffix(s), "{s}");
        }
        for s in ["con", "frr", "f", "FR", "fr.", ""] {
            assert!(!is_real_suffix(s), "{s}");
        }
    }

    /// True when `a` is `b` with two adjacent characters swapped.
    fn is_swap(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        diff.len() == 2
            && diff[1] == diff[0] + 1
            && a[diff[0]] == b[diff[1]]
            && a[diff[1]] == b[diff[0]]
    }

    #[test]
    fn one_edit_is_osa_distance_one() {
        // Every pair of strings of up to 4 letters over a 3-letter alphabet.
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        let mut frontier = words.clone();
        for _ in 0..4 {
            let mut next = Vec::new();
            for w in &frontier {
                for c in b"abc" {
                    let mut v = w.clone();
                    v.push(*c);
                    next.push(v);
                }
            }
            words.extend(next.iter().cloned());
            frontier = next;
        }
        for a in &words {
            for b in &words {
                let e = one_edit(a, b);
                assert_eq!(e.is_some(), osa_distance(a, b, 1) == 1, "{a:?} {b:?}");
                assert_eq!(
                    e == Some(Edit::Swap),
                    e.is_some() && is_swap(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn the_role_check_reads_the_local_part_as_is_role_local_does() {
        // Role names and others, cut by separators, in any case, with or without a tag,
        // short and long: the verdict's role (the scan's count, then the fold) against
        // the plain fold of the local part, and against `is_role_local`.
        let words = [
            "contact",
            "info",
            "no-reply",
            "noreply",
            "ne_pas.repondre",
            "rh",
            "compta",
            "postmaster",
            "jean",
            "dupont",
            "i.n.f.o",
            "c",
            "abuse",
            "x",
            "",
        ];
        let mut rng = crate::demo::Rng(11);
        let mut next = |n: usize| (rng.next_u64() % n as u64) as usize;
        for _ in 0..20_000 {
            let mut local = String::new();
            for _ in 0..1 + next(3) {
                let w = words[next(words.len())];
                let w = if next(2) == 0 {
                    w.to_uppercase()
                } else {
                    w.to_string()
                };
                local.push_str(&w);
                if next(3) == 0 {
                    local.push(['.', '-', '_', '+'][next(4)]);
                }
            }
            if next(4) == 0 {
                local.push_str("+tag");
            }
            if next(20) == 0 {
                local.push_str(&"a".repeat(50));
            }
            let addr = format!("{local}@durand-associes.fr");
            let v = check(&addr);
            if !v.invalid {
                // The plain definition: fold everything before the tag, look it up.
                let base = local.split('+').next().unwrap_or("");
                let key: Vec<u8> = base.bytes().filter_map(data::role_fold).collect();
                assert_eq!(v.role, data::is_role_key(&key), "{addr}");
                assert_eq!(v.role, data::is_role_local(&local), "{addr}");
            }
        }
    }

    #[test]
    fn the_domain_cache_changes_no_verdict() {
        let addrs = [
            "jean@gmail.com",
            "Jean@GMAIL.COM",
            "x@gmial.com",
            "X@Gmial.Com",
            "a@bad_domain.fr",
            "b@bad_domain.fr",
            "c@-x.fr",
            "d@x.f",
            "e@exemple.test",
            "f@café.fr",
            "g@CAFÉ.fr",
            "..h@gmail.com",
            "i@@gmail.com",
            "contact+promo@orange.fr",
            "@orange.fr",
            "j@",
        ];
        let mut cache = DomainCache::default();
        for _ in 0..2 {
            for a in addrs {
                assert_eq!(check_cached(a, &mut cache), check(a), "{a}");
                assert_eq!(check(a).invalid, !syntax_ok(a.trim()), "{a}");
            }
        }
    }

    #[test]
    fn syntax() {
        for a in [
            "jean.dupont@orange.fr",
            "j@x.io",
            "jean+promo@gmail.com",
            "o'brien@exemple.ie",
            "a_b-c@sub.domaine.fr",
            "jean@café.fr",
            "x@xn--caf-dma.fr",
            "UPPER@CASE.FR",
        ] {
            assert!(syntax_ok(a), "{a}");
        }
        let long_local = format!("{}@x.fr", "a".repeat(65));
        let long_label = format!("a@{}.fr", "b".repeat(64));
        for a in [
            "",
            "jean",
            "jean@",
            "@orange.fr",
            "jean@@orange.fr",
            "jean dupont@orange.fr",
            "jean..dupont@orange.fr",
            ".jean@orange.fr",
            "jean.@orange.fr",
            "jean@orange",
            "jean@orange.",
            "jean@-orange.fr",
            "jean@orange-.fr",
            "jean@orange..fr",
            "jean@orange.f",
            "jean@orange.123",
            "jean@[192.168.0.1]",
            "jérôme@orange.fr",
            "jean,dupont@orange.fr",
            "n/a",
            long_local.as_str(),
            long_label.as_str(),
        ] {
            assert!(!syntax_ok(a), "{a}");
        }
    }

    #[test]
    fn distance() {
        assert_eq!(osa_distance(b"gmial.com", b"gmail.com", 2), 1);
        assert_eq!(osa_distance(b"gmail.com", b"gmail.com", 2), 0);
        assert_eq!(osa_distance(b"hotmial.fr", b"hotmail.fr", 2), 1);
        assert_eq!(osa_distance(b"abc", b"xyz", 1), 2);
    }

    #[test]
    fn verdicts() {
        let c = check("jean@gmial.com");
        assert_eq!(c.typo.as_deref(), Some("jean@gmail.com"));
        assert_eq!(
            check("jean@ornage.fr").typo.as_deref(),
            Some("jean@orange.fr")
        );
        assert_eq!(
            check("jean@hotmial.fr").typo.as_deref(),
            Some("jean@hotmail.fr")
        );
        assert_eq!(
            check("jean@wanadoo.ff").typo.as_deref(),
            Some("jean@wanadoo.fr")
        );
        assert_eq!(
            check("jean@gmail.con").typo.as_deref(),
            Some("jean@gmail.com")
        );
        assert_eq!(check("jean@gmail.com").typo, None);
        assert_eq!(check("jean@yopmail.com").typo, None);
        assert!(check("jean@yopmail.com").disposable);
        assert_eq!(check("jean@ymail.com").typo, None);
        assert_eq!(check("jean@entreprise-dupont.fr").typo, None);
        assert!(check("jean@gmail.com").free);
        assert!(check("jean@orange.fr").free);
        assert!(!check("jean@entreprise.fr").free);
        assert!(check("contact@entreprise.fr").role);
        assert!(check("Comptabilite@entreprise.fr").role);
        assert!(check("no-reply@entreprise.fr").role);
        assert!(!check("jean.contact@entreprise.fr").role);
        assert!(check("jean@example.com").reserved);
        assert!(check("jean@foo.test").reserved);
        assert!(check("jean@mailinator.com").disposable);
        assert!(check("jean@voila.fr").dead_domain);
        assert!(check("jean+promo@gmail.com").tagged);
        assert!(!check("jean@gmail.com").tagged);
        assert!(check("jean@@x").invalid);
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(
            canonical(" Jean.Dupont+promo@GMail.com ").as_deref(),
            Some("jeandupont@gmail.com")
        );
        assert_eq!(
            canonical("j.d@googlemail.com").as_deref(),
            Some("jd@gmail.com")
        );
        assert_eq!(
            canonical("Jean.Dupont+x@Orange.fr").as_deref(),
            Some("jean.dupont+x@orange.fr")
        );
        assert_eq!(canonical("nope"), None);
    }
}
