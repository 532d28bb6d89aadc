//! The JavaScript API (wasm-bindgen): a thin layer over [`crate::Auditor`].
//!
//! No core type carries `#[wasm_bindgen]`: this module wraps them, names things in
//! camelCase at the boundary, reads options as JSON (the CLI's `--options` format, so
//! unknown keys are refused the same way), hands reports out with serde-wasm-bindgen
//! (plain objects, `null` for none) plus the exact `Report::to_json_pretty()` text, and
//! throws real JS `Error`s whose `name` says what went wrong (`TamisOptionError`,
//! `TamisStateError`).
//!
//! ```js
//! import init, { Auditor } from './pkg/tamis.js';
//! await init();
//! const a = new Auditor({ max_examples: 5 });      // or new Auditor() for the defaults
//! for await (const chunk of file.stream()) a.feed(chunk);
//! const { report, reportJson, preview } = a.finish();
//! const examples = a.exampleValues();             // cells of the examples' rows: local only
//! ```
//!
//! Reference lists (all optional, before the first `feed`): the buyer's own customer file
//! (read with an [`JsOwnFileBuilder`]), a partner's salted hash file with the shared salt,
//! the owner's seed registry with its secret:
//!
//! ```js
//! const b = new OwnFileBuilder({});                 // its own sniffing
//! for await (const chunk of customers.stream()) b.feed(chunk);
//! const a = new Auditor(options);
//! a.setOwnFile(b.finish());                         // consumes the OwnFile
//! a.setPartnerHashes(hashFileBytes, saltBytes);     // `tamis hash --salt-file` output
//! a.setSeedRegistry(registryBytes, secretBytes);    // `tamis seeds` registry
//! ```
//!
//! The other tools of the CLI: [`JsHashBuilder`] (`tamis hash`), [`seeds_make`] and
//! [`seeds_add`] (`tamis seeds make|add`, with [`JsLikeFile`] for `--like`). They return
//! the files' contents; the page offers them as downloads, nothing is uploaded.
//!
//! With `panic = "abort"` a panic cannot be caught: the hook installed at start-up
//! records its message (see [`last_panic`] and [`set_panic_handler`]), then the wasm
//! instance traps with a `RuntimeError: unreachable`. The instance must then be
//! thrown away (the page replaces its worker).

use std::cell::RefCell;
use std::sync::Mutex;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, ErrorKind};
use crate::keys::{HashSetBuilder, Hashing, KeyKind, Kinds, PartnerKeys, Platform, Region, Salt};
use crate::seeds::{self, LikeError, RegistryUpdate, Secret, SeedLayout, SeedList, SeedRegistry};
use crate::{Auditor, Options, OwnFile, OwnFileBuilder, References};

/// The message of the last panic, if any.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

thread_local! {
    /// A JS function called with the panic message, before the trap.
    static PANIC_HANDLER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Installs the panic hook when the module is instantiated.
#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        gloo::console::error!(format!("tamis: {message}"));
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(message.clone());
        }
        PANIC_HANDLER.with(|h| {
            if let Ok(h) = h.try_borrow() {
                if let Some(f) = h.as_ref() {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
                }
            }
        });
    }));
}

/// The message of the last panic (`undefined` if none). Still readable after the trap, but
/// prefer [`set_panic_handler`], which does not call into a trapped instance.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|m| m.clone())
}

/// Registers a function called with the panic message just before the instance traps
/// (`null` or `undefined` removes it).
#[wasm_bindgen(js_name = setPanicHandler)]
pub fn set_panic_handler(handler: Option<js_sys::Function>) {
    PANIC_HANDLER.with(|h| *h.borrow_mut() = handler);
}

/// Panics on purpose: lets tests check that a page survives a wasm trap.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTests)]
pub fn panic_for_tests() {
    panic!("panic requested by a test (__panicForTests)");
}

/// This crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Every rule (code, category, severity, effect, scope, and the summary, what, why and
/// todo texts as `{en, fr}`), sorted by code.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    let mut all: Vec<&crate::rules::Rule> = crate::rules::all().collect();
    all.sort_by_key(|r| r.code);
    to_js(&all)
}

/// A streaming SHA-256 (the page's second worker hashes the file with it while the
/// audit reads it: `Auditor.hashElsewhere`).
#[wasm_bindgen(js_name = Sha256)]
pub struct JsSha256 {
    inner: sha2::Sha256,
}

#[wasm_bindgen(js_class = Sha256)]
impl JsSha256 {
    /// A hash of nothing yet.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> JsSha256 {
        use sha2::Digest;
        JsSha256 {
            inner: sha2::Sha256::new(),
        }
    }

    /// Hashes the next chunk.
    pub fn update(&mut self, chunk: &[u8]) {
        use sha2::Digest;
        self.inner.update(chunk);
    }

    /// The digest of everything hashed so far (32 bytes); more can be hashed after.
    pub fn digest(&self) -> Vec<u8> {
        use sha2::Digest;
        self.inner.clone().finalize().to_vec()
    }
}

/// The 32-byte digest handed to `finish` (a `TamisStateError` if it is missing or of
/// another length while the auditor hashes elsewhere, or given while it does not).
fn given_digest(elsewhere: bool, sha256: Option<Vec<u8>>) -> Result<Option<[u8; 32]>, JsValue> {
    match (elsewhere, sha256) {
        (false, None) => Ok(None),
        (false, Some(_)) => Err(named_error(
            "TamisStateError",
            "a SHA-256 for finish() needs hashElsewhere() before the first feed",
        )),
        (true, d) => d
            .and_then(|d| <[u8; 32]>::try_from(d.as_slice()).ok())
            .map(Some)
            .ok_or_else(|| {
                named_error(
                    "TamisStateError",
                    "after hashElsewhere(), finish() needs the file's SHA-256 (32 bytes)",
                )
            }),
    }
}

/// A streaming audit: `feed` chunks, then `finish`.
#[wasm_bindgen(js_name = Auditor)]
pub struct JsAuditor {
    inner: Option<Auditor>,
    /// The reference lists set so far, handed to the auditor before the first byte.
    refs: Option<References>,
    /// The cell values of the report's examples (local only, see `exampleValues`).
    examples: ExampleCells,
    /// The options, for the certificate.
    options: Options,
    /// The audit certificate, once finished (see `certificate`).
    certificate: Option<crate::Certificate>,
}

#[wasm_bindgen(js_class = Auditor)]
impl JsAuditor {
    /// Creates an auditor. `options` is an object with the JSON options' snake_case keys
    /// (`{ delimiter: ";", audit_date: "2026-11-29" }`), or `undefined`/`null` for the
    /// defaults. Throws a `TamisOptionError` for options that cannot be used (an unknown
    /// key included).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsAuditor, JsValue> {
        let options = options_from(&options)?;
        let examples = ExampleCells::new(options.max_examples);
        let inner = Auditor::new(options.clone()).map_err(|e| js_error_from(&e))?;
        Ok(JsAuditor {
            inner: Some(inner),
            refs: None,
            examples,
            options,
            certificate: None,
        })
    }

    /// The file's SHA-256 is computed by the caller, at the same time (in another
    /// worker): the auditor does not hash what it is fed, and `finish` takes the digest.
    /// Before the first `feed` (else a `TamisStateError`).
    #[wasm_bindgen(js_name = hashElsewhere)]
    pub fn hash_elsewhere(&mut self) -> Result<(), JsValue> {
        if !self.auditor_mut()?.hash_elsewhere() {
            return Err(named_error(
                "TamisStateError",
                "hashElsewhere() comes before the first feed",
            ));
        }
        Ok(())
    }

    /// Matches the rows against the buyer's own customer file (`overlap.own`), built
    /// with an `OwnFileBuilder`; the `OwnFile` is consumed. Before the first `feed`
    /// (else a `TamisStateError`).
    #[wasm_bindgen(js_name = setOwnFile)]
    pub fn set_own_file(&mut self, own: JsOwnFile) -> Result<(), JsValue> {
        let own = own.inner.ok_or_else(|| {
            named_error(
                "TamisStateError",
                "this OwnFile was already given to an Auditor",
            )
        })?;
        self.refs_mut()?.own = Some(own);
        Ok(())
    }

    /// Matches the rows against a partner's hash file (`tamis hash --salt-file` output,
    /// UTF-8 bytes) with the salt shared with the partner (the salt file's bytes, one
    /// trailing line ending ignored): rows whose email or phone is in it get
    /// `overlap.partner`. Throws a `TamisSaltError` (salt under 16 bytes) or a
    /// `TamisHashFileError` (naming the line); before the first `feed`.
    #[wasm_bindgen(js_name = setPartnerHashes)]
    pub fn set_partner_hashes(&mut self, hash_file: &[u8], salt: &[u8]) -> Result<(), JsValue> {
        self.refs_mut()?;
        let salt = Salt::new(salt).map_err(|e| js_error_from(&e))?;
        let text = std::str::from_utf8(hash_file).map_err(|_| {
            js_error_from(&Error::from(ErrorKind::HashFile {
                line: 0,
                message: "not a hash file (not UTF-8 text)".into(),
            }))
        })?;
        let keys = PartnerKeys::new(text, salt).map_err(|e| js_error_from(&e))?;
        self.refs_mut()?.partner = Some(keys);
        Ok(())
    }

    /// Matches the rows against the owner's seed registry (`tamis seeds` or the page's
    /// seeds tab; UTF-8 bytes) opened with its secret (the secret file's bytes): seed rows
    /// get `seed.registry` and the report names the recipients. Throws a
    /// `TamisSaltError` (secret under 16 bytes) or a `TamisSeedRegistryError` (another
    /// secret, a bad line); before the first `feed`.
    #[wasm_bindgen(js_name = setSeedRegistry)]
    pub fn set_seed_registry(&mut self, registry: &[u8], secret: &[u8]) -> Result<(), JsValue> {
        self.refs_mut()?;
        let secret = secret_from(secret)?;
        let text = seeds::registry_text(registry).map_err(|m| registry_error(&m))?;
        let reg = SeedRegistry::parse(text, secret).map_err(|e| js_error_from(&e))?;
        self.refs_mut()?.seeds = Some(reg);
        Ok(())
    }

    /// Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.hand_references()?;
        let auditor = self.inner.as_mut().ok_or_else(finished)?;
        auditor.feed_with(chunk, &mut self.examples);
        Ok(())
    }

    /// Bytes fed so far.
    #[wasm_bindgen(js_name = bytesFed)]
    pub fn bytes_fed(&self) -> Result<f64, JsValue> {
        Ok(self.auditor()?.bytes_fed() as f64)
    }

    /// Data rows read so far.
    pub fn rows(&self) -> Result<f64, JsValue> {
        Ok(self.auditor()?.rows() as f64)
    }

    /// The preview (encoding, delimiter, header, columns and first rows) once the
    /// dialect is known, else `null`. It holds cell values: keep it on this machine.
    pub fn preview(&self) -> Result<JsValue, JsValue> {
        to_js(&self.auditor()?.preview())
    }

    /// Ends the input. Returns `{ report, reportJson, preview }`: the report as an
    /// object, the same report as pretty JSON with a final newline (the golden-file
    /// format, byte for byte the CLI's), and the preview or `null`. The auditor cannot be
    /// used afterwards. `sha256`: the file's digest (32 bytes) after `hashElsewhere`,
    /// else `undefined`.
    pub fn finish(&mut self, sha256: Option<Vec<u8>>) -> Result<JsValue, JsValue> {
        self.hand_references()?;
        let digest = given_digest(self.auditor()?.hashes_elsewhere(), sha256)?;
        let mut auditor = self.inner.take().ok_or_else(finished)?;
        if let Some(d) = digest {
            auditor.set_sha256(d);
        }
        let (report, preview) = auditor.finish_with_preview(&mut self.examples);
        self.certificate = Some(crate::Certificate::new(&report, &self.options, None));
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &"report".into(), &to_js(&report)?)?;
        js_sys::Reflect::set(&out, &"reportJson".into(), &report.to_json_pretty().into())?;
        js_sys::Reflect::set(&out, &"preview".into(), &to_js(&preview)?)?;
        Ok(out.into())
    }

    /// Whether `finish` was called.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.inner.is_none()
    }

    /// The audit certificate, after `finish` (see `tamis::certificate`: the file's SHA-256,
    /// size and rows, the options, the score and the counts, **no personal data**), with
    /// `fileName` written in it (`undefined`: none). Returns `{ certificate, certificateJson }`:
    /// an object, and the JSON `tamis audit --certificate` writes for the same file, options
    /// and name. Throws a `TamisStateError` before `finish`.
    pub fn certificate(&self, file_name: Option<String>) -> Result<JsValue, JsValue> {
        let mut cert = self
            .certificate
            .clone()
            .ok_or_else(|| named_error("TamisStateError", "the certificate comes after finish"))?;
        cert.file.name = file_name;
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &"certificate".into(), &to_js(&cert)?)?;
        js_sys::Reflect::set(
            &out,
            &"certificateJson".into(),
            &cert.to_json_pretty().into(),
        )?;
        Ok(out.into())
    }

    /// The cell values behind the report's examples, for the page to show (masked):
    /// `{ maxExamples, cellCap, rows: [{ row, cells: [string] }] }`, `rows` in file order.
    /// A row is kept when the report keeps it as an example of one of its findings (the
    /// first `max_examples` rows of a code); its first cells, each cut to
    /// `cellCap` characters (`…` marks a cut), until a fixed budget is spent (later rows:
    /// no cells). They are cell values: **never put them in the report**, nor post them
    /// outside the page. Callable before or after `finish`.
    #[wasm_bindgen(js_name = exampleValues)]
    pub fn example_values(&self) -> Result<JsValue, JsValue> {
        to_js(&self.examples.values())
    }
}

/// The cells of the rows the report's examples point to (see `exampleValues`: the rows
/// the core keeps as examples, `RowView::example`); bounded memory (at most
/// `EXAMPLE_CELLS` cells of `EXAMPLE_CELL_CAP` characters a row, `EXAMPLE_BUDGET` bytes in
/// all).
struct ExampleCells {
    max: usize,
    rows: Vec<ExampleRow>,
    bytes: usize,
}

const EXAMPLE_CELLS: usize = 64;
const EXAMPLE_CELL_CAP: usize = 120;
const EXAMPLE_BUDGET: usize = 4 << 20;

#[derive(Serialize)]
struct ExampleRow {
    row: u64,
    cells: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExampleValues<'a> {
    max_examples: usize,
    cell_cap: usize,
    rows: &'a [ExampleRow],
}

impl ExampleCells {
    fn new(max: usize) -> Self {
        ExampleCells {
            max,
            rows: Vec::new(),
            bytes: 0,
        }
    }

    fn values(&self) -> ExampleValues<'_> {
        ExampleValues {
            max_examples: self.max,
            cell_cap: EXAMPLE_CELL_CAP,
            rows: &self.rows,
        }
    }
}

impl crate::RowSink for ExampleCells {
    fn row(&mut self, row: &crate::RowView<'_>) {
        let Some(n) = row.position.row.filter(|_| row.example) else {
            return;
        };
        let mut cells = Vec::new();
        if self.bytes < EXAMPLE_BUDGET {
            for field in row.fields().take(EXAMPLE_CELLS) {
                let cell = match field.char_indices().nth(EXAMPLE_CELL_CAP) {
                    Some((cut, _)) => format!("{}\u{2026}", &field[..cut]),
                    None => field.to_string(),
                };
                self.bytes += cell.len();
                cells.push(cell);
            }
        }
        self.rows.push(ExampleRow { row: n, cells });
    }
}

impl JsAuditor {
    fn auditor(&self) -> Result<&Auditor, JsValue> {
        self.inner.as_ref().ok_or_else(finished)
    }

    fn auditor_mut(&mut self) -> Result<&mut Auditor, JsValue> {
        self.inner.as_mut().ok_or_else(finished)
    }

    /// The reference lists, while they can still be set (nothing fed yet).
    fn refs_mut(&mut self) -> Result<&mut References, JsValue> {
        if self.auditor()?.bytes_fed() > 0 {
            return Err(named_error(
                "TamisStateError",
                "set the reference lists before the first feed",
            ));
        }
        Ok(self.refs.get_or_insert_with(References::default))
    }

    /// Gives the reference lists set so far to the auditor (once, before the first byte).
    fn hand_references(&mut self) -> Result<(), JsValue> {
        if let Some(refs) = self.refs.take() {
            self.auditor_mut()?.set_references(refs);
        }
        Ok(())
    }
}

/// A CSV export of a file, written as the file is read again with the audit's options
/// (`tamis audit --annotate` or `--usable`, byte for byte): `new Exporter(auditor, kind)`
/// takes a fresh `Auditor` (the audit's options and reference lists set, nothing fed; it is
/// consumed) and `kind` (`annotated` or `usable`). Then `feed` the file's chunks and
/// `take()` the CSV bytes written so far, as often as you like (the parts, in order, are
/// the file: hand them to a `Blob`); `finish()`, and `take()` the rest. It holds the bytes
/// not yet taken, never the whole file. The bytes hold cell values: keep them local.
///
/// ```js
/// const x = new Exporter(new Auditor(options), 'usable');
/// const parts = [];
/// for await (const chunk of file.stream()) { x.feed(chunk); parts.push(x.take()); }
/// const { rows, sha256 } = x.finish();
/// parts.push(x.take());
/// const blob = new Blob(parts, { type: 'text/csv' });
/// ```
#[wasm_bindgen(js_name = Exporter)]
pub struct JsExporter {
    inner: Option<Auditor>,
    export: crate::CsvExport,
}

#[wasm_bindgen(js_class = Exporter)]
impl JsExporter {
    /// Throws a `TamisOptionError` for another `kind`, a `TamisStateError` for an
    /// `Auditor` already fed or finished.
    #[wasm_bindgen(constructor)]
    pub fn new(mut auditor: JsAuditor, kind: &str) -> Result<JsExporter, JsValue> {
        let kind = crate::ExportKind::from_name(kind)
            .ok_or_else(|| option_error(&format!("export {kind:?}: one of annotated, usable")))?;
        auditor.hand_references()?;
        let inner = auditor.inner.take().ok_or_else(finished)?;
        if inner.bytes_fed() > 0 {
            return Err(named_error(
                "TamisStateError",
                "an Exporter needs an Auditor nothing was fed to",
            ));
        }
        Ok(JsExporter {
            inner: Some(inner),
            export: crate::CsvExport::new(kind),
        })
    }

    /// Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let auditor = self.inner.as_mut().ok_or_else(finished_exporter)?;
        auditor.feed_with(chunk, &mut self.export);
        Ok(())
    }

    /// Bytes of the file fed so far.
    #[wasm_bindgen(js_name = bytesFed)]
    pub fn bytes_fed(&self) -> Result<f64, JsValue> {
        let auditor = self.inner.as_ref().ok_or_else(finished_exporter)?;
        Ok(auditor.bytes_fed() as f64)
    }

    /// Data rows read so far.
    pub fn rows(&self) -> Result<f64, JsValue> {
        let auditor = self.inner.as_ref().ok_or_else(finished_exporter)?;
        Ok(auditor.rows() as f64)
    }

    /// Bytes written and not yet taken.
    #[wasm_bindgen(getter)]
    pub fn buffered(&self) -> f64 {
        self.export.buffer().len() as f64
    }

    /// Data rows written so far.
    #[wasm_bindgen(getter)]
    pub fn written(&self) -> f64 {
        self.export.rows() as f64
    }

    /// The CSV bytes written since the last `take` (possibly none).
    pub fn take(&mut self) -> js_sys::Uint8Array {
        let out = js_sys::Uint8Array::from(self.export.buffer());
        self.export.clear();
        out
    }

    /// Ends the file. Returns `{ rows, header, bytes, sha256 }`: the data rows written, whether
    /// anything was written (false: the file is not text or has no columns), and the size and
    /// SHA-256 of the bytes read (compare them with the audit's: the file did not change).
    /// `sha256`: the file's digest (32 bytes) if the auditor it was made with hashes
    /// elsewhere, else `undefined`.
    pub fn finish(&mut self, sha256: Option<Vec<u8>>) -> Result<JsValue, JsValue> {
        let elsewhere = self
            .inner
            .as_ref()
            .ok_or_else(finished_exporter)?
            .hashes_elsewhere();
        let digest = given_digest(elsewhere, sha256)?;
        let mut auditor = self.inner.take().ok_or_else(finished_exporter)?;
        if let Some(d) = digest {
            auditor.set_sha256(d);
        }
        let report = auditor.finish_with(&mut self.export);
        let out = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v).map(drop);
        set("rows", (self.export.rows() as f64).into())?;
        set("header", self.export.header_done().into())?;
        set("bytes", (report.input.bytes as f64).into())?;
        set("sha256", report.input.sha256.as_str().into())?;
        Ok(out.into())
    }
}

fn finished_exporter() -> JsValue {
    finished_named("Exporter")
}

/// The buyer's own customer file, read for an audit's `overlap.own`: `new(options)`,
/// `feed` its chunks, `finish()` gives the `OwnFile` for `Auditor.setOwnFile`. Its
/// columns are detected on their own (give it the audit's options without `delimiter`,
/// `encoding`, `header` and `roles`, as `tamis audit --own` does). It keeps fixed-size
/// identities of the rows (no strings).
#[wasm_bindgen(js_name = OwnFileBuilder)]
pub struct JsOwnFileBuilder {
    inner: Option<OwnFileBuilder>,
    bytes: u64,
}

#[wasm_bindgen(js_class = OwnFileBuilder)]
impl JsOwnFileBuilder {
    /// A builder with these options (as for `Auditor`; `undefined` for the defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsOwnFileBuilder, JsValue> {
        let inner = OwnFileBuilder::new(options_from(&options)?).map_err(|e| js_error_from(&e))?;
        Ok(JsOwnFileBuilder {
            inner: Some(inner),
            bytes: 0,
        })
    }

    /// Pushes the next chunk of the customer file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.inner
            .as_mut()
            .ok_or_else(|| finished_named("OwnFileBuilder"))?
            .feed(chunk);
        self.bytes += chunk.len() as u64;
        Ok(())
    }

    /// Bytes fed so far.
    #[wasm_bindgen(js_name = bytesFed, getter)]
    pub fn bytes_fed(&self) -> f64 {
        self.bytes as f64
    }

    /// Ends the customer file. Throws a `TamisOptionError` when it has no column to
    /// match on (no email, phone, name or postal column).
    pub fn finish(&mut self) -> Result<JsOwnFile, JsValue> {
        let b = self
            .inner
            .take()
            .ok_or_else(|| finished_named("OwnFileBuilder"))?;
        let own = b.finish().map_err(|e| js_error_from(&e))?;
        Ok(JsOwnFile { inner: Some(own) })
    }
}

/// A customer file read by an `OwnFileBuilder`, for `Auditor.setOwnFile`.
#[wasm_bindgen(js_name = OwnFile)]
pub struct JsOwnFile {
    inner: Option<OwnFile>,
}

#[wasm_bindgen(js_class = OwnFile)]
impl JsOwnFile {
    /// Its data rows.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |o| o.rows as f64)
    }
}

/// `tamis hash` in the browser: `new(options, saltOrPlatform, kind)`, `feed` the file's
/// chunks, `finish()` gives the hash file's text, byte for byte what `tamis hash` writes
/// for the same input and salt or platform.
#[wasm_bindgen(js_name = HashBuilder)]
pub struct JsHashBuilder {
    inner: Option<(Auditor, HashSetBuilder)>,
}

#[wasm_bindgen(js_class = HashBuilder)]
impl JsHashBuilder {
    /// `options` as for `Auditor` (`undefined`: the defaults). `salt_or_platform`: the
    /// salt file's bytes (a `Uint8Array`, 16 bytes or more, shared with a partner), or an
    /// ad platform's name (`google`, `meta`, `tiktok`) for its unsalted hashes. `kind`:
    /// `email`, `phone` or `both` (`undefined`: both). Throws a `TamisOptionError` or a
    /// `TamisSaltError`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: JsValue,
        salt_or_platform: JsValue,
        kind: Option<String>,
    ) -> Result<JsHashBuilder, JsValue> {
        let opts = options_from(&options)?;
        let hashing = if let Some(name) = salt_or_platform.as_string() {
            let p = Platform::from_name(&name).ok_or_else(|| {
                option_error(&format!("platform {name:?}: one of {}", platform_names()))
            })?;
            Hashing::Platform(p)
        } else if let Some(bytes) = bytes_of(&salt_or_platform) {
            Hashing::Salted(Salt::new(&bytes).map_err(|e| js_error_from(&e))?)
        } else {
            return Err(option_error(&format!(
                "give a salt (the salt file's bytes, a Uint8Array) or a platform name (one of \
                 {})",
                platform_names()
            )));
        };
        let kinds = match kind.as_deref() {
            None => Kinds::Both,
            Some(k) => Kinds::from_name(k)
                .ok_or_else(|| option_error(&format!("kind {k:?}: one of email, phone, both")))?,
        };
        let auditor = Auditor::new(opts).map_err(|e| js_error_from(&e))?;
        Ok(JsHashBuilder {
            inner: Some((auditor, HashSetBuilder::new(hashing, kinds, Region::France))),
        })
    }

    /// Pushes the next chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let (a, b) = self
            .inner
            .as_mut()
            .ok_or_else(|| finished_named("HashBuilder"))?;
        a.feed_with(chunk, b);
        Ok(())
    }

    /// Bytes fed so far.
    #[wasm_bindgen(js_name = bytesFed, getter)]
    pub fn bytes_fed(&self) -> f64 {
        self.inner
            .as_ref()
            .map_or(0.0, |(a, _)| a.bytes_fed() as f64)
    }

    /// Data rows read so far.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |(a, _)| a.rows() as f64)
    }

    /// Ends the file. Returns `{ text, header, hashes, stats: { rows, rowsWithoutKey,
    /// emails, phones, invalid, duplicates } }`: `text` is the hash file (a first line
    /// `# <rule>`, then one lower-case SHA-256 hex per line, sorted). Throws a
    /// `TamisHashError` when the file has no email or phone column (`name` names the
    /// file in the message).
    pub fn finish(&mut self, name: Option<String>) -> Result<JsValue, JsValue> {
        let (auditor, mut builder) = self
            .inner
            .take()
            .ok_or_else(|| finished_named("HashBuilder"))?;
        auditor.finish_with(&mut builder);
        if builder.email_columns().is_empty() && builder.phone_columns().is_empty() {
            let name = name.unwrap_or_else(|| "the file".into());
            let why = if builder.header_seen() {
                "; name one with the `roles` option (a column's role: email or phone)"
            } else {
                " (it is empty or not a text file)"
            };
            return Err(named_error(
                "TamisHashError",
                &format!("{name} has no email or phone column{why}"),
            ));
        }
        let set = builder.finish();
        let st = set.stats;
        let stats = js_sys::Object::new();
        for (k, v) in [
            ("rows", st.rows),
            ("rowsWithoutKey", st.rows_without_key),
            ("emails", st.emails),
            ("phones", st.phones),
            ("invalid", st.invalid),
            ("duplicates", st.duplicates),
        ] {
            js_sys::Reflect::set(&stats, &k.into(), &(v as f64).into())?;
        }
        let out = js_sys::Object::new();
        js_sys::Reflect::set(&out, &"text".into(), &set.to_text().into())?;
        js_sys::Reflect::set(&out, &"header".into(), &set.header.into())?;
        js_sys::Reflect::set(&out, &"hashes".into(), &(set.digests.len() as f64).into())?;
        js_sys::Reflect::set(&out, &"stats".into(), &stats)?;
        Ok(out.into())
    }
}

/// The layout of a file to write seeds like (`tamis seeds make --like`): `feed` its
/// chunks until `done` (only the header is needed), then give it to `seedsMake`.
#[wasm_bindgen(js_name = LikeFile)]
pub struct JsLikeFile {
    inner: seeds::LikeFile,
}

#[wasm_bindgen(js_class = LikeFile)]
impl JsLikeFile {
    /// A reader with these options (`delimiter`, `encoding`, `roles` matter;
    /// `undefined` for the defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsLikeFile, JsValue> {
        let inner = seeds::LikeFile::new(options_from(&options)?).map_err(|e| js_error_from(&e))?;
        Ok(JsLikeFile { inner })
    }

    /// Pushes the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) {
        self.inner.feed(chunk);
    }

    /// True once the header is read: stop feeding.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.inner.done()
    }
}

/// `tamis seeds make`: makes `count` seed records for a recipient, derived from the
/// secret, and registers them. `request`: `{ secret: Uint8Array, recipient, count,
/// domain, date: "YYYY-MM-DD", phones?: bool, rowsOnly?: bool, registry?: Uint8Array
/// (the registry file so far; none: a new registry), likeName?: string }`; `like`: a
/// `LikeFile` (consumed) to write the seeds in that file's layout, or `undefined`.
///
/// Returns `{ seedsCsv: Uint8Array, encoding, seeds, phones, registryText, added,
/// already, lines, recipients, notes }`: the seed file's bytes (windows-1252 when the
/// like file is, else UTF-8), the registry's new text (the given one byte for byte with
/// the new lines appended), counts, and notes (strings) worth showing. The same secret,
/// recipient, registry and date give the same bytes as the CLI. Errors (with the CLI's
/// messages, options named without `--`): `TamisOptionError`, `TamisSaltError`,
/// `TamisSeedRegistryError`.
#[wasm_bindgen(js_name = seedsMake)]
pub fn seeds_make(request: JsValue, like: Option<JsLikeFile>) -> Result<JsValue, JsValue> {
    let recipient = recipient_from(&request)?;
    let date = date_from(&request)?;
    let count = number_field(&request, "count")?
        .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX))
        .ok_or_else(|| option_error("count: a whole number of seeds"))?;
    let count =
        seeds::check_count(count as u32).map_err(|m| option_error(&format!("count {m}")))?;
    let domain = string_field(&request, "domain")?.unwrap_or_default();
    let mailbox =
        seeds::parse_mailbox(&domain).map_err(|m| option_error(&format!("domain {m}")))?;
    let phones = bool_field(&request, "phones")?;
    let secret = secret_from(&bytes_field(&request, "secret")?.unwrap_or_default())?;
    let like_name = string_field(&request, "likeName")?.unwrap_or_else(|| "the model file".into());
    let (mut layout, cp1252) = match like {
        Some(l) => l.inner.finish().map_err(|e| {
            option_error(&match e {
                LikeError::NoColumns => {
                    format!("{like_name}: no columns found (it is empty or not a text file)")
                }
                LikeError::NoEmail => {
                    format!("{like_name} has no email column for the seeds' addresses")
                }
            })
        })?,
        None => (SeedLayout::french(phones), false),
    };
    if bool_field(&request, "rowsOnly")? {
        layout.header = None;
    }
    let mut update = registry_update(&request, secret.clone())?;
    let spec = seeds::SeedSpec {
        recipient: recipient.clone(),
        count,
        mailbox,
        phones,
    };
    let made = seeds::make_seeds(&secret, &spec, Some(update.registry()))
        .map_err(|e| js_error_from(&e))?;
    let phone_keys = update
        .add_seeds(&made, &recipient, &date)
        .map_err(|e| js_error_from(&e))?;
    let (bytes, unmappable) = seeds::encode_seed_file(layout.to_csv(&made, &date), cp1252);
    let mut notes = Vec::new();
    if unmappable {
        notes.push("some characters have no windows-1252 form: the seed file is UTF-8");
    }
    if phones && !layout.has_phone() {
        notes.push("the layout has no phone column: the phones are registered but not written");
    }
    let out = registry_result(&update, &notes)?;
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v).map(drop);
    set("seedsCsv", js_sys::Uint8Array::from(&bytes[..]).into())?;
    set(
        "encoding",
        (if cp1252 && !unmappable {
            "windows-1252"
        } else {
            "UTF-8"
        })
        .into(),
    )?;
    set("seeds", (made.len() as f64).into())?;
    set("phones", (phone_keys as f64).into())?;
    Ok(out.into())
}

/// `tamis seeds add`: registers seed addresses or numbers the owner already has.
/// `request`: `{ secret: Uint8Array, recipient, date: "YYYY-MM-DD", registry?:
/// Uint8Array, emails?: Uint8Array, emailsName?: string, phones?: Uint8Array,
/// phonesName?: string }` (the list files' bytes: one value per line, blank lines and
/// `#` comments skipped; at least one list). Returns `{ registryText, added, already,
/// lines, recipients, notes, counts }` (`counts`: `{ emails, phones }` registered). A
/// list without any valid value is an error (`NAME: no valid email address (not valid
/// on line 2)`); invalid lines of a list that has valid ones are skipped, and named in
/// `notes`.
#[wasm_bindgen(js_name = seedsAdd)]
pub fn seeds_add(request: JsValue) -> Result<JsValue, JsValue> {
    let recipient = recipient_from(&request)?;
    let date = date_from(&request)?;
    let secret = secret_from(&bytes_field(&request, "secret")?.unwrap_or_default())?;
    let mut lists = Vec::new();
    let mut notes = Vec::new();
    for (kind, field, default_name) in [
        (KeyKind::Email, "emails", "the email list"),
        (KeyKind::Phone, "phones", "the phone list"),
    ] {
        let Some(bytes) = bytes_field(&request, field)? else {
            continue;
        };
        let name =
            string_field(&request, &format!("{field}Name"))?.unwrap_or_else(|| default_name.into());
        let list = SeedList::read(kind, &name, &bytes).map_err(|m| option_error(&m))?;
        if let Some(n) = list.note(&name) {
            notes.push(n);
        }
        lists.push(list);
    }
    if lists.is_empty() {
        return Err(option_error(
            "give a list of seed email addresses or phone numbers (one per line)",
        ));
    }
    let mut update = registry_update(&request, secret)?;
    let mut counts = [0u64; 2];
    for list in &lists {
        counts[usize::from(list.kind == KeyKind::Phone)] += list.keys.len() as u64;
        for key in &list.keys {
            update
                .add(list.kind, key, &recipient, &date)
                .map_err(|e| js_error_from(&e))?;
        }
    }
    let notes: Vec<&str> = notes.iter().map(String::as_str).collect();
    let out = registry_result(&update, &notes)?;
    let c = js_sys::Object::new();
    js_sys::Reflect::set(&c, &"emails".into(), &(counts[0] as f64).into())?;
    js_sys::Reflect::set(&c, &"phones".into(), &(counts[1] as f64).into())?;
    js_sys::Reflect::set(&out, &"counts".into(), &c)?;
    Ok(out.into())
}

/// `{ registryText, added, already, lines, recipients, notes }`.
fn registry_result(update: &RegistryUpdate, notes: &[&str]) -> Result<js_sys::Object, JsValue> {
    let out = js_sys::Object::new();
    let reg = update.registry();
    let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v).map(drop);
    set("registryText", update.to_text().into())?;
    set("added", (update.added() as f64).into())?;
    set("already", (update.already() as f64).into())?;
    set("lines", (reg.len() as f64).into())?;
    set("recipients", to_js(&reg.recipients())?)?;
    set("notes", to_js(notes)?)?;
    Ok(out)
}

/// The registry of a seeds request (`registry`: its bytes; absent: a new one).
fn registry_update(request: &JsValue, secret: Secret) -> Result<RegistryUpdate, JsValue> {
    let bytes = bytes_field(request, "registry")?;
    let text = bytes
        .as_deref()
        .map(seeds::registry_text)
        .transpose()
        .map_err(|m| registry_error(&m))?;
    RegistryUpdate::open(text, secret).map_err(|e| js_error_from(&e))
}

fn recipient_from(request: &JsValue) -> Result<String, JsValue> {
    let r = string_field(request, "recipient")?.unwrap_or_default();
    seeds::check_recipient(&r)
        .map(str::to_string)
        .map_err(|m| option_error(&format!("recipient: {m}")))
}

fn date_from(request: &JsValue) -> Result<String, JsValue> {
    let d = string_field(request, "date")?.unwrap_or_default();
    seeds::check_date(&d)
        .map(str::to_string)
        .map_err(|m| option_error(&format!("date {m}")))
}

fn secret_from(bytes: &[u8]) -> Result<Secret, JsValue> {
    Secret::new(bytes).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::Salt(m) => m.clone(),
            _ => e.to_string(),
        };
        named_error("TamisSaltError", &format!("secret: {why}"))
    })
}

fn registry_error(message: &str) -> JsValue {
    js_error_from(&Error::from(ErrorKind::SeedRegistry {
        line: 0,
        message: message.to_string(),
    }))
}

fn platform_names() -> String {
    Platform::ALL
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The options of a JS value (`undefined`/`null`: the defaults), read through JSON like
/// the CLI's `--options`: unknown keys are refused (serde-wasm-bindgen would silently
/// skip them) and the error messages are the same.
fn options_from(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let json = js_sys::JSON::stringify(options)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            js_error_from(&Error::from(ErrorKind::OptionsJson(
                "the options cannot be written as JSON".to_string(),
            )))
        })?;
    Options::from_json(&json).map_err(|e| js_error_from(&e))
}

/// A field of a request object (`undefined` when absent or not an object).
fn field(request: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    if !request.is_object() {
        return Err(option_error("the request must be an object"));
    }
    js_sys::Reflect::get(request, &name.into())
}

fn string_field(request: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    let v = field(request, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| option_error(&format!("{name}: expected a string")))
}

fn number_field(request: &JsValue, name: &str) -> Result<Option<f64>, JsValue> {
    let v = field(request, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_f64()
        .map(Some)
        .ok_or_else(|| option_error(&format!("{name}: expected a number")))
}

fn bool_field(request: &JsValue, name: &str) -> Result<bool, JsValue> {
    Ok(field(request, name)?.is_truthy())
}

/// A `Uint8Array` or `ArrayBuffer` field's bytes (`None` when absent).
fn bytes_field(request: &JsValue, name: &str) -> Result<Option<Vec<u8>>, JsValue> {
    let v = field(request, name)?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    bytes_of(&v)
        .map(Some)
        .ok_or_else(|| option_error(&format!("{name}: expected bytes (a Uint8Array)")))
}

fn bytes_of(v: &JsValue) -> Option<Vec<u8>> {
    if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        Some(a.to_vec())
    } else {
        v.dyn_ref::<js_sys::ArrayBuffer>()
            .map(|b| js_sys::Uint8Array::new(b).to_vec())
    }
}

fn option_error(message: &str) -> JsValue {
    named_error("TamisOptionError", message)
}

fn finished_named(class: &str) -> JsValue {
    named_error(
        "TamisStateError",
        &format!("this {class} is finished: create a new one"),
    )
}

/// Plain objects for maps and `null` for `None`, like `serde_json`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| named_error("TamisSerializeError", &e.to_string()))
}

fn js_error_from(e: &Error) -> JsValue {
    named_error(e.name(), &e.to_string())
}

fn finished() -> JsValue {
    named_error(
        "TamisStateError",
        "this Auditor is finished: create a new one",
    )
}

fn named_error(name: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    e.into()
}
