//! `tamis serve`: a small static server for the web page (`www/` at `/`, `pkg/` at
//! `/pkg/`), with the security headers the page is designed for.
//!
//! It serves only regular files under those two directories: `..` segments, dot files,
//! NUL bytes, backslashes and bad percent-escapes are refused, and a file reached through
//! a symbolic link must still resolve inside its directory.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use tiny_http::{Header, Method, Request, Response, Server};

use super::{Failure, Result};

/// Requests answered at once. A response whose client stops reading blocks its thread
/// until the client goes; with the browser's parallel fetches (a service worker filling
/// its cache while the page loads the same files) a pool of 4 could be exhausted and the
/// page's next request wait forever. A thread per request, up to this many at a time,
/// keeps a slow or stalled connection from starving the others.
const MAX_IN_FLIGHT: usize = 64;

/// Headers sent with every response.
pub const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; \
         img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'self'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cache-Control", "no-cache"),
];

/// Sent with every file: the site's files are public and served without credentials, and
/// a host page on another origin needs it to load the `<tamis-audit>` element (module
/// scripts are fetched in CORS mode) and for the widget's worker to import `pkg/` and
/// fetch the wasm (EMBEDDING.md). It exposes nothing a plain GET would not.
pub const CORS_HEADER: (&str, &str) = ("Access-Control-Allow-Origin", "*");

/// Runs the server until the process is stopped.
pub fn run(addr: &str, root: &Path) -> Result<()> {
    let root = root
        .canonicalize()
        .map_err(|e| Failure::msg(format!("cannot serve {}: {e}", root.display())))?;
    let server =
        Server::http(addr).map_err(|e| Failure::msg(format!("cannot listen on {addr}: {e}")))?;
    let bound = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Failure::msg(format!("cannot listen on {addr}: not an IP address")))?;
    {
        let mut out = io::stdout().lock();
        writeln!(out, "tamis: serving http://{bound}/")
            .and_then(|()| out.flush())
            .map_err(super::out_err)?;
    }
    let root = Arc::new(root);
    let in_flight = Arc::new((Mutex::new(0usize), Condvar::new()));
    for req in server.incoming_requests() {
        {
            let (count, freed) = &*in_flight;
            let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
            while *n >= MAX_IN_FLIGHT {
                n = freed.wait(n).unwrap_or_else(|e| e.into_inner());
            }
            *n += 1;
        }
        let root = Arc::clone(&root);
        let in_flight = Arc::clone(&in_flight);
        std::thread::spawn(move || {
            let _slot = Slot(in_flight);
            handle(&root, req);
        });
    }
    Ok(())
}

/// One request in flight: its slot is given back when the thread ends, even by a panic.
struct Slot(Arc<(Mutex<usize>, Condvar)>);

impl Drop for Slot {
    fn drop(&mut self) {
        let (count, freed) = &*self.0;
        *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        freed.notify_one();
    }
}

fn handle(root: &Path, req: Request) {
    if !matches!(req.method(), Method::Get | Method::Head) {
        let resp = plain(405, "405 Method Not Allowed\n").with_header(header("Allow", "GET, HEAD"));
        let _ = req.respond(resp);
        return;
    }
    let code = match resolve(root, req.url()) {
        Ok(Target::File(path)) => match File::open(&path) {
            Ok(file) => {
                // Content-Length, never chunked: tiny_http chunks bodies of 32 KiB and
                // more by default, and the browser's cache (the service worker's) is
                // happier with a known length.
                let resp = Response::from_file(file)
                    .with_chunked_threshold(usize::MAX)
                    .with_header(header("Content-Type", mime(&path)))
                    .with_header(header(CORS_HEADER.0, CORS_HEADER.1));
                let _ = req.respond(secure(resp));
                return;
            }
            Err(_) => 404,
        },
        Ok(Target::Redirect(to)) => {
            let resp = plain(301, "301 Moved Permanently\n").with_header(header("Location", &to));
            let _ = req.respond(resp);
            return;
        }
        Err(code) => code,
    };
    let text = if code == 400 {
        "400 Bad Request\n"
    } else {
        "404 Not Found\n"
    };
    let _ = req.respond(plain(code, text));
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn secure<R: Read>(mut resp: Response<R>) -> Response<R> {
    for (k, v) in SECURITY_HEADERS {
        resp = resp.with_header(header(k, v));
    }
    resp
}

fn plain(code: u16, text: &str) -> Response<io::Cursor<Vec<u8>>> {
    secure(
        Response::from_string(text)
            .with_status_code(code)
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
    )
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    File(PathBuf),
    /// A directory asked without its trailing slash.
    Redirect(String),
}

/// Maps a request URL to a file under `root/www` or `root/pkg`; `Err(400)` for a
/// malformed or malicious path, `Err(404)` when there is no such file.
fn resolve(root: &Path, url: &str) -> std::result::Result<Target, u16> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path).ok_or(400u16)?;
    if !decoded.starts_with('/') || decoded.contains(['\0', '\\']) {
        return Err(400);
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(400),
            s if s.starts_with('.') => return Err(404),
            s => segments.push(s),
        }
    }
    let (base, rest) = match segments.first() {
        Some(&"pkg") => (root.join("pkg"), &segments[1..]),
        _ => (root.join("www"), &segments[..]),
    };
    let mut file = base.clone();
    for seg in rest {
        file.push(seg);
    }
    let meta = std::fs::metadata(&file).map_err(|_| 404u16)?;
    if meta.is_dir() {
        if !path.ends_with('/') {
            return Ok(Target::Redirect(format!("{path}/")));
        }
        file.push("index.html");
    }
    let real = file.canonicalize().map_err(|_| 404u16)?;
    let base = base.canonicalize().map_err(|_| 404u16)?;
    if !real.starts_with(&base) || !real.is_file() {
        return Err(404);
    }
    Ok(Target::File(real))
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file, from its extension.
fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "csv" => "text/csv",
        "txt" | "md" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "woff2" => "font/woff2",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%C3%A9").as_deref(), Some("/é"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%4"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    #[test]
    fn resolving() {
        let dir = std::env::temp_dir().join(format!("tamis-serve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("www/sub")).unwrap();
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("www/index.html"), "<p>hi</p>").unwrap();
        std::fs::write(dir.join("www/sub/index.html"), "sub").unwrap();
        std::fs::write(dir.join("www/.secret"), "no").unwrap();
        std::fs::write(dir.join("pkg/tamis_bg.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("Cargo.toml"), "x").unwrap();
        let root = dir.canonicalize().unwrap();
        let file = |p: &str| Target::File(root.join(p));
        assert_eq!(resolve(&root, "/"), Ok(file("www/index.html")));
        assert_eq!(
            resolve(&root, "/index.html?x=1#y"),
            Ok(file("www/index.html"))
        );
        assert_eq!(resolve(&root, "/sub"), Ok(Target::Redirect("/sub/".into())));
        assert_eq!(resolve(&root, "/sub/"), Ok(file("www/sub/index.html")));
        assert_eq!(
            resolve(&root, "/pkg/tamis_bg.wasm"),
            Ok(file("pkg/tamis_bg.wasm"))
        );
        assert_eq!(resolve(&root, "/../Cargo.toml"), Err(400));
        assert_eq!(resolve(&root, "/%2e%2e/Cargo.toml"), Err(400));
        assert_eq!(resolve(&root, "/sub/..%2f..%2fCargo.toml"), Err(400));
        assert_eq!(resolve(&root, "/.secret"), Err(404));
        assert_eq!(resolve(&root, "/a\\b"), Err(400));
        assert_eq!(resolve(&root, "/%00"), Err(400));
        assert_eq!(resolve(&root, "/missing.js"), Err(404));
        assert_eq!(resolve(&root, "/Cargo.toml"), Err(404));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a.mjs")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("a.WASM")), "application/wasm");
        assert_eq!(
            mime(Path::new("a.webmanifest")),
            "application/manifest+json"
        );
        assert_eq!(mime(Path::new("a")), "application/octet-stream");
    }
}
