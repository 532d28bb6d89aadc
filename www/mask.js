// Masking of cell values for the report's examples (the page shows them masked until the
// user asks to see them), and a visible form of the characters a cell should not hide.
// No DOM here: the end-to-end tests import this module in Node too.
//
//   maskValue('jean.dupont@orange.fr', 'email')  ->  'j***@orange.fr'
//   maskValue('06 12 34 56 12', 'phone')         ->  '06 ** ** ** 12'
//   maskValue('Dupont', 'last_name')             ->  'D***'
//   maskValue('75002', 'postcode')               ->  '75***'
//
// Masking keeps what helps judge a finding without naming the person: an email's domain
// (typos, disposable domains), a phone's first and last two digits (mobile or landline,
// fiction ranges) and layout, a postcode's department, the first letter of each word.

/** Invisible or reordering characters: C0/C1 controls, bidi marks, embeddings, overrides and isolates, zero-width ones. */
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/**
 * The value with its invisible characters made visible (`⟨U+202E⟩`), tabs and line breaks
 * as `⇥` and `↵`: a cell cannot reorder or hide the text around it.
 */
export function visible(value) {
  return String(value ?? '')
    .replace(/\r\n|\r|\n/g, '\u21b5')
    .replace(/\t/g, '\u21e5')
    .replace(HIDDEN, (c) => `\u27e8U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}\u27e9`);
}

/** The kind of masking for a column role (`email`, `phone`, `postcode`, `digits`, `date` or `text`). */
export function maskKind(role) {
  const r = String(role ?? '');
  if (r === 'email') return 'email';
  if (r === 'phone' || r === 'mobile' || r === 'landline' || r === 'fax' || r.startsWith('phone')) return 'phone';
  if (r === 'postcode' || r === 'postal_code' || r === 'zip') return 'postcode';
  if (r === 'siren' || r === 'siret' || r === 'vat' || r === 'naf' || r === 'id') return 'digits';
  if (r.endsWith('_date')) return 'date';
  return 'text';
}

const STARS = '***';

/** Each word as its first letter and `***`: `Jean-Pierre Dupont` -> `J*** D***`. */
function maskWords(s) {
  return s
    .split(/(\s+)/u)
    .map((w) => {
      if (!w || /^\s+$/u.test(w)) return w;
      const first = Array.from(w)[0];
      return `${first}${STARS}`;
    })
    .join('');
}

/** Keeps the first `head` and last `tail` digits, the others become `*`; other characters stay. */
function maskDigits(s, head, tail) {
  const digits = (s.match(/\d/g) ?? []).length;
  if (digits <= head + tail) return s.replace(/\d/g, '*');
  let seen = 0;
  return s.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= head || seen > digits - tail ? d : '*';
  });
}

/**
 * A cell value masked for the report's examples. `kind`: `email`, `phone`, `postcode`,
 * `digits`, `date` or `text` (see maskKind); the result never holds more than the first letter
 * of a word, two leading and two trailing digits of a number, or an email's domain.
 * Invisible characters are made visible first (see `visible`).
 */
export function maskValue(value, kind = 'text') {
  const s = visible(value).trim();
  if (!s) return '';
  switch (kind) {
    case 'email': {
      const at = s.lastIndexOf('@');
      if (at <= 0) return maskWords(s);
      const local = Array.from(s.slice(0, at));
      return `${local[0]}${STARS}${s.slice(at)}`;
    }
    case 'phone':
      return /\d/.test(s) ? maskDigits(s, 2, 2) : maskWords(s);
    case 'postcode':
      return /\d/.test(s) ? maskDigits(s, 2, 0) : maskWords(s);
    case 'digits':
      return /\d/.test(s) ? maskDigits(s, 2, 2) : maskWords(s);
    case 'date':
      return /\d/.test(s) ? maskDigits(s, 2, 0) : maskWords(s);
    default:
      return maskWords(s);
  }
}
