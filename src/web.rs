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
//! ```
//!
//! With `panic = "abort"` a panic cannot be caught: the hook installed at start-up
//! records its message (see [`last_panic`] and [`set_panic_handler`]), then the wasm
//! instance traps with a `RuntimeError: unreachable`. The instance must then be
//! thrown away (the page replaces its worker).

use std::cell::RefCell;
use std::sync::Mutex;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind};
use crate::{Auditor, Options};

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

/// A streaming audit: `feed` chunks, then `finish`.
#[wasm_bindgen(js_name = Auditor)]
pub struct JsAuditor {
    inner: Option<Auditor>,
}

#[wasm_bindgen(js_class = Auditor)]
impl JsAuditor {
    /// Creates an auditor. `options` is an object with the JSON options' snake_case keys
    /// (`{ delimiter: ";", audit_date: "2026-11-29" }`), or `undefined`/`null` for the
    /// defaults. Throws a `TamisOptionError` for options that cannot be used (an unknown
    /// key included).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<JsAuditor, JsValue> {
        let options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            // Through JSON, like the CLI's options: unknown keys are refused (serde-wasm-bindgen
            // would silently skip them) and the error messages are the same.
            let json = js_sys::JSON::stringify(&options)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| {
                    js_error_from(&Error::from(ErrorKind::OptionsJson(
                        "the options cannot be written as JSON".to_string(),
                    )))
                })?;
            Options::from_json(&json).map_err(|e| js_error_from(&e))?
        };
        let inner = Auditor::new(options).map_err(|e| js_error_from(&e))?;
        Ok(JsAuditor { inner: Some(inner) })
    }

    /// Pushes the next chunk of the file. Throws a `TamisStateError` after `finish`.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        self.auditor_mut()?.feed(chunk);
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
    /// used afterwards.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let auditor = self.inner.take().ok_or_else(finished)?;
        let (report, preview) = auditor.finish_with_preview(&mut NoRows);
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
}

impl JsAuditor {
    fn auditor(&self) -> Result<&Auditor, JsValue> {
        self.inner.as_ref().ok_or_else(finished)
    }

    fn auditor_mut(&mut self) -> Result<&mut Auditor, JsValue> {
        self.inner.as_mut().ok_or_else(finished)
    }
}

/// `finish` takes a sink; the web layer needs no rows beyond the preview.
struct NoRows;

impl crate::RowSink for NoRows {
    fn row(&mut self, _row: &crate::RowView<'_>) {}
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
