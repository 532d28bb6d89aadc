// frame.html's script: the <tamis-audit> widget in an iframe, driven by the parent page with
// postMessage. Protocol version 1 (EMBEDDING.md has examples):
//
// Parent -> frame, every message {tamis: 1, type, ...}:
//   {type: 'hello'}                             the frame answers 'ready' (again)
//   {type: 'audit', id, file}                   audit a File or Blob
//   {type: 'demo', id}                          audit the bundled demo file
//   {type: 'set-options', lang, channel, hide, options}
//                                               the widget's attributes (a string sets one,
//                                               null removes it, absent: unchanged); options:
//                                               the core's audit options object (null: the
//                                               campaign form's, the default)
//   {type: 'cancel'}                            stop the audit in progress
// Frame -> parent, every message {tamis: 1, type, ...}:
//   {type: 'ready', protocol}                   once listening, and after each 'hello'
//   {type: 'progress', id, run, name, phase, bytes, total, rows}
//   {type: 'report', id, run, name, report, reportJson}
//   {type: 'error', id, run, name, message}     a failed audit, or a message it cannot use
// `id` echoes the parent's request id (a string or a number) for the audits it started, null
// for an audit the user started inside the frame; `run` is the widget's run id. No message
// carries a cell value: the report holds counts, positions and column names, never a value.
//
// Origins. The frame talks to one origin, its parent's, and only if it is allowed: listed in
// <html data-allowed-origins> (space-separated origins, 'self' for the frame's own; default
// 'self'; '*' is refused). The parent's origin is the browser's location.ancestorOrigins[0]
// where it exists, else ?parent=ORIGIN, else the list's only entry. Messages out go to
// window.parent only, with that origin as targetOrigin (never '*': the browser drops them if
// the parent is not that origin, so a report never reaches another page); messages in are
// taken only from window.parent (event.source) at that origin (event.origin), anything else
// is ignored. Who may embed the frame at all is the server's CSP frame-ancestors.
//
// Query: ?lang=&channel=&hide= set the widget's attributes, ?parent= names the parent's origin.

const PROTOCOL = 1;
const params = new URLSearchParams(location.search);
const el = document.querySelector('tamis-audit');

// The attributes before the element is defined: it builds itself once, in its language.
for (const name of ['lang', 'channel', 'hide']) {
  const value = params.get(name);
  if (value !== null) el.setAttribute(name, value);
}
if (params.get('lang') === 'en' || params.get('lang') === 'fr') document.documentElement.lang = params.get('lang');
const defined = import('./tamis-audit.js'); // the element upgrades with its attributes set

/** The origin of a URL string, or null (not a URL, or an opaque origin). */
function originOf(text) {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origins <html data-allowed-origins> allows ('self': this page's). Never '*'. */
function allowedOrigins() {
  const out = new Set();
  const list = document.documentElement.dataset.allowedOrigins ?? "'self'";
  for (const entry of list.split(/\s+/).filter(Boolean)) {
    if (entry === "'self'") {
      out.add(location.origin);
      continue;
    }
    const origin = originOf(entry);
    if (origin && origin === entry.replace(/\/$/, '')) out.add(origin);
    else console.warn(`tamis frame: ${JSON.stringify(entry)} ignored in data-allowed-origins (not an origin: scheme://host[:port])`);
  }
  return out;
}

/** The parent's origin if it is allowed, else null (then the frame sends and takes nothing). */
function parentOrigin(allowed) {
  if (window.parent === window) return null;
  const ancestor = location.ancestorOrigins?.[0];
  const claimed = ancestor && ancestor !== 'null' ? ancestor : (params.get('parent') ?? (allowed.size === 1 ? [...allowed][0] : null));
  const origin = claimed ? originOf(claimed) : null;
  if (origin && allowed.has(origin)) return origin;
  console.warn(`tamis frame: the parent's origin (${claimed ?? 'unknown'}) is not in data-allowed-origins: no messages`);
  return null;
}

const PARENT = parentOrigin(allowedOrigins());
const runs = new Map(); // the widget's run id -> the parent's request id

function send(message) {
  if (PARENT) window.parent.postMessage({ tamis: PROTOCOL, ...message }, PARENT);
}

/** The parent's request id of a run (once: the run is over after its report or error). */
function requestId(run, done) {
  const id = runs.get(run) ?? null;
  if (done) runs.delete(run);
  return id;
}

function setOptions(m) {
  for (const name of ['lang', 'channel', 'hide']) {
    if (!(name in m)) continue;
    if (m[name] === null) el.removeAttribute(name);
    else el.setAttribute(name, String(m[name]));
  }
  if ('options' in m) el.options = m.options && typeof m.options === 'object' ? m.options : null;
}

el.addEventListener('tamis-progress', (e) => {
  send({ type: 'progress', id: requestId(e.detail.run, false), ...e.detail });
});
el.addEventListener('tamis-report', (e) => {
  const { run, name, report, reportJson } = e.detail;
  send({ type: 'report', id: requestId(run, true), run, name, report, reportJson });
});
el.addEventListener('tamis-error', (e) => {
  const { run, name, message } = e.detail;
  send({ type: 'error', id: requestId(run, true), run, name, message });
});

window.addEventListener('message', (event) => {
  // Only the parent, at its allowed origin: any other window or origin is ignored.
  if (!PARENT || event.source !== window.parent || event.origin !== PARENT) return;
  const m = event.data;
  if (!m || typeof m !== 'object' || !('tamis' in m)) return; // not for us
  const id = typeof m.id === 'string' || typeof m.id === 'number' ? m.id : null;
  defined.then(() => handle(m, id));
});

function handle(m, id) {
  const refuse = (message) => send({ type: 'error', id, run: null, name: 'TamisProtocolError', message });
  if (m.tamis !== PROTOCOL) {
    refuse(`protocol ${JSON.stringify(m.tamis)} is not supported: this frame speaks ${PROTOCOL}`);
    return;
  }
  switch (m.type) {
    case 'hello':
      send({ type: 'ready', protocol: PROTOCOL });
      break;
    case 'audit':
      if (m.file instanceof Blob) runs.set(el.auditFile(m.file), id);
      else refuse("'audit' needs a File or Blob in `file`");
      break;
    case 'demo':
      runs.set(el.auditDemo(), id);
      break;
    case 'set-options':
      setOptions(m);
      break;
    case 'cancel':
      el.cancel();
      break;
    default:
      refuse(`unknown message type ${JSON.stringify(m.type)}`);
  }
}

defined.then(() => send({ type: 'ready', protocol: PROTOCOL }));
