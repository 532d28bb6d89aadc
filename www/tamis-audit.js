// <tamis-audit>: the audit widget, a custom element with a shadow DOM, so that neither a
// host page's styles nor ours leak. It can be embedded in another page:
//
//   <script type="module" src="https://example.org/tamis/tamis-audit.js"></script>
//   <tamis-audit lang="en" channel="sms" hide="owner refs"></tamis-audit>
//
// Attributes (observed: a change applies at once): `lang` (fr|en; default: the browser's),
// `channel` (the campaign form's channel), `hide` (parts not shown, among HIDE_PARTS).
// EMBEDDING.md documents them, the events, the iframe mode (frame.html) and the host's CSP.
//
// Every asset URL is resolved from import.meta.url, never from the host page. The wasm
// engine runs in a module worker (worker.js); this file never sees the file's bytes, only
// the preview, the report and the example values the worker posts back.
//
// The report (renderReport, renderFit, renderLists): the score as an SVG gauge with its
// three main reasons, the funnel, price and quality bars as inline SVG (colours as
// presentation attributes: they print), the findings by category (FINDING_GROUPS) with the
// rule's texts in the current language and their examples. An example's cell value comes
// from the worker's `exampleValues` (Auditor.exampleValues(): cells of the examples' rows,
// never in the report); it is shown masked (mask.js) until "show the values" is pressed,
// always as text, in a <bdi>, invisible characters made visible.
//
// Untrusted text (cell values, column names, file names, error messages) reaches the DOM
// only through text nodes (`textContent`, `document.createTextNode`): see `h()` below.
//
// The campaign form (channel, audience, date, deal, price, sector ban, uncertain rules and
// an optional opposition list) feeds the options' `campaign` object; changing it after an
// audit audits the same file again (the last File is kept), so a buyer can compare channels.
// The opposition list File is handed to the worker, which reads it: it never leaves the
// browser, and this file never sees its lines.
//
// Reference lists (optional, in the same form): the buyer's own customer file, a partner's
// hash file with the shared salt file, the owner's seed registry with its secret file. Like
// the opposition list, they are handed to the worker as Files and never leave the browser.
//
// Below the report: "Download hashes" (`tamis hash` of the audited file, salted or for an
// ad platform, saved as a download). The "I own this file" tab is `tamis seeds`: make seeds
// for a recipient, register known seeds, check a file that surfaced against the registry.
// The registry is a file the user keeps: the page reads it when picked and offers the
// updated one as a download (Blob + object URL); nothing is uploaded.
//
// Exports (#exports, after the report), all made in the browser and saved as downloads: the
// annotated CSV and the usable rows (`tamis audit --annotate | --usable`: the worker reads the
// file again with the audit's exact request, options and lists, and hands back a Blob), the
// JSON report, the audit certificate (built by the core when the audit ends, shown in
// #certificate: counts and options, no cell value, no column name) and print (widget.css's
// print stylesheet; `data-print="certificate"` on .widget prints the certificate alone).
//
// Events (bubbling, composed), for the host page; none carries a cell value:
//   `tamis-ready`    {version, wasmSha256}                    when the engine has loaded (once)
//   `tamis-progress` {run, name, phase, bytes, total, rows}   while a file is read
//   `tamis-report`   {run, report, reportJson, name}          when an audit is done
//   `tamis-error`    {run, name, message}                     when it failed (run: null if none)
// `run` is the id auditFile()/auditDemo() return (audits started in the widget have theirs).
// Test hooks: the host's `data-state` (idle|running|done|error|cancelled) and `data-run`
// (audits finished so far), and a hidden <output id="report-json"> holding the last
// report's JSON, byte for byte as the core wrote it.

import { makeI18n, pickLang } from './i18n.js';
import { maskKind, maskValue, visible } from './mask.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
const CSS_URL = new URL('./widget.css', import.meta.url);
const DEMO_URL = new URL('./demo/prospects-demo.csv', import.meta.url);
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
const CHANNELS = ['email', 'sms', 'phone', 'postal', 'automated-call', 'fax'];
// The parts the `hide` attribute can hide (widget.css has one rule per part).
export const HIDE_PARTS = ['owner', 'campaign', 'refs', 'demo', 'preview', 'values', 'fit', 'lists', 'hashes', 'exports', 'certificate', 'privacy'];
const AUDIENCES = ['auto', 'b2c', 'b2b'];
const DEALS = ['rent', 'buy', 'exchange'];
const SCORE_PARTS = ['qualification', 'consent', 'freshness', 'duplicates', 'traps', 'price'];
const RERUN_DELAY_MS = 300;
const ENCODINGS = ['UTF-8', 'windows-1252', 'ISO-8859-15', 'UTF-16LE', 'UTF-16BE'];
const DELIMITERS = [',', ';', '\t', '|'];
const PLATFORMS = ['google', 'meta', 'tiktok'];
const HASH_KINDS = ['both', 'email', 'phone'];
const REGISTRY_NAME = 'tamis-seeds-registry.txt';

/**
 * Creates an element. `props`: class, id, text (set as textContent), hidden, attrs (set with
 * setAttribute), on (event listeners). Children: nodes, or strings added as text nodes.
 */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  const { class: cls, id, text, hidden, attrs, on } = props;
  if (cls) el.className = cls;
  if (id) el.id = id;
  if (text !== undefined && text !== null) el.textContent = String(text);
  if (hidden) el.hidden = true;
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v !== undefined && v !== null && v !== false) el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const [k, fn] of Object.entries(on ?? {})) el.addEventListener(k, fn);
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an SVG element (charts: no innerHTML). `attrs` are set with setAttribute (colours
 * as presentation attributes, so that a printed page keeps them); children: nodes or text.
 */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** The grades' score bands (src/campaign.rs) and colours, for the gauge. */
const GRADE_BANDS = [
  ['E', 0, 40, '#b3261e'],
  ['D', 40, 55, '#c8562a'],
  ['C', 55, 70, '#c07d12'],
  ['B', 70, 85, '#3f8f5b'],
  ['A', 85, 100, '#1e7b4a'],
];

/** Findings are shown by group: a group's rule categories (unknown ones get their own group). */
const FINDING_GROUPS = [
  ['csv', ['csv']],
  ['encoding', ['encoding']],
  ['email', ['email']],
  ['phone', ['phone']],
  ['postal', ['postal']],
  ['company', ['siren', 'vat', 'naf']],
  ['name', ['name']],
  ['date', ['date']],
  ['content', ['content', 'cell']],
  ['consent', ['consent']],
  ['campaign', ['campaign', 'opposition']],
  ['row', ['row']],
  ['dup', ['dup']],
  ['overlap', ['overlap']],
  ['seed', ['seed']],
  ['trap', ['trap']],
];

/** The roles that name a row in an example without a column, best first. */
const IDENTITY_ROLES = ['email', 'mobile', 'phone', 'landline', 'last_name', 'full_name', 'first_name', 'company'];

let workerBlobUrl = null;

/**
 * The worker's URL. A page cannot start a worker from another origin's URL: when the widget
 * is loaded from the tamis site by a page elsewhere, the worker is a one-line module (a blob
 * URL, of the page's origin) that imports worker.js from the site; worker.js then resolves
 * pkg/ from its own URL. The host's CSP needs `worker-src <the site> blob:` (a module worker's
 * imports are checked against worker-src) and the site Access-Control-Allow-Origin (EMBEDDING.md).
 */
function workerUrl() {
  if (WORKER_URL.origin === location.origin) return WORKER_URL;
  workerBlobUrl ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(WORKER_URL.href)};\n`], { type: 'text/javascript' }));
  return workerBlobUrl;
}

/** Today's date in local time, YYYY-MM-DD. */
function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Empties an element. */
function clear(el) {
  el.replaceChildren();
}

export class TamisAudit extends HTMLElement {
  #i18n;
  #worker = null;
  #workerReady = false; // the current worker has loaded the engine (posted 'ready')
  #run = null; // {id, name, started}
  #nextId = 1;
  #runs = 0;
  #rules = new Map();
  #engine = null;
  #lastReportJson = null;
  #lastName = null;
  #options = null;
  #ui = {};
  #last = null; // {source, name}: the last file audited, audited again when the form changes
  #opposition = null; // the opposition list File, read by the worker
  #refs = { own: null, partnerHashes: null, salt: null, registry: null, secret: null }; // Files
  // The seeds tab's Files (registry: File or named Blob; like, emails, phones: the forms' pickers).
  #owner = { secret: null, registry: null, changed: false, like: null, emails: null, phones: null };
  #tool = null; // {id, kind: 'hash'|'seeds-make'|'seeds-add'}: a tool request in progress
  #lastSeeds = null; // {blob, name}: the last seed file made
  #hashSalt = null; // the salt File of "Download hashes", kept across reports
  #rerunTimer = 0;
  #roles = new Map(); // the preview's role choices: '#N' -> role (cleared for a new file)
  #reading = { encoding: '', delimiter: '', header: '' }; // the preview's reading choices ('' = detected)
  #lastDone = null; // the last 'done' message and its run ({msg, name, check}): re-rendered on a language change
  #exampleRows = new Map(); // data row number -> its cells (capped), for the examples: never in the report
  #showValues = false; // example values shown in clear (else masked)
  #valueSpans = []; // [{el, raw, kind}]: the example values on the page, re-masked by the toggle
  #lastPreview = null; // the preview shown last (re-rendered on a language change)
  #exportFrom = null; // {request, sha256}: the last audit's request; an export reads its file again with it

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /**
   * The audit options (the JSON options' snake_case keys). Unset, the page audits with
   * `{audit_date: <today, local time>, campaign: <the campaign form>}`: the core reads no
   * clock. Set `{}` for the core's defaults (the golden reports' options): set options are
   * used as they are, the form and its opposition list are then ignored.
   */
  get options() {
    let options = this.#options;
    if (!options) {
      options = { audit_date: today() };
      if (this.#ui.channel) options.campaign = this.#campaign();
    }
    // The preview's choices (roles, encoding, delimiter, header) apply on top.
    const { encoding, delimiter, header } = this.#reading;
    if (!this.#roles.size && !encoding && !delimiter && !header) return options;
    options = { ...options };
    if (this.#roles.size) options.roles = { ...(options.roles ?? {}), ...Object.fromEntries(this.#roles) };
    if (encoding) options.encoding = encoding;
    if (delimiter) options.delimiter = delimiter;
    if (header) options.header = header === 'yes';
    return options;
  }

  set options(value) {
    this.#options = value ?? null;
  }

  /** The last report's JSON (the golden-file format), or null. */
  get lastReportJson() {
    return this.#lastReportJson;
  }

  // `lang` switches the widget's language (the page and every rule text) and re-renders the
  // last results. `channel` sets the campaign form's channel (an audited file is audited
  // again, as when the user picks one). `hide` (space-separated parts, HIDE_PARTS) hides
  // parts of the widget (widget.css: `:host([hide~=...])`). See EMBEDDING.md.
  static get observedAttributes() {
    return ['lang', 'channel', 'hide'];
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#i18n || before === after) return; // connectedCallback reads them
    if (name === 'lang') this.#relang(after || pickLang());
    else if (name === 'channel') this.#applyChannel(true);
    else if (name === 'hide') this.#applyHide();
  }

  connectedCallback() {
    if (!this.#i18n) {
      this.#i18n = makeI18n(this.getAttribute('lang') || pickLang());
      this.#build();
      this.#applyChannel(false);
      this.#applyHide();
      this.#setState('idle');
      this.dataset.run = '0';
    }
    if (!this.#worker) this.#spawnWorker();
  }

  /** The `channel` attribute into the campaign form (`rerun`: audit the last file again). */
  #applyChannel(rerun) {
    const channel = this.getAttribute('channel');
    if (!CHANNELS.includes(channel) || !this.#ui.channel || this.#ui.channel.value === channel) return;
    this.#ui.channel.value = channel;
    if (rerun) this.#scheduleRerun();
  }

  /** The `hide` attribute: CSS hides the parts; a hidden tab is left for the buyer's. */
  #applyHide() {
    const hidden = new Set((this.getAttribute('hide') ?? '').split(/\s+/));
    if (hidden.has('owner') && this.#ui.ownerPanel && !this.#ui.ownerPanel.hidden) this.#selectTab('tab-buyer');
  }

  /** Dispatches a `tamis-*` event to the host page (it crosses the shadow root). */
  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  disconnectedCallback() {
    clearTimeout(this.#rerunTimer);
    this.#worker?.terminate();
    this.#worker = null;
    this.#run = null;
  }

  /** Audits a File or Blob. Returns the run's id (the `run` of its events). */
  auditFile(file) {
    return this.#start({ file }, file.name || 'fichier');
  }

  /** Audits the bundled synthetic demo file. Returns the run's id. */
  auditDemo() {
    return this.#start({ url: DEMO_URL.href }, 'prospects-demo.csv');
  }

  /** Audits the last file again (with the current options); false if there is none. */
  rerun() {
    clearTimeout(this.#rerunTimer);
    if (!this.#last || !this.#worker) return false;
    const { source, name, refs, check } = this.#last;
    this.#start(source, name, { rerun: true, refs, check });
    return true;
  }

  /** Audits a file that surfaced against the seeds tab's registry and secret. */
  checkFile(file) {
    const { registry, secret } = this.#owner;
    if (!registry || !secret) {
      this.#ownerSay(this.#i18n.t('owner.needKeys'), true);
      return false;
    }
    this.#start({ file }, file.name || 'fichier', { refs: { registry, secret }, check: true });
    return true;
  }

  /**
   * Test hook: makes the engine panic (a wasm trap), to check that the widget reports it
   * and replaces its worker.
   */
  _debugPanic() {
    this.#worker?.postMessage({ type: 'debug-panic' });
  }

  /** Stops the audit in progress (terminates the worker and starts a fresh one). */
  cancel() {
    if (!this.#run) return;
    const { name } = this.#run;
    this.#run = null;
    this.#replaceWorker();
    this.#ui.progressBox.hidden = true;
    this.#say(this.#i18n.t('run.cancelled', { name }));
    this.#setState('cancelled');
  }

  // ---- worker -------------------------------------------------------------------------

  #spawnWorker() {
    const w = new Worker(workerUrl(), { type: 'module', name: 'tamis-audit' });
    w.addEventListener('message', (e) => this.#onMessage(w, e.data));
    w.addEventListener('error', (e) => {
      if (w !== this.#worker) return;
      e.preventDefault();
      this.#crashed(this.#i18n.t('run.crash', { message: e.message || '' }));
    });
    w.addEventListener('messageerror', () => {
      if (w === this.#worker) this.#crashed(this.#i18n.t('run.crash', { message: 'messageerror' }));
    });
    this.#worker = w;
    this.#workerReady = false;
    w.postMessage({ type: 'init' });
  }

  /** The worker, started if there is none (after one that could not load). */
  #ensureWorker() {
    if (!this.#worker) this.#spawnWorker();
    return this.#worker;
  }

  #replaceWorker() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#spawnWorker();
  }

  /** The worker died (trap, load failure): tell the user, start a fresh one. */
  #crashed(message) {
    if (this.#tool) this.#toolFailed(message);
    const run = this.#run?.id ?? null;
    queueMicrotask(() => this.#emit('tamis-error', { run, name: 'TamisCrash', message }));
    this.#run = null;
    if (this.#workerReady) {
      this.#replaceWorker();
    } else {
      // It could not even load (a host page's CSP, the network): a new one would fail the
      // same way, in a loop. The next request starts one (#ensureWorker).
      this.#worker?.terminate();
      this.#worker = null;
    }
    this.#ui.progressBox.hidden = true;
    this.#alert(message);
    this.#setState('error');
  }

  #onMessage(worker, msg) {
    if (worker !== this.#worker || !msg) return;
    const run = this.#run;
    const current = run && msg.id === run.id;
    switch (msg.type) {
      case 'ready':
        this.#workerReady = true;
        if (!this.#engine) this.#emit('tamis-ready', { version: msg.version, wasmSha256: msg.wasmSha256 });
        this.#engine = msg;
        this.#rules = new Map((msg.rules ?? []).map((r) => [r.code, r]));
        this.#renderEngine();
        break;
      case 'progress':
        if (current) {
          this.#renderProgress(msg);
          const { phase = 'audit', bytes, total, rows } = msg;
          this.#emit('tamis-progress', { run: run.id, name: phase === 'own' ? msg.name : run.name, phase, bytes, total: total ?? null, rows: rows ?? null });
        } else if (this.#tool && msg.id === this.#tool.id) this.#renderToolProgress(msg);
        break;
      case 'exported':
        if (this.#tool && msg.id === this.#tool.id) this.#exportDone(msg);
        break;
      case 'hashed':
      case 'seeds-made':
      case 'seeds-added':
        if (this.#tool && msg.id === this.#tool.id) this.#toolDone(msg);
        break;
      case 'preview':
        if (current) this.#renderPreview(msg.preview);
        break;
      case 'done':
        if (current) this.#done(msg);
        break;
      case 'error':
        if (this.#tool && msg.id === this.#tool.id) {
          this.#toolFailed(`${msg.name}: ${msg.message}`);
        } else if (current || msg.id === undefined) {
          const name = run?.name ?? '';
          this.#run = null;
          this.#ui.progressBox.hidden = true;
          this.#alert(this.#i18n.t('run.error', { name, message: `${msg.name}: ${msg.message}` }));
          this.#setState('error');
          this.#emit('tamis-error', { run: run?.id ?? null, name: msg.name, message: msg.message });
        }
        break;
      case 'panic':
        this.#crashed(this.#i18n.t('run.panic', { message: msg.message }));
        break;
      default:
        break;
    }
  }

  // ---- runs ---------------------------------------------------------------------------

  #start(source, name, { rerun = false, refs = null, check = false } = {}) {
    clearTimeout(this.#rerunTimer);
    if (this.#run || this.#tool) {
      if (this.#tool) this.#toolFailed(this.#i18n.t('tool.stopped'));
      this.#run = null;
      this.#replaceWorker();
    }
    const id = this.#nextId++;
    this.#run = { id, name, started: performance.now(), check };
    this.#lastName = name;
    this.#last = { source, name, refs, check };
    this.#setState('running');
    this.#say('');
    this.#alert('');
    if (!rerun) {
      // A new file: the last one's results go, and the choices made in its preview.
      // A re-run keeps them (dimmed) until it ends.
      this.#roles.clear();
      this.#reading = { encoding: '', delimiter: '', header: '' };
      this.#ui.results.hidden = true;
      this.#ui.previewBox.hidden = true;
      this.#ui.reportBox.hidden = true;
      this.#ui.fitBox.hidden = true;
      this.#ui.listsBox.hidden = true;
      this.#ui.exportsBox.hidden = true;
      this.#ui.certBox.hidden = true;
    }
    const { t } = this.#i18n;
    this.#ui.progressName.textContent = rerun ? t('campaign.rerun', { name }) : t('run.reading', { name });
    this.#ui.progress.removeAttribute('value');
    this.#ui.progressText.textContent = this.#engine ? '' : this.#i18n.t('run.loading');
    this.#ui.progressBox.hidden = false;
    const opposition = this.#options ? null : this.#opposition;
    const request = { ...source, name, options: this.options, opposition, ...(refs ?? this.#referenceFiles()) };
    this.#run.request = request; // the exports read the file again with exactly these
    this.#ensureWorker().postMessage({ type: 'audit', id, ...request });
    return id;
  }

  /** The form's reference Files, by complete pairs (a hash file without its salt is left out). */
  #referenceFiles() {
    const r = this.#refs;
    const out = {};
    if (r.own) out.own = r.own;
    if (r.partnerHashes && r.salt) Object.assign(out, { partnerHashes: r.partnerHashes, salt: r.salt });
    if (r.registry && r.secret) Object.assign(out, { registry: r.registry, secret: r.secret });
    return out;
  }

  #done(msg) {
    const { id: run, name, check } = this.#run;
    this.#exportFrom = { request: this.#run.request, sha256: msg.report.input.sha256 };
    this.#run = null;
    this.#lastReportJson = msg.reportJson;
    this.#ui.reportJson.textContent = msg.reportJson;
    this.#ui.progressBox.hidden = true;
    // The example values stay in this object and the page: never in the report or its event.
    this.#exampleRows = new Map((msg.exampleValues?.rows ?? []).map((r) => [r.row, r.cells]));
    this.#lastDone = { msg, name, check };
    this.#renderDone();
    this.#runs += 1;
    this.dataset.run = String(this.#runs);
    this.#setState('done');
    this.dispatchEvent(
      new CustomEvent('tamis-report', {
        detail: { run, report: msg.report, reportJson: msg.reportJson, name },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** The last audit's results and status line (after an audit, or in a new language). */
  #renderDone() {
    const { msg, name, check } = this.#lastDone;
    this.#valueSpans = [];
    this.#renderPreview(msg.preview);
    this.#renderReport(msg.report);
    this.#renderFit(msg.report);
    this.#renderLists(msg.report);
    this.#renderExports(msg, name);
    if (check) this.#renderCheck(msg.report, name);
    const { t, num, secs } = this.#i18n;
    this.#say(t('run.done', { name, rows: num(msg.rows), secs: secs(msg.ms) }));
  }

  /**
   * Switches the language: rebuilds the widget in it, keeping the forms' values, the chosen
   * files and the tab, then renders the last results again (rule texts included: the
   * registry holds both languages).
   */
  #relang(lang) {
    if (makeI18n(lang).lang === this.#i18n.lang) return; // already in it
    const root = this.shadowRoot;
    const ui = this.#ui;
    const values = new Map();
    for (const el of root.querySelectorAll('input:not([type="file"]), select')) {
      if (el.id) values.set(el.id, el.type === 'checkbox' ? el.checked : el.value);
    }
    const shown = ['results', 'previewBox', 'reportBox', 'fitBox', 'listsBox', 'exportsBox', 'certBox', 'progressBox'].map((k) => [k, ui[k].hidden]);
    const owner = !ui.ownerPanel.hidden;
    const alert = ui.alert.hidden ? '' : ui.alert.textContent;
    const status = ui.status.textContent;
    const state = this.dataset.state;
    const toolOut = this.#tool?.out?.id;
    const progress = this.#run ? [ui.progressName.textContent, ui.progressText.textContent] : null;
    const preview = this.#lastPreview; // during a run: the new file's, if it came

    this.#i18n = makeI18n(lang);
    this.#ui = {};
    for (const n of [...root.childNodes]) if (!(n instanceof HTMLLinkElement)) n.remove();
    this.#build();
    const nu = this.#ui;
    if (this.#engine) this.#renderEngine();
    if (this.#lastDone) this.#renderDone();
    if (preview && (this.#run || !this.#lastDone)) this.#renderPreview(preview);
    if (!this.#lastDone || this.#run) this.#say(status);
    if (this.#run) {
      this.#ui.progressName.textContent = this.#i18n.t('run.reading', { name: this.#run.name });
      this.#ui.progressText.textContent = progress?.[1] ?? '';
    }
    for (const [k, hidden] of shown) nu[k].hidden = hidden;
    for (const [id, v] of values) {
      const el = root.getElementById(id);
      if (!el) continue;
      if (el.type === 'checkbox') el.checked = v;
      else el.value = v;
    }
    nu.hMode?.dispatchEvent(new Event('change')); // shows or hides its salt picker
    this.#renderOpposition();
    for (const [key, picker] of Object.entries(nu.refPickers ?? {})) {
      if (this.#refs[key]) picker.set(this.#refs[key], false);
    }
    const o = this.#owner;
    if (o.secret) nu.ownerSecret?.set(o.secret, false);
    for (const [file, picker] of [[o.like, nu.ownerLike], [o.emails, nu.ownerEmails], [o.phones, nu.ownerPhones]]) {
      if (file) picker?.set(file, false);
    }
    if (o.registry) {
      const changed = o.changed;
      nu.ownerRegistry.set(o.registry, false);
      o.changed = changed;
      this.#renderRegistryState();
    }
    if (owner) this.#selectTab('tab-owner');
    if (this.#tool && toolOut) this.#tool.out = root.getElementById(toolOut) ?? this.#tool.out;
    this.#alert(alert);
    this.#setState(state);
  }

  #setState(state) {
    this.dataset.state = state;
    this.#ui.cancel.disabled = state !== 'running';
    const busy = state === 'running';
    this.#ui.results.classList.toggle('busy', busy);
    if (busy) this.#ui.results.setAttribute('aria-busy', 'true');
    else this.#ui.results.removeAttribute('aria-busy');
  }

  #say(text) {
    this.#ui.status.textContent = text;
  }

  #alert(text) {
    this.#ui.alert.textContent = text;
    this.#ui.alert.hidden = !text;
  }

  // ---- building -----------------------------------------------------------------------

  #build() {
    const { t } = this.#i18n;
    const ui = this.#ui;
    const root = this.shadowRoot;
    // Kept across a language switch (#relang): no second request for it.
    if (!root.querySelector('link[rel="stylesheet"]')) root.append(h('link', { attrs: { rel: 'stylesheet', href: CSS_URL.href } }));

    ui.input = h('input', {
      id: 'file',
      class: 'visually-hidden',
      attrs: { type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values' },
      on: {
        change: () => {
          const file = ui.input.files?.[0];
          if (file) this.auditFile(file);
          ui.input.value = '';
        },
      },
    });
    ui.demo = h('button', {
      id: 'demo',
      class: 'button secondary',
      attrs: { type: 'button' },
      text: t('drop.demo'),
      on: { click: () => this.auditDemo() },
    });
    ui.drop = h(
      'section',
      { id: 'drop', class: 'drop', attrs: { 'aria-labelledby': 'drop-title' } },
      h('div', { class: 'drop-icon', attrs: { 'aria-hidden': 'true' } }),
      h('p', { id: 'drop-title', class: 'drop-title', text: t('drop.title') }),
      h(
        'div',
        { class: 'drop-actions' },
        h('label', { class: 'button primary', attrs: { for: 'file' } }, t('drop.choose')),
        ui.input,
        h('span', { class: 'drop-or', text: t('drop.or') }),
        ui.demo,
      ),
      h('p', { class: 'drop-hint', text: t('drop.hint') }),
    );
    ui.input.setAttribute('aria-label', t('drop.label'));
    for (const type of ['dragenter', 'dragover']) {
      ui.drop.addEventListener(type, (e) => {
        if (!e.dataTransfer?.types?.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        ui.drop.classList.add('over');
      });
    }
    ui.drop.addEventListener('dragleave', (e) => {
      if (!ui.drop.contains(e.relatedTarget)) ui.drop.classList.remove('over');
    });
    ui.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      ui.drop.classList.remove('over');
      const file = e.dataTransfer?.files?.[0];
      if (file) this.auditFile(file);
    });

    ui.progress = h('progress', { id: 'progress', attrs: { max: 1, 'aria-labelledby': 'progress-name' } });
    ui.progressName = h('p', { id: 'progress-name', class: 'progress-name' });
    ui.progressText = h('p', { id: 'progress-text', class: 'progress-text' });
    ui.cancel = h('button', {
      id: 'cancel',
      class: 'button secondary',
      attrs: { type: 'button' },
      text: t('run.cancel'),
      on: { click: () => this.cancel() },
    });
    ui.progressBox = h(
      'section',
      { id: 'run', class: 'card run', hidden: true },
      h('div', { class: 'run-head' }, ui.progressName, ui.cancel),
      ui.progress,
      ui.progressText,
    );

    ui.status = h('p', { id: 'status', class: 'status', attrs: { role: 'status', 'aria-live': 'polite' } });
    ui.alert = h('p', { id: 'alert', class: 'alert', hidden: true, attrs: { role: 'alert' } });

    ui.previewBox = h('section', { id: 'preview', class: 'card', hidden: true, attrs: { 'aria-labelledby': 'preview-h' } });
    ui.reportBox = h('section', { id: 'report', class: 'card', hidden: true, attrs: { 'aria-labelledby': 'report-h' } });
    ui.fitBox = h('section', { id: 'fit', class: 'card fit', hidden: true, attrs: { 'aria-labelledby': 'fit-h' } });
    ui.listsBox = h('section', { id: 'lists', class: 'card lists', hidden: true, attrs: { 'aria-labelledby': 'lists-h' } });
    ui.exportsBox = h('section', { id: 'exports', class: 'card exports', hidden: true, attrs: { 'aria-labelledby': 'exports-h' } });
    ui.certBox = h('section', { id: 'certificate', class: 'card certificate', hidden: true, attrs: { 'aria-labelledby': 'cert-h' } });
    ui.results = h('div', { class: 'results', hidden: true }, ui.fitBox, ui.listsBox, ui.reportBox, ui.exportsBox, ui.certBox, ui.previewBox);
    ui.reportJson = h('output', { id: 'report-json', hidden: true });

    ui.engine = h('p', { id: 'engine', class: 'engine', text: t('privacy.pending') });
    ui.privacy = h(
      'footer',
      { id: 'privacy', class: 'privacy' },
      h('p', { class: 'privacy-main' }, h('span', { class: 'lock', attrs: { 'aria-hidden': 'true' } }), t('privacy.text')),
      h('p', { class: 'privacy-detail', text: t('privacy.detail') }),
      ui.engine,
    );

    ui.buyerPanel = h(
      'div',
      { id: 'panel-buyer', class: 'panel', attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-buyer' } },
      this.#buildCampaign(),
      ui.drop,
    );
    ui.ownerPanel = h(
      'div',
      { id: 'panel-owner', class: 'panel', hidden: true, attrs: { role: 'tabpanel', 'aria-labelledby': 'tab-owner' } },
      this.#buildOwner(),
    );
    root.append(
      h(
        'div',
        { class: 'widget', attrs: { lang: this.#i18n.lang } },
        this.#buildTabs(),
        ui.buyerPanel,
        ui.ownerPanel,
        ui.progressBox,
        ui.status,
        ui.alert,
        ui.results,
        ui.reportJson,
        ui.privacy,
      ),
    );
  }

  /** The two tabs: audit a file I am buying / I own this file (arrow keys move between them). */
  #buildTabs() {
    const { t } = this.#i18n;
    const ui = this.#ui;
    const tab = (id, panel, key) =>
      h('button', {
        id,
        class: 'tab',
        attrs: { type: 'button', role: 'tab', 'aria-controls': panel, 'aria-selected': 'false', tabindex: '-1' },
        text: t(key),
        on: { click: () => this.#selectTab(id) },
      });
    ui.tabs = [tab('tab-buyer', 'panel-buyer', 'tab.buyer'), tab('tab-owner', 'panel-owner', 'tab.owner')];
    const list = h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': t('tab.label') } }, ui.tabs);
    list.addEventListener('keydown', (e) => {
      const i = ui.tabs.findIndex((b) => b === this.shadowRoot.activeElement);
      if (i < 0) return;
      const n = ui.tabs.length;
      const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      this.#selectTab(ui.tabs[to].id);
      ui.tabs[to].focus();
    });
    this.#selectTab('tab-buyer');
    return list;
  }

  #selectTab(id) {
    const ui = this.#ui;
    for (const b of ui.tabs) {
      const on = b.id === id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    ui.buyerPanel.hidden = id !== 'tab-buyer';
    ui.ownerPanel.hidden = id !== 'tab-owner';
  }

  /**
   * A file picker: a labelled file input, the chosen file's name, a "remove" button and a
   * hint. `onChange(file|null)` runs when it changes. Returns {box, input, set(file)}.
   */
  #filePicker(id, label, hint, onChange, { accept = '.txt,.csv,.tsv,text/plain,text/csv' } = {}) {
    const { t, bytes } = this.#i18n;
    const hintId = `${id}-hint`;
    const name = h('span', { id: `${id}-name`, class: 'opposition-name' });
    let clearButton;
    const input = h('input', {
      id,
      attrs: { type: 'file', name: id, accept, 'aria-describedby': hintId },
      on: { change: () => set(input.files?.[0] ?? null, false) },
    });
    const set = (file, clearInput = true) => {
      if (clearInput) input.value = '';
      name.textContent = file ? t('campaign.oppositionFile', { name: file.name, size: bytes(file.size) }) : '';
      clearButton.hidden = !file;
      onChange(file);
    };
    clearButton = h('button', {
      id: `${id}-clear`,
      class: 'button secondary small',
      hidden: true,
      attrs: { type: 'button', 'aria-label': `${t('file.remove')} (${label})` },
      text: t('file.remove'),
      on: {
        click: () => {
          set(null);
          input.dispatchEvent(new Event('change', { bubbles: true })); // the form re-runs
          input.focus();
        },
      },
    });
    const box = h(
      'div',
      { class: 'field filepick' },
      h('label', { attrs: { for: id }, text: label }),
      h('div', { class: 'opposition-row' }, input, name, clearButton),
      h('p', { id: hintId, class: 'hint', text: hint }),
    );
    return { box, input, set };
  }

  /** The reference lists of the campaign form (optional). */
  #buildReferences() {
    const { t } = this.#i18n;
    this.#ui.refPickers = {};
    const ref = (key, id, hintKey) =>
      (this.#ui.refPickers[key] = this.#filePicker(id, t(`refs.${key}`), t(hintKey ?? `refs.${key}Hint`), (file) => {
        this.#refs[key] = file;
        this.#renderRefsWarning();
      }));
    this.#ui.refsWarning = h('p', { id: 'c-refs-warning', class: 'hint warning', attrs: { role: 'status' } });
    return h(
      'fieldset',
      { id: 'c-refs', class: 'price-fields refs' },
      h('legend', { text: t('refs.legend') }),
      h('p', { class: 'hint', text: t('refs.intro') }),
      ref('own', 'c-own').box,
      h('div', { class: 'fields' }, ref('partnerHashes', 'c-partner').box, ref('salt', 'c-salt').box),
      h('div', { class: 'fields' }, ref('registry', 'c-registry').box, ref('secret', 'c-secret').box),
      this.#ui.refsWarning,
    );
  }

  #renderRefsWarning() {
    const { t } = this.#i18n;
    const r = this.#refs;
    const notes = [];
    if (!r.partnerHashes !== !r.salt) notes.push(t('refs.needSalt'));
    if (!r.registry !== !r.secret) notes.push(t('refs.needSecret'));
    this.#ui.refsWarning.textContent = notes.join(' ');
  }

  /** The campaign form. Its values become the options' `campaign` object. */
  #buildCampaign() {
    const { t } = this.#i18n;
    const ui = this.#ui;
    const select = (id, values, prefix) =>
      h('select', { id, attrs: { name: id } }, values.map((v) => h('option', { attrs: { value: v }, text: t(`${prefix}.${v}`) })));
    const hint = (id, text) => h('p', { id, class: 'hint', text });
    const field = (id, label, control, cls = '') =>
      h('div', { class: `field ${cls}` }, h('label', { attrs: { for: id }, text: label }), control);

    ui.channel = select('c-channel', CHANNELS, 'channel');
    ui.audience = select('c-audience', AUDIENCES, 'audience');
    ui.deal = select('c-deal', DEALS, 'deal');
    ui.date = h('input', { id: 'c-date', attrs: { type: 'date', name: 'c-date', value: today() } });
    const money = (id) =>
      h('input', { id, attrs: { type: 'number', name: id, min: 0, step: 'any', inputmode: 'decimal', 'aria-describedby': 'c-price-hint' } });
    ui.price = money('c-price');
    ui.cpm = money('c-cpm');
    // One or the other: typing a price clears the other one.
    ui.price.addEventListener('input', () => {
      if (ui.price.value !== '') ui.cpm.value = '';
    });
    ui.cpm.addEventListener('input', () => {
      if (ui.cpm.value !== '') ui.price.value = '';
    });
    const check = (id, label, hintId, ...extra) => {
      const input = h('input', { id, attrs: { type: 'checkbox', name: id, 'aria-describedby': hintId } });
      return [input, h('div', { class: 'check' }, input, h('label', { attrs: { for: id } }, label, ...extra))];
    };
    const [sector, sectorBox] = check('c-sector', t('campaign.sector'), 'c-sector-hint');
    ui.sector = sector;
    const [oneYear, oneYearBox] = check('c-rule-one-year', t('campaign.ruleOneYear'), 'c-rule-one-year-hint', ' ', h('span', { class: 'tag unconfirmed', text: t('campaign.unconfirmed') }));
    ui.oneYear = oneYear;

    ui.oppositionInput = h('input', {
      id: 'c-opposition',
      attrs: { type: 'file', name: 'c-opposition', accept: '.txt,.csv,.tsv,text/plain,text/csv', 'aria-describedby': 'c-opposition-hint' },
      on: {
        change: () => {
          this.#opposition = ui.oppositionInput.files?.[0] ?? null;
          this.#renderOpposition();
        },
      },
    });
    ui.oppositionName = h('span', { id: 'c-opposition-name', class: 'opposition-name' });
    ui.oppositionClear = h('button', {
      id: 'c-opposition-clear',
      class: 'button secondary small',
      hidden: true,
      attrs: { type: 'button' },
      text: t('campaign.oppositionClear'),
      on: {
        click: () => {
          this.#opposition = null;
          ui.oppositionInput.value = '';
          this.#renderOpposition();
          this.#scheduleRerun();
          ui.oppositionInput.focus();
        },
      },
    });

    ui.form = h(
      'form',
      {
        id: 'campaign',
        class: 'card campaign',
        attrs: { 'aria-labelledby': 'campaign-h', novalidate: true },
        on: {
          submit: (e) => {
            e.preventDefault();
            this.rerun();
          },
          input: () => this.#scheduleRerun(),
          change: () => this.#scheduleRerun(),
        },
      },
      h('h2', { id: 'campaign-h', text: t('campaign.h') }),
      h('p', { class: 'hint intro', text: t('campaign.intro') }),
      h(
        'div',
        { class: 'fields' },
        field('c-channel', t('campaign.channel'), ui.channel),
        field('c-audience', t('campaign.audience'), ui.audience),
        field('c-date', t('campaign.date'), ui.date),
        field('c-deal', t('campaign.deal'), ui.deal),
      ),
      h(
        'fieldset',
        { class: 'price-fields' },
        h('legend', { text: t('campaign.price') }),
        h('div', { class: 'fields' }, field('c-price', t('campaign.priceTotal'), ui.price), field('c-cpm', t('campaign.priceCpm'), ui.cpm)),
        hint('c-price-hint', t('campaign.priceHint')),
      ),
      h(
        'div',
        { class: 'checks' },
        h('div', {}, sectorBox, hint('c-sector-hint', t('campaign.sectorHint'))),
        h('div', {}, oneYearBox, hint('c-rule-one-year-hint', t('campaign.ruleOneYearHint'))),
      ),
      h(
        'div',
        { class: 'field opposition' },
        h('label', { attrs: { for: 'c-opposition' }, text: t('campaign.opposition') }),
        h('div', { class: 'opposition-row' }, ui.oppositionInput, ui.oppositionName, ui.oppositionClear),
        hint('c-opposition-hint', t('campaign.oppositionHint')),
      ),
      this.#buildReferences(),
    );
    return ui.form;
  }

  #renderOpposition() {
    const f = this.#opposition;
    const { t, bytes } = this.#i18n;
    this.#ui.oppositionName.textContent = f ? t('campaign.oppositionFile', { name: f.name, size: bytes(f.size) }) : '';
    this.#ui.oppositionClear.hidden = !f;
  }

  /** The form, as the options' `campaign` object. */
  #campaign() {
    const ui = this.#ui;
    const money = (input) => {
      if (input.value === '' || !input.validity.valid) return null;
      const v = input.valueAsNumber;
      return Number.isFinite(v) && v >= 0 ? v : null;
    };
    const date = /^\d{4}-\d{2}-\d{2}$/.test(ui.date.value) ? ui.date.value : null;
    const price = money(ui.price);
    return {
      channel: ui.channel.value,
      audience: ui.audience.value,
      date,
      deal: ui.deal.value,
      price,
      cpm: price === null ? money(ui.cpm) : null,
      sector_banned: ui.sector.checked,
      rules: { phone_consent_one_year: ui.oneYear.checked },
    };
  }

  /** After a form change: audit the last file again, once the user paused. */
  #scheduleRerun() {
    clearTimeout(this.#rerunTimer);
    if (!this.#last) return;
    this.#rerunTimer = setTimeout(() => this.rerun(), RERUN_DELAY_MS);
  }

  // ---- the seeds tab ("I own this file") -----------------------------------------------

  #buildOwner() {
    const { t } = this.#i18n;
    const ui = this.#ui;
    const o = this.#owner;
    const field = (id, label, control, hintText) =>
      h(
        'div',
        { class: 'field' },
        h('label', { attrs: { for: id }, text: label }),
        control,
        hintText ? h('p', { id: `${id}-hint`, class: 'hint', text: hintText }) : null,
      );
    const text = (id, attrs = {}) => h('input', { id, attrs: { type: 'text', name: id, autocomplete: 'off', ...attrs } });

    const secret = this.#filePicker('s-secret', t('owner.secret'), t('owner.secretHint'), (f) => {
      o.secret = f;
    });
    const registry = this.#filePicker('s-registry', t('owner.registry'), t('owner.registryHint'), (f) => {
      o.registry = f;
      o.changed = false;
      this.#renderRegistryState();
    });
    ui.ownerRegistry = registry;
    ui.ownerSecret = secret;
    ui.registryState = h('p', { id: 's-registry-state', class: 'registry-state' });
    ui.registryDownload = h('button', {
      id: 's-download-registry',
      class: 'button secondary small',
      hidden: true,
      attrs: { type: 'button' },
      text: t('owner.downloadRegistry'),
      on: { click: () => this.#save(o.registry, o.registry?.name || REGISTRY_NAME) },
    });

    // Make seeds.
    ui.sRecipient = text('s-recipient', { required: true, 'aria-describedby': 's-recipient-hint' });
    ui.sCount = h('input', { id: 's-count', attrs: { type: 'number', name: 's-count', min: 1, max: 10000, step: 1, value: 5, required: true } });
    ui.sDomain = text('s-domain', { required: true, 'aria-describedby': 's-domain-hint', placeholder: 'seeds.example.fr', spellcheck: 'false' });
    ui.sDate = h('input', { id: 's-date', attrs: { type: 'date', name: 's-date', value: today(), required: true } });
    ui.sPhones = h('input', { id: 's-phones', attrs: { type: 'checkbox', name: 's-phones', 'aria-describedby': 's-phones-hint' } });
    const likePicker = this.#filePicker('s-like', t('owner.like'), t('owner.likeHint'), (f) => {
      o.like = f;
    }, { accept: '.csv,.tsv,.txt,text/csv,text/plain' });
    ui.ownerLike = likePicker;
    ui.sMakeResult = h('div', { id: 's-make-result', class: 'tool-result', attrs: { role: 'status' } });
    const make = h(
      'form',
      {
        id: 's-make',
        class: 'block owner-form',
        attrs: { 'aria-labelledby': 's-make-h', novalidate: true },
        on: {
          submit: (e) => {
            e.preventDefault();
            const count = ui.sCount.valueAsNumber;
            this.#request('seeds-make', ui.sMakeResult, {
              recipient: ui.sRecipient.value,
              count: Number.isFinite(count) ? count : 0,
              domain: ui.sDomain.value,
              date: ui.sDate.value,
              phones: ui.sPhones.checked,
              like: o.like,
            });
          },
        },
      },
      h('h3', { id: 's-make-h', text: t('owner.makeH') }),
      h('p', { class: 'hint', text: t('owner.makeIntro') }),
      h(
        'div',
        { class: 'fields' },
        field('s-recipient', t('owner.recipient'), ui.sRecipient, t('owner.recipientHint')),
        field('s-count', t('owner.count'), ui.sCount),
        field('s-domain', t('owner.domain'), ui.sDomain, t('owner.domainHint')),
        field('s-date', t('owner.date'), ui.sDate),
      ),
      h('div', {}, h('div', { class: 'check' }, ui.sPhones, h('label', { attrs: { for: 's-phones' }, text: t('owner.phones') })), h('p', { id: 's-phones-hint', class: 'hint', text: t('owner.phonesHint') })),
      likePicker.box,
      h('div', { class: 'actions' }, h('button', { id: 's-make-go', class: 'button primary', attrs: { type: 'submit' }, text: t('owner.makeGo') })),
      ui.sMakeResult,
    );

    // Register known seeds.
    ui.sAddRecipient = text('s-add-recipient', { required: true });
    ui.sAddDate = h('input', { id: 's-add-date', attrs: { type: 'date', name: 's-add-date', value: today(), required: true } });
    const emailsPicker = this.#filePicker('s-emails', t('owner.emails'), t('owner.listHint'), (f) => {
      o.emails = f;
    });
    const phonesPicker = this.#filePicker('s-phone-list', t('owner.phoneList'), t('owner.listHint'), (f) => {
      o.phones = f;
    });
    ui.ownerEmails = emailsPicker;
    ui.ownerPhones = phonesPicker;
    ui.sAddResult = h('div', { id: 's-add-result', class: 'tool-result', attrs: { role: 'status' } });
    const add = h(
      'form',
      {
        id: 's-add',
        class: 'block owner-form',
        attrs: { 'aria-labelledby': 's-add-h', novalidate: true },
        on: {
          submit: (e) => {
            e.preventDefault();
            this.#request('seeds-add', ui.sAddResult, { recipient: ui.sAddRecipient.value, date: ui.sAddDate.value, emails: o.emails, phones: o.phones });
          },
        },
      },
      h('h3', { id: 's-add-h', text: t('owner.addH') }),
      h('div', { class: 'fields' }, field('s-add-recipient', t('owner.recipient'), ui.sAddRecipient), field('s-add-date', t('owner.date'), ui.sAddDate)),
      h('div', { class: 'fields' }, emailsPicker.box, phonesPicker.box),
      h('div', { class: 'actions' }, h('button', { id: 's-add-go', class: 'button primary', attrs: { type: 'submit' }, text: t('owner.addGo') })),
      ui.sAddResult,
    );

    // Check a file that surfaced.
    ui.sCheckInput = h('input', {
      id: 's-check-file',
      attrs: { type: 'file', name: 's-check-file', accept: '.csv,.tsv,.txt,text/csv,text/plain', 'aria-describedby': 's-check-hint' },
      on: {
        change: () => {
          const f = ui.sCheckInput.files?.[0];
          ui.sCheckInput.value = '';
          if (f) this.checkFile(f);
        },
      },
    });
    ui.sCheckResult = h('div', { id: 's-check-result', class: 'tool-result', attrs: { role: 'status' } });
    const check = h(
      'section',
      { id: 's-check', class: 'block owner-form', attrs: { 'aria-labelledby': 's-check-h' } },
      h('h3', { id: 's-check-h', text: t('owner.checkH') }),
      h('div', { class: 'field' }, h('label', { attrs: { for: 's-check-file' }, text: t('owner.checkFile') }), ui.sCheckInput, h('p', { id: 's-check-hint', class: 'hint', text: t('owner.checkHint') })),
      ui.sCheckResult,
    );

    ui.ownerAlert = h('p', { id: 's-alert', class: 'alert', hidden: true, attrs: { role: 'alert' } });
    this.#renderRegistryState();
    return h(
      'section',
      { id: 'owner', class: 'card owner', attrs: { 'aria-labelledby': 'owner-h' } },
      h('h2', { id: 'owner-h', text: t('owner.h') }),
      h('p', { class: 'hint intro', text: t('owner.intro') }),
      h(
        'fieldset',
        { class: 'price-fields refs' },
        h('legend', { text: t('owner.keys') }),
        h('div', { class: 'fields' }, secret.box, registry.box),
        h('div', { class: 'registry-row' }, ui.registryState, ui.registryDownload),
      ),
      ui.ownerAlert,
      make,
      add,
      check,
    );
  }

  #renderRegistryState() {
    const { t } = this.#i18n;
    const o = this.#owner;
    const ui = this.#ui;
    if (!ui.registryState) return;
    ui.registryState.textContent = !o.registry
      ? t('owner.registryNew')
      : o.changed
        ? t('owner.registryChanged', { name: o.registry.name })
        : t('owner.registryPicked', { name: o.registry.name });
    ui.registryState.dataset.changed = String(o.changed);
    ui.registryDownload.hidden = !o.changed;
  }

  #ownerSay(text, isError = false) {
    const a = this.#ui.ownerAlert;
    a.textContent = isError ? text : '';
    a.hidden = !isError || !text;
  }

  /** Sends a tool request (hash, seeds-make, seeds-add) to the worker. */
  #request(kind, out, fields) {
    const { t } = this.#i18n;
    const o = this.#owner;
    this.#ownerSay('');
    if (kind !== 'hash' && !o.secret) {
      this.#ownerSay(t('owner.needSecret'), true);
      this.#ui.ownerPanel.querySelector('#s-secret').focus();
      return;
    }
    if (this.#run) this.cancel();
    if (this.#tool) {
      this.#toolFailed(t('tool.stopped'));
      this.#replaceWorker();
    }
    const id = this.#nextId++;
    this.#tool = { id, kind, out };
    clear(out);
    out.append(h('p', { class: 'muted', text: t('tool.working') }));
    out.dataset.state = 'running';
    const message = { type: kind, id, ...fields };
    if (kind !== 'hash') Object.assign(message, { secret: o.secret, registry: o.registry });
    this.#ensureWorker().postMessage(message);
  }

  #renderToolProgress({ bytes, total }) {
    const { t, bytes: fmt } = this.#i18n;
    const p = this.#tool.out.firstChild;
    if (p) p.textContent = t('tool.progress', { read: fmt(bytes), total: total ? fmt(total) : '?' });
  }

  #toolFailed(message) {
    const tool = this.#tool;
    this.#tool = null;
    if (!tool) return;
    clear(tool.out);
    tool.out.append(h('p', { class: 'alert', text: this.#i18n.t('tool.error', { message }) }));
    tool.out.dataset.state = 'error';
  }

  #toolDone(msg) {
    const { t, num } = this.#i18n;
    const { out, name } = this.#tool;
    this.#tool = null;
    clear(out);
    const o = this.#owner;
    const notes = (msg.notes ?? []).map((n) => h('p', { class: 'hint', text: n }));
    if (msg.type === 'hashed') {
      const file = `${(name || 'fichier').replace(/\.[^.]*$/, '')}.hashes.txt`;
      const blob = new Blob([msg.text], { type: 'text/plain' });
      out.append(
        h('p', { text: t('hash.done', { n: num(msg.hashes), emails: num(msg.stats.emails), phones: num(msg.stats.phones), rows: num(msg.stats.rows) }) }),
        h('p', { class: 'hint', text: msg.header }),
        h('button', { id: 'h-save', class: 'button secondary small', attrs: { type: 'button' }, text: t('hash.save', { name: file }), on: { click: () => this.#save(blob, file) } }),
      );
      this.#save(blob, file);
    } else {
      // The registry, updated: the user keeps it (download), and the next request uses it.
      const name = o.registry?.name || REGISTRY_NAME;
      o.registry = new File([msg.registryText], name, { type: 'text/plain' });
      o.changed = true;
      this.#renderRegistryState();
      const recipients = (msg.recipients ?? []).join(', ');
      out.append(h('p', { text: t('owner.registered', { added: num(msg.added), already: num(msg.already), lines: num(msg.lines), recipients }) }));
      if (msg.type === 'seeds-made') {
        const file = `seeds-${String(this.#ui.sRecipient.value).trim().replace(/[^\p{L}\p{N}_-]+/gu, '-') || 'recipient'}.csv`;
        const blob = new Blob([msg.seedsCsv], { type: 'text/csv' });
        this.#lastSeeds = { blob, name: file };
        out.prepend(h('p', { id: 's-made', attrs: { 'data-seeds': msg.seeds }, text: t('owner.made', { n: num(msg.seeds), encoding: msg.encoding }) }));
        out.append(
          h(
            'div',
            { class: 'actions' },
            h('button', { id: 's-download-seeds', class: 'button primary small', attrs: { type: 'button' }, text: t('owner.downloadSeeds', { name: file }), on: { click: () => this.#save(blob, file) } }),
            h('button', { class: 'button secondary small', attrs: { type: 'button' }, text: t('owner.downloadRegistry'), on: { click: () => this.#save(o.registry, o.registry.name) } }),
          ),
          h('p', { class: 'hint', text: t('owner.keepRegistry') }),
        );
      } else {
        out.prepend(h('p', { id: 's-added', attrs: { 'data-emails': msg.counts.emails, 'data-phones': msg.counts.phones }, text: t('owner.added', { emails: num(msg.counts.emails), phones: num(msg.counts.phones) }) }));
        out.append(h('p', { class: 'hint', text: t('owner.keepRegistry') }));
      }
    }
    out.append(...notes);
    out.dataset.state = 'done';
  }

  /** The recipients a checked file names (seeds tab). */
  #renderCheck(report, name) {
    const { t, num } = this.#i18n;
    const out = this.#ui.sCheckResult;
    clear(out);
    const st = report.seeds_and_traps;
    const recipients = Object.entries(st?.recipients ?? {});
    if (!recipients.length) {
      out.append(h('p', { id: 's-check-none', text: t('owner.checkNone', { name }) }));
    } else {
      out.append(
        h('p', { text: t('owner.checkFound', { name, rows: num(st.registry_rows) }) }),
        h(
          'ul',
          { id: 's-recipients', class: 'recipients' },
          recipients.map(([r, n]) => h('li', { attrs: { 'data-recipient': r, 'data-count': n } }, h('strong', { text: r }), ` \u2014 ${t('owner.seedRows', { n: num(n) })}`)),
        ),
      );
    }
    out.dataset.state = 'done';
  }

  /** Offers a Blob as a download (an object URL, revoked later): nothing leaves the browser. */
  #save(blob, name) {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = h('a', { attrs: { href: url, download: name } });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // ---- duplicates, seeds and traps, overlap, hashes ---------------------------------------

  #renderLists(report) {
    const box = this.#ui.listsBox;
    clear(box);
    const { t, num, money, fromEnglish } = this.#i18n;
    const d = report.duplicates;
    const o = report.overlap;
    const st = report.seeds_and_traps;
    box.append(h('h2', { id: 'lists-h', text: t('lists.h') }));
    const stat = (id, key, value, vars) =>
      h('div', { class: 'fact', attrs: { 'data-stat': id } }, h('dt', { text: t(key, vars) }), h('dd', { id, attrs: { 'data-value': value }, text: value === null || value === undefined ? '\u2014' : num(value) }));
    const signals = (id, map, prefix) => {
      const entries = Object.entries(map ?? {});
      if (!entries.length) return null;
      return h(
        'ul',
        { id, class: 'signals' },
        entries.map(([k, n]) => h('li', { attrs: { 'data-signal': k, 'data-count': n } }, h('span', { text: t(`${prefix}.${k}`) }), h('span', { class: 'count', text: num(n) }))),
      );
    };
    const row = (n) => t('report.rowN', { n: num(n) });

    const blocks = [];
    if (d) {
      blocks.push(
        h(
          'section',
          { id: 'duplicates', class: 'block', attrs: { 'aria-labelledby': 'dup-h' } },
          h('h3', { id: 'dup-h', text: t('dup.h') }),
          h(
            'dl',
            { class: 'facts' },
            stat('dup-rows', 'dup.rows', d.duplicate_rows),
            stat('dup-clusters', 'dup.clusters', d.clusters),
            stat('dup-exact', 'dup.exact', d.exact_rows),
            stat('dup-fuzzy', 'dup.fuzzy', d.fuzzy_rows),
            stat('dup-phone-shared', 'dup.phoneShared', d.phone_shared_rows),
          ),
          d.examples.length
            ? h(
                'ul',
                { id: 'dup-examples', class: 'clusters' },
                d.examples.map((c) =>
                  h(
                    'li',
                    { attrs: { 'data-first': c.first_row, 'data-exact': String(c.exact) } },
                    h('span', { class: `tag ${c.exact ? 'reject' : 'review'}`, text: t(c.exact ? 'dup.exactTag' : 'dup.fuzzyTag') }),
                    ' ',
                    h('span', { class: 'cluster-rows', text: [c.first_row, ...c.rows].map(row).join(' = ') }),
                    h('span', { class: 'matched', text: ` \u2014 ${c.matched.map((m) => fromEnglish('matched', m)).join(' ; ')}` }),
                    this.#clusterValues([c.first_row, ...c.rows], report.input.columns),
                  ),
                ),
              )
            : null,
        ),
      );
    }
    if (o) {
      blocks.push(
        h(
          'section',
          { id: 'overlap', class: 'block', attrs: { 'aria-labelledby': 'overlap-h' } },
          h('h3', { id: 'overlap-h', text: t('overlap.h') }),
          h(
            'dl',
            { class: 'facts' },
            o.own_rows !== null ? stat('overlap-own', 'overlap.own', o.own, { n: num(o.own_rows) }) : null,
            o.own_rows !== null ? stat('overlap-own-exact', 'overlap.ownExact', o.own_exact) : null,
            o.own_rows !== null
              ? h('div', { class: 'fact' }, h('dt', { text: t('overlap.ownCost') }), h('dd', { id: 'overlap-own-cost', attrs: { 'data-value': o.own_cost }, text: o.own_cost === null ? t('overlap.noPrice') : money(o.own_cost) }))
              : null,
            o.partner_keys !== null ? stat('overlap-partner', 'overlap.partner', o.partner, { n: num(o.partner_keys) }) : null,
          ),
          o.own_examples.length
            ? h('p', { id: 'overlap-examples', class: 'hint', text: `${t('overlap.examples')} ${o.own_examples.map(([a, b]) => t('overlap.example', { row: num(a), own: num(b) })).join(' ; ')}` })
            : null,
          o.own > 0 ? h('p', { class: 'hint', text: t('overlap.privacy') }) : null,
        ),
      );
    }
    if (st) {
      blocks.push(
        h(
          'section',
          { id: 'seeds', class: 'block seeds', attrs: { 'aria-labelledby': 'seeds-h' } },
          h('h3', { id: 'seeds-h', text: t('seeds.h') }),
          h('p', { class: 'hint', text: t('seeds.intro') }),
          h('dl', { class: 'facts' }, stat('seeds-suspects', 'seeds.suspects', st.seed_suspects), h('div', { class: 'fact' }, h('dt', { text: t('seeds.confidence') }), h('dd', { id: 'seeds-confidence', attrs: { 'data-value': st.seed_confidence }, text: t(`confidence.${st.seed_confidence}`) }))),
          signals('seed-signals', st.seed_signals, 'seedSignal'),
        ),
        h(
          'section',
          { id: 'traps', class: 'block traps', attrs: { 'aria-labelledby': 'traps-h' } },
          h('h3', { id: 'traps-h', text: t('traps.h') }),
          h('p', { class: 'hint', text: t('traps.intro') }),
          h('dl', { class: 'facts' }, stat('traps-risk', 'traps.risk', st.trap_risk), stat('traps-mismatch', 'traps.mismatch', st.name_email_mismatch)),
          signals('trap-signals', st.trap_signals, 'trapSignal'),
        ),
      );
      if (st.registry_keys !== null) {
        const rec = Object.entries(st.recipients ?? {});
        blocks.push(
          h(
            'section',
            { id: 'registered', class: 'block', attrs: { 'aria-labelledby': 'registered-h' } },
            h('h3', { id: 'registered-h', text: t('registered.h') }),
            h('dl', { class: 'facts' }, stat('registered-rows', 'registered.rows', st.registry_rows), stat('registered-keys', 'registered.keys', st.registry_keys)),
            rec.length
              ? h(
                  'ul',
                  { id: 'recipients', class: 'recipients' },
                  rec.map(([r, n]) => h('li', { attrs: { 'data-recipient': r, 'data-count': n } }, h('strong', { text: r }), ` \u2014 ${t('owner.seedRows', { n: num(n) })}`)),
                )
              : h('p', { class: 'muted', text: t('registered.none') }),
          ),
        );
      }
    }
    box.append(h('div', { class: 'fit-row' }, blocks));
    box.append(this.#hashBlock());
    box.hidden = false;
    this.#ui.results.hidden = false;
  }

  /** The rows of a duplicates cluster the page has values for (the examples' rows), masked like the examples. */
  #clusterValues(rows, columns) {
    const { t, num } = this.#i18n;
    const known = rows.filter((r) => this.#exampleRows.get(r)?.length);
    if (!known.length) return null;
    return h(
      'div',
      { class: 'cluster-values' },
      known.map((r) => {
        const v = this.#rowValues(this.#exampleRows.get(r), columns);
        return v ? h('div', { attrs: { 'data-row': r } }, h('span', { class: 'ex-where', text: t('report.rowN', { n: num(r) }) }), h('span', { class: 'ex-sep', text: t('values.sep') }), v) : null;
      }),
    );
  }

  /** "Download hashes": `tamis hash` of the last file, salted or for an ad platform. */
  #hashBlock() {
    const { t } = this.#i18n;
    const ui = this.#ui;
    ui.hMode = h(
      'select',
      { id: 'h-mode', attrs: { name: 'h-mode', 'aria-describedby': 'h-mode-hint' } },
      h('option', { attrs: { value: 'salt' }, text: t('hash.salted') }),
      PLATFORMS.map((p) => h('option', { attrs: { value: p }, text: t(`hash.platform.${p}`) })),
    );
    ui.hKind = h('select', { id: 'h-kind', attrs: { name: 'h-kind' } }, HASH_KINDS.map((k) => h('option', { attrs: { value: k }, text: t(`hash.kind.${k}`) })));
    let salt = this.#hashSalt ?? null;
    const saltPicker = this.#filePicker('h-salt', t('hash.salt'), t('hash.saltHint'), (f) => {
      salt = f;
      this.#hashSalt = f;
    });
    if (salt) saltPicker.set(salt, false);
    const out = h('div', { id: 'h-result', class: 'tool-result', attrs: { role: 'status' } });
    ui.hMode.addEventListener('change', () => {
      saltPicker.box.hidden = ui.hMode.value !== 'salt';
    });
    return h(
      'form',
      {
        id: 'hashes',
        class: 'block hashes',
        attrs: { 'aria-labelledby': 'hashes-h', novalidate: true },
        on: {
          submit: (e) => {
            e.preventDefault();
            const { t: tr } = this.#i18n;
            if (!this.#last) return;
            const mode = ui.hMode.value;
            if (mode === 'salt' && !salt) {
              clear(out);
              out.append(h('p', { class: 'alert', text: tr('hash.needSalt') }));
              saltPicker.input.focus();
              return;
            }
            const { source, name } = this.#last;
            const fields = { ...source, name, options: {}, kind: ui.hKind.value };
            if (mode === 'salt') fields.salt = salt;
            else fields.platform = mode;
            this.#request('hash', out, fields);
            if (this.#tool) this.#tool.name = name;
          },
        },
      },
      h('h3', { id: 'hashes-h', text: t('hash.h') }),
      h('p', { class: 'hint', text: t('hash.intro') }),
      h(
        'div',
        { class: 'fields' },
        h('div', { class: 'field' }, h('label', { attrs: { for: 'h-mode' }, text: t('hash.mode') }), ui.hMode, h('p', { id: 'h-mode-hint', class: 'hint', text: t('hash.modeHint') })),
        h('div', { class: 'field' }, h('label', { attrs: { for: 'h-kind' }, text: t('hash.kindLabel') }), ui.hKind),
      ),
      saltPicker.box,
      h('div', { class: 'actions' }, h('button', { id: 'h-download', class: 'button primary', attrs: { type: 'submit' }, text: t('hash.download') })),
      out,
    );
  }

  // ---- rendering ----------------------------------------------------------------------

  #renderEngine() {
    const { t } = this.#i18n;
    const e = this.#engine;
    clear(this.#ui.engine);
    this.#ui.engine.append(
      t('privacy.engine', { version: e.version }),
      ' ',
      h('code', { id: 'wasm-sha256', class: 'hash', text: e.wasmSha256 }),
    );
  }

  #renderProgress({ phase, name, bytes, total, rows }) {
    const { t, num, bytes: fmt } = this.#i18n;
    if (phase === 'own') {
      this.#ui.progressName.textContent = t('run.readingOwn', { name });
    } else if (phase === 'audit' && this.#ui.progressName.dataset.phase === 'own') {
      this.#ui.progressName.textContent = t('run.reading', { name: this.#run.name });
    }
    this.#ui.progressName.dataset.phase = phase ?? 'audit';
    if (rows === null || rows === undefined) rows = 0;
    const p = this.#ui.progress;
    if (total) {
      p.max = total;
      p.value = Math.min(bytes, total);
    } else {
      p.removeAttribute('value');
    }
    const elapsed = Math.max((performance.now() - this.#run.started) / 1000, 0.001);
    const rate = num(Math.round(rows / elapsed));
    this.#ui.progressText.textContent = total
      ? t('run.progress', { read: fmt(bytes), total: fmt(total), rows: num(rows), rate })
      : t('run.progressNoTotal', { read: fmt(bytes), rows: num(rows), rate });
    this.#ui.progressText.dataset.bytes = String(bytes);
    this.#ui.progressText.dataset.rows = String(rows);
  }

  #delimiterLabel(d) {
    const key = `delim.${d}`;
    const label = this.#i18n.t(key);
    return label === key ? `« ${d} »` : label;
  }

  /** The preview's reading choices: encoding, delimiter, header ('' = as detected). */
  #readingForm(preview) {
    const { t } = this.#i18n;
    const select = (id, key, current, detected, choices) => {
      const el = h(
        'select',
        { id, attrs: { name: id } },
        h('option', { attrs: { value: '' }, text: t('preview.detected', { value: detected }) }),
        choices.map(([value, label]) => h('option', { attrs: { value }, text: label })),
      );
      el.value = current;
      el.addEventListener('change', () => {
        this.#reading = { ...this.#reading, [key]: el.value };
        this.#scheduleRerun();
      });
      return h('div', { class: 'field' }, h('label', { attrs: { for: id }, text: t(`preview.${key}`) }), el);
    };
    const r = this.#reading;
    const changed = this.#roles.size > 0 || Boolean(r.encoding || r.delimiter || r.header);
    return h(
      'fieldset',
      { id: 'reading', class: 'reading' },
      h('legend', { text: t('preview.reading') }),
      h(
        'div',
        { class: 'fields' },
        select('pv-set-encoding', 'encoding', r.encoding, preview.encoding, ENCODINGS.map((e) => [e, e])),
        select('pv-set-delimiter', 'delimiter', r.delimiter, this.#delimiterLabel(preview.delimiter), DELIMITERS.map((d) => [d, this.#delimiterLabel(d)])),
        select('pv-set-header', 'header', r.header, preview.header ? t('preview.yes') : t('preview.no'), [
          ['yes', t('preview.yes')],
          ['no', t('preview.no')],
        ]),
      ),
      h('p', { class: 'hint', text: t('preview.changeHint') }),
      changed
        ? h('button', {
            id: 'pv-reset',
            class: 'button secondary small',
            attrs: { type: 'button' },
            text: t('preview.reset'),
            on: {
              click: () => {
                this.#roles.clear();
                this.#reading = { encoding: '', delimiter: '', header: '' };
                this.#scheduleRerun();
              },
            },
          })
        : null,
    );
  }

  /** A column's role as a dropdown: a choice forces it (`roles: {'#N': role}`) and re-runs. */
  #roleSelect(c) {
    const { t, role, roles } = this.#i18n;
    const el = h(
      'select',
      {
        id: `role-${c.index}`,
        class: `role-select role-${c.role === 'unknown' ? 'unknown' : 'known'}`,
        attrs: { name: `role-${c.index}`, 'aria-label': t('preview.roleOf', { n: c.index, name: c.name ?? '' }) },
      },
      roles.map((r) => h('option', { attrs: { value: r }, text: role(r) })),
    );
    el.value = c.role;
    el.addEventListener('change', () => {
      this.#roles.set(`#${c.index}`, el.value);
      this.#scheduleRerun();
    });
    return el;
  }

  #renderPreview(preview) {
    this.#lastPreview = preview;
    const box = this.#ui.previewBox;
    clear(box);
    if (!preview) {
      box.hidden = true;
      return;
    }
    const { t, role, num } = this.#i18n;
    box.append(h('h2', { id: 'preview-h', text: t('preview.h') }));
    box.append(
      h(
        'dl',
        { class: 'facts' },
        fact('preview.encoding', preview.encoding, 'pv-encoding'),
        fact('preview.delimiter', this.#delimiterLabel(preview.delimiter), 'pv-delimiter', preview.delimiter),
        fact('preview.header', preview.header ? t('preview.yes') : t('preview.no'), 'pv-header'),
        preview.title_lines > 0 ? fact('preview.titleLines', num(preview.title_lines), 'pv-title-lines') : null,
      ),
    );
    function fact(key, value, id, raw) {
      return h(
        'div',
        { class: 'fact' },
        h('dt', { text: t(key) }),
        h('dd', { id, text: value, attrs: { 'data-value': raw } }),
      );
    }
    box.append(this.#readingForm(preview));

    box.append(h('h3', { text: t('preview.columns') }));
    const cols = h(
      'table',
      { id: 'columns', class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { attrs: { scope: 'col' }, text: t('preview.col.index') }),
          h('th', { attrs: { scope: 'col' }, text: t('preview.col.name') }),
          h('th', { attrs: { scope: 'col' }, text: t('preview.col.role') }),
          h('th', { attrs: { scope: 'col' }, text: t('preview.col.source') }),
        ),
      ),
      h(
        'tbody',
        {},
        preview.columns.map((c) =>
          h(
            'tr',
            { attrs: { 'data-role': c.role } },
            h('td', { class: 'num', text: c.index }),
            h('td', { text: c.name }),
            h('td', {}, this.#roleSelect(c)),
            h('td', { class: 'muted', text: t(`src.${c.role_source}`) }),
          ),
        ),
      ),
    );
    box.append(h('div', { class: 'scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('preview.columns') } }, cols));

    box.append(h('h3', { text: t('preview.rows') }));
    if (!preview.rows.length) {
      box.append(h('p', { class: 'muted', text: t('preview.noRows') }));
    } else {
      const width = Math.max(preview.columns.length, ...preview.rows.map((r) => r.fields.length));
      const names = Array.from({ length: width }, (_, i) => preview.columns[i]?.name ?? `${i + 1}`);
      const table = h(
        'table',
        { id: 'rows', class: 'grid data' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', { attrs: { scope: 'col' }, class: 'num', text: t('preview.rowNo') }), names.map((n) => h('th', { attrs: { scope: 'col' }, text: n }))),
        ),
        h(
          'tbody',
          {},
          preview.rows.map((r) =>
            h(
              'tr',
              {},
              h('th', { attrs: { scope: 'row' }, class: 'num', text: r.row }),
              Array.from({ length: width }, (_, i) => h('td', { text: r.fields[i] ?? '' })),
            ),
          ),
        ),
      );
      box.append(h('div', { class: 'scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('preview.rows') } }, table));
    }
    box.hidden = false;
    this.#ui.results.hidden = false;
  }

  #renderReport(report) {
    const { t, num, bytes } = this.#i18n;
    const box = this.#ui.reportBox;
    clear(box);
    const input = report.input;
    const rows = report.rows;

    const head = h('div', { class: 'report-head' }, h('h2', { id: 'report-h', text: t('report.h') }));
    const download = h('button', {
      id: 'download',
      class: 'button secondary small',
      attrs: { type: 'button' },
      text: t('report.download'),
      on: { click: () => this.#download() },
    });
    head.append(download);
    box.append(head);

    const stat = (key, value, cls) =>
      h(
        'div',
        { class: `stat ${cls}`, attrs: { 'data-stat': cls, 'data-value': value } },
        h('span', { class: 'stat-value', text: num(value) }),
        h('span', { class: 'stat-label', text: t(key) }),
      );
    box.append(
      h(
        'div',
        { class: 'stats', id: 'stats' },
        stat('report.total', input.rows, 'total'),
        stat('report.ok', rows.ok, 'ok'),
        stat('report.review', rows.review, 'review'),
        stat('report.reject', rows.reject, 'reject'),
      ),
    );
    if (input.rows > 0) {
      const bar = h('div', { class: 'bar', attrs: { 'aria-hidden': 'true' } });
      for (const k of ['ok', 'review', 'reject']) {
        if (!rows[k]) continue;
        const seg = h('span', { class: `seg ${k}` });
        seg.style.flexGrow = String(rows[k]); // CSSOM, allowed by the CSP (no style attribute)
        bar.append(seg);
      }
      box.append(bar);
    }

    const findings = [...report.findings].sort(
      (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || (a.code < b.code ? -1 : 1),
    );
    const hasValues = this.#exampleRows.size > 0 && findings.some((f) => f.examples.some((e) => this.#exampleRows.has(e.row)));
    box.append(
      h(
        'div',
        { class: 'findings-head' },
        h('h3', { id: 'findings-h', text: t('report.findings') }),
        hasValues ? this.#valuesToggle() : null,
      ),
    );
    if (hasValues) box.append(h('p', { id: 'values-note', class: 'hint', text: t('values.note') }));
    if (!findings.length) {
      box.append(h('p', { id: 'no-findings', class: 'muted', text: t('report.noFindings') }));
    } else {
      const groups = this.#findingGroups(findings);
      box.append(this.#findingSummary(groups));
      box.append(h('div', { id: 'findings', class: 'finding-groups' }, groups.map((g) => this.#findingGroup(g, input.columns))));
    }

    if (report.qualification?.length) {
      box.append(h('h3', { text: t('report.quality') }));
      box.append(this.#quality(report.qualification, input.rows));
    }

    const facts = [
      ['report.size', bytes(input.bytes), 'r-bytes', input.bytes],
      [
        'report.encoding',
        input.text
          ? `${input.encoding}${input.bom ? ` (${t('report.bom')})` : ''} · ${t(`encsrc.${input.encoding_source}`)}`
          : t('report.notText'),
        'r-encoding',
        input.encoding,
      ],
      input.delimiter != null ? ['preview.delimiter', this.#delimiterLabel(input.delimiter), 'r-delimiter', input.delimiter] : null,
      input.line_ending != null ? ['report.lineEnding', t(`le.${input.line_ending}`), 'r-line-ending', input.line_ending] : null,
      input.text ? ['preview.header', input.header ? t('preview.yes') : t('preview.no'), 'r-header', String(input.header)] : null,
    ].filter(Boolean);
    box.append(h('h3', { text: t('report.facts') }));
    box.append(
      h(
        'dl',
        { class: 'facts' },
        facts.map(([k, v, id, raw]) =>
          h('div', { class: 'fact' }, h('dt', { text: t(k) }), h('dd', { id, text: v, attrs: { 'data-value': raw } })),
        ),
        h('div', { class: 'fact wide' }, h('dt', { text: t('report.sha') }), h('dd', {}, h('code', { id: 'r-sha256', class: 'hash', text: input.sha256 }))),
      ),
    );

    box.append(h('p', { class: 'note muted', text: t('report.note') }));
    box.hidden = false;
    this.#ui.results.hidden = false;
  }

  /** The campaign section: score, usable funnel, price sanity, checklist, reminders. */
  #renderFit(report) {
    const box = this.#ui.fitBox;
    clear(box);
    const c = report.campaign;
    const score = report.score;
    if (!c || !score) {
      box.hidden = true;
      return;
    }
    const { t, num, lang, fromEnglish } = this.#i18n;
    const text = (item, en = 'en', fr = 'fr') => (lang === 'en' ? item[en] : item[fr]);

    const date = c.date ? this.#date(c.date) : null;
    const what = {
      channel: t(`channel.${c.channel}`),
      audience: t(`audience.${c.audience}`),
      deal: t(`deal.${c.deal}`),
      date,
    };
    box.append(
      h('h2', { id: 'fit-h', text: t('fit.h') }),
      h('p', { id: 'fit-summary', class: 'fit-summary', text: t(date ? 'fit.summary' : 'fit.summaryNoDate', what) }),
      h('p', { class: 'muted fit-split', text: t('fit.split', { b2b: num(c.rows_b2b), b2c: num(c.rows_b2c) }) }),
    );
    const notes = [];
    if (c.uncertain_rules?.phone_consent_one_year) notes.push(t('fit.ruleOn'));
    if (c.opposition_entries > 0) notes.push(t('fit.opposition', { n: num(c.opposition_entries) }));
    for (const n of notes) box.append(h('p', { class: 'fit-note', text: n }));

    box.append(h('div', { class: 'fit-top' }, this.#score(score, report), this.#price(c, report)));
    box.append(h('div', { class: 'fit-row' }, this.#funnel(c), this.#byChannel(c)));

    // The seller checklist: what the file does not answer first.
    const items = [...c.checklist].sort((a, b) => Number(a.in_file) - Number(b.in_file));
    const toAsk = items.filter((i) => !i.in_file).length;
    const checklist = h(
      'section',
      { class: 'block', attrs: { 'aria-labelledby': 'checklist-h' } },
      h('h3', { id: 'checklist-h', text: t('checklist.h') }),
      toAsk === 0 ? h('p', { class: 'muted', text: t('checklist.none') }) : null,
      h(
        'ul',
        { id: 'checklist', class: 'checklist' },
        items.map((i) =>
          h(
            'li',
            { class: i.in_file ? 'in-file' : 'ask', attrs: { 'data-key': i.key, 'data-in-file': String(i.in_file) } },
            h('span', { class: `tag ${i.in_file ? 'ok' : 'ask'}`, text: t(i.in_file ? 'checklist.inFile' : 'checklist.ask') }),
            h('span', { class: 'checklist-text', text: text(i, 'ask_en', 'ask_fr') }),
          ),
        ),
      ),
    );
    const reminders = h(
      'section',
      { class: 'block', attrs: { 'aria-labelledby': 'reminders-h' } },
      h('h3', { id: 'reminders-h', text: t('reminders.h') }),
      h(
        'ul',
        { id: 'reminders', class: 'reminders' },
        c.reminders.map((r) =>
          h(
            'li',
            { attrs: { 'data-key': r.key } },
            h('p', { class: 'reminder-text', text: text(r) }),
            h('p', { class: 'reminder-basis' }, h('span', { class: 'muted', text: t('reminders.basis') }), ' ', fromEnglish('basis', r.basis)),
          ),
        ),
      ),
    );
    box.append(h('div', { class: 'fit-row' }, checklist, reminders));
    box.hidden = false;
    this.#ui.results.hidden = false;
  }

  /** A campaign date, YYYY-MM-DD, in the page's language. */
  #date(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return iso;
    const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Intl.DateTimeFormat(this.#i18n.lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long' }).format(d);
  }

  /**
   * A horizontal bar, in SVG (decorative: the number is always written next to it). The
   * track is outlined, so that the bar's length reads without colours (print, grey scale).
   */
  #meter(percent, cls) {
    const p = Math.max(0, Math.min(100, Number(percent) || 0));
    return svg(
      'svg',
      { class: `meter bar-svg ${cls}`, viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
      svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10, fill: '#e6ebef', stroke: '#8e9aa6', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke' }),
      p > 0 ? svg('rect', { class: 'bar-fill', x: 0, y: 0, width: p, height: 10, fill: '#7f8c99' }) : null,
    );
  }

  /**
   * The score as a half-circle gauge (inline SVG): the grades' bands, the track, the score's
   * arc and a needle. The number and grade are written below it (`.score-main`), and the
   * gauge is labelled for screen readers.
   */
  #gauge(score) {
    const { t } = this.#i18n;
    const v = Math.max(0, Math.min(100, Number(score.value) || 0));
    const cx = 110;
    const cy = 114;
    const at = (p, r) => {
      const a = Math.PI * (1 - p / 100);
      return [cx + r * Math.cos(a), cy - r * Math.sin(a)];
    };
    const f = (n) => n.toFixed(2);
    const arc = (p0, p1, r) => {
      const [x0, y0] = at(p0, r);
      const [x1, y1] = at(p1, r);
      return `M ${f(x0)} ${f(y0)} A ${r} ${r} 0 0 1 ${f(x1)} ${f(y1)}`;
    };
    const grade = GRADE_BANDS.find(([g]) => g === String(score.grade)) ?? GRADE_BANDS[0];
    const [nx, ny] = at(v, 90);
    const [bx, by] = at(v, 64);
    return svg(
      'svg',
      {
        id: 'score-gauge',
        class: 'gauge',
        viewBox: '0 0 220 132',
        role: 'img',
        'aria-label': t('score.label', { value: score.value, grade: score.grade }),
        'data-value': score.value,
      },
      // The grades' bands, with their letters.
      GRADE_BANDS.map(([g, from, to, colour]) => {
        const [lx, ly] = at((from + to) / 2, 103);
        return svg(
          'g',
          { class: `gauge-band band-${g.toLowerCase()}` },
          svg('path', { d: arc(from, to, 92), fill: 'none', stroke: colour, 'stroke-width': 5 }),
          svg('text', { x: f(lx), y: f(ly), 'text-anchor': 'middle', 'dominant-baseline': 'middle', 'font-size': 9, 'font-weight': g === grade[0] ? 800 : 400, fill: '#17212b' }, g),
        );
      }),
      svg('path', { class: 'gauge-track', d: arc(0, 100, 77), fill: 'none', stroke: '#e6ebef', 'stroke-width': 14 }),
      svg('path', { class: 'gauge-outline', d: `${arc(0, 100, 84)} L ${f(at(100, 70)[0])} ${f(cy)} A 70 70 0 0 0 ${f(at(0, 70)[0])} ${f(cy)} Z`, fill: 'none', stroke: '#8e9aa6', 'stroke-width': 0.8 }),
      v > 0 ? svg('path', { class: `gauge-value grade-${grade[0].toLowerCase()}`, d: arc(0, v, 77), fill: 'none', stroke: grade[3], 'stroke-width': 14 }) : null,
      svg('line', { class: 'gauge-needle', x1: f(bx), y1: f(by), x2: f(nx), y2: f(ny), stroke: '#17212b', 'stroke-width': 2.5, 'stroke-linecap': 'round' }),
      svg('text', { x: f(at(0, 77)[0]), y: cy + 13, 'text-anchor': 'middle', 'font-size': 9, fill: '#566270' }, '0'),
      svg('text', { x: f(at(100, 77)[0]), y: cy + 13, 'text-anchor': 'middle', 'font-size': 9, fill: '#566270' }, '100'),
    );
  }

  #score(score, report) {
    const { t, num } = this.#i18n;
    const grade = String(score.grade);
    // A reason is `{part, en, fr}` (older engines: the part's name alone).
    const reasons = score.reasons.map((r) => (typeof r === 'string' ? { part: r } : r));
    const weakParts = reasons.map((r) => r.part);
    const sensitive = report.findings.some((f) => f.code === 'content.sensitive') && !weakParts.includes('sensitive');
    return h(
      'section',
      { class: 'block score-block', attrs: { 'aria-labelledby': 'score-h' } },
      h('h3', { id: 'score-h', text: t('score.h') }),
      h(
        'div',
        { class: 'gauge-box' },
        this.#gauge(score),
        h(
          'p',
          { class: 'score-main' },
          h('span', { id: 'score-value', class: 'score-value', attrs: { 'data-value': score.value }, text: num(score.value) }),
          h('span', { class: 'score-max', text: ` ${t('score.outOf')} ` }),
          h(
            'span',
            { id: 'score-grade', class: `grade grade-${grade.toLowerCase()}`, attrs: { 'data-value': grade } },
            h('span', { class: 'visually-hidden', text: `${t('score.grade')} ` }),
            grade,
          ),
        ),
      ),
      h('p', { class: 'score-weakest', text: t('score.weakest') }),
      h(
        'ul',
        { id: 'score-reasons', class: 'reasons' },
        reasons.map((r) =>
          h(
            'li',
            { class: r.part === 'sensitive' ? 'sensitive' : null, attrs: { 'data-part': r.part } },
            h('span', { class: 'reason-part', text: t(`part.${r.part}`) }),
            r.en ? ` \u2014 ${this.#text(r)}` : null,
          ),
        ),
      ),
      sensitive && score.value <= 39 ? h('p', { class: 'fit-warning', text: t('score.capped') }) : null,
      h(
        'ul',
        { id: 'score-parts', class: 'parts', attrs: { 'aria-label': t('score.parts') } },
        SCORE_PARTS.filter((p) => p in score.parts).map((p) => {
          const v = score.parts[p];
          const weak = weakParts.includes(p);
          return h(
            'li',
            { class: weak ? 'weak' : null, attrs: { 'data-part': p, 'data-value': v } },
            h('span', { class: 'part-name', text: t(`part.${p}`) }),
            this.#meter(v, v >= 70 ? 'good' : v >= 40 ? 'fair' : 'poor'),
            h('span', { class: 'part-value', text: num(v) }),
          );
        }),
      ),
    );
  }

  #price(c, report) {
    const { t, num, money, money0, fromEnglish } = this.#i18n;
    const p = c.price;
    const rows = c.funnel[0]?.count ?? report.input.rows;
    let headline;
    if (p.effective_cpm != null) {
      headline = [
        h('p', { class: 'effective-label', text: t('price.effective') }),
        h('p', {
          id: 'effective-cpm',
          class: 'effective-value',
          attrs: { 'data-value': p.effective_cpm },
          text: money(p.effective_cpm),
        }),
        h('p', {
          class: 'effective-note',
          text: t('price.effectiveNote', { total: money(p.total), usable: num(p.usable), rows: num(rows) }),
        }),
      ];
    } else {
      headline = [h('p', { id: 'effective-cpm', class: 'effective-missing', text: t(p.total != null ? 'price.noUsable' : 'price.noPrice') })];
    }
    const band = p.band ? `${money0(p.band[0])} \u2013 ${money0(p.band[1])}` : null;
    const bandLabel = p.band_label === 'user' ? t('band.user') : fromEnglish('band', p.band_label);
    const fact = (key, value, id, raw) =>
      h('div', { class: 'fact' }, h('dt', { text: t(key) }), h('dd', { id, text: value, attrs: { 'data-value': raw } }));
    const verdictClass = { in_band: 'ok', below_band: 'ok', high: 'review', low: 'review', very_low: 'reject' }[p.verdict] ?? 'neutral';
    return h(
      'section',
      { class: 'block price-block', attrs: { 'aria-labelledby': 'price-h' } },
      h('h3', { id: 'price-h', text: t('price.h') }),
      h('div', { class: `effective ${p.effective_cpm != null ? '' : 'none'}` }, headline),
      this.#priceChart(p),
      h(
        'dl',
        { class: 'facts price-facts' },
        p.total != null ? fact('price.total', money(p.total), 'price-total', p.total) : null,
        p.cpm != null ? fact('price.cpm', t('price.perThousand', { price: money(p.cpm) }), 'price-cpm', p.cpm) : null,
        fact('price.usable', num(p.usable), 'price-usable', p.usable),
        h(
          'div',
          { class: 'fact wide' },
          h('dt', { text: t('price.band') }),
          p.band
            ? h('dd', { id: 'price-band', attrs: { 'data-value': p.band.join('-') } }, band, h('span', { class: 'band-label', text: ` (${bandLabel})` }))
            : h('dd', { id: 'price-band', text: bandLabel }),
        ),
        h(
          'div',
          { class: 'fact wide' },
          h('dt', { text: t('price.verdict') }),
          h('dd', {}, h('span', { id: 'price-verdict', class: `tag ${verdictClass}`, attrs: { 'data-value': p.verdict }, text: t(`verdict.${p.verdict}`) })),
        ),
      ),
      p.red_flags.length
        ? h(
            'div',
            { class: 'flags' },
            h('p', { class: 'flags-h', text: t('price.redFlags') }),
            h(
              'ul',
              { id: 'price-flags' },
              p.red_flags.map((f) => {
                const key = `flag.${f}`;
                const label = t(key);
                return h('li', { attrs: { 'data-flag': f }, text: label === key ? f : label });
              }),
            ),
          )
        : null,
    );
  }

  /**
   * Nominal against effective cost per 1,000 (and the market band), as SVG bars on one
   * scale; the amounts are written next to them. None without a price.
   */
  #priceChart(p) {
    const { t, money, money0 } = this.#i18n;
    if (p.cpm == null) return null;
    const band = Array.isArray(p.band) ? p.band : null;
    const top = Math.max(p.cpm, p.effective_cpm ?? 0, band?.[1] ?? 0) || 1;
    const pc = (x) => (100 * x) / top;
    const row = (key, cls, bar, value, raw) =>
      h(
        'li',
        { class: `price-row ${cls}`, attrs: { 'data-value': raw } },
        h('span', { class: 'stage-name', text: t(key) }),
        bar,
        h('span', { class: 'stage-count', text: value }),
      );
    const bandBar = band
      ? svg(
          'svg',
          { class: 'meter bar-svg band', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' },
          svg('rect', { class: 'bar-track', x: 0, y: 0, width: 100, height: 10, fill: '#eef1f4', stroke: '#8e9aa6', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke' }),
          svg('rect', { class: 'bar-band', x: pc(band[0]), y: 0, width: Math.max(0.5, pc(band[1]) - pc(band[0])), height: 10, fill: '#b9c7d3', stroke: '#566270', 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke' }),
        )
      : null;
    return h(
      'ul',
      { id: 'price-chart', class: 'price-chart', attrs: { 'aria-label': t('price.chart') } },
      row('price.chartNominal', 'nominal', this.#meter(pc(p.cpm), 'stage'), money(p.cpm), p.cpm),
      p.effective_cpm != null ? row('price.chartEffective', 'effective-row', this.#meter(pc(p.effective_cpm), 'poor'), money(p.effective_cpm), p.effective_cpm) : null,
      band ? row('price.chartBand', 'band-row', bandBar, `${money0(band[0])} \u2013 ${money0(band[1])}`, band.join('-')) : null,
    );
  }

  #funnel(c) {
    const { t, num, pct } = this.#i18n;
    return h(
      'section',
      { class: 'block funnel-block', attrs: { 'aria-labelledby': 'funnel-h' } },
      h('h3', { id: 'funnel-h', text: t('funnel.h') }),
      h('p', { class: 'muted funnel-channel', text: t(`channel.${c.channel}`) }),
      h(
        'ol',
        { id: 'funnel', class: 'funnel' },
        c.funnel.map((s) => {
          const key = `stage.${s.stage}`;
          const label = t(key);
          return h(
            'li',
            { class: `stage-${s.stage}`, attrs: { 'data-stage': s.stage, 'data-count': s.count, 'data-percent': s.percent } },
            h('span', { class: 'stage-name', text: label === key ? s.stage : label }),
            this.#meter(s.percent, s.stage === 'usable' ? 'usable' : 'stage'),
            h('span', { class: 'stage-count', text: num(s.count) }),
            h('span', { class: 'stage-pct', text: pct(s.percent) }),
          );
        }),
      ),
    );
  }

  #byChannel(c) {
    const { t, num, pct } = this.#i18n;
    const rows = c.funnel[0]?.count ?? 0;
    const share = (n) => (rows > 0 ? pct(Math.round((1000 * n) / rows) / 10) : '\u2014');
    const channels = CHANNELS.filter((k) => k in c.usable_by_channel);
    const table = h(
      'table',
      { id: 'by-channel', class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { attrs: { scope: 'col' }, text: t('byChannel.channel') }),
          h('th', { attrs: { scope: 'col' }, class: 'right', text: t('byChannel.usable') }),
          h('th', { attrs: { scope: 'col' }, class: 'right', text: t('byChannel.share') }),
        ),
      ),
      h(
        'tbody',
        {},
        channels.map((k) => {
          const n = c.usable_by_channel[k];
          const current = k === c.channel;
          return h(
            'tr',
            { class: current ? 'current' : null, attrs: { 'data-channel': k, 'data-value': n } },
            h('th', { attrs: { scope: 'row' } }, t(`channel.${k}`), current ? h('span', { class: 'muted', text: ` ${t('byChannel.current')}` }) : null),
            h('td', { class: 'right', text: num(n) }),
            h('td', { class: 'right', text: share(n) }),
          );
        }),
      ),
    );
    return h(
      'section',
      { class: 'block', attrs: { 'aria-labelledby': 'by-channel-h' } },
      h('h3', { id: 'by-channel-h', text: t('byChannel.h') }),
      h('div', { class: 'scroll', attrs: { tabindex: '0', role: 'region', 'aria-labelledby': 'by-channel-h' } }, table),
    );
  }

  #quality(qualification, rows) {
    const { t, num, role } = this.#i18n;
    const pct = (n, d) => (d > 0 ? `${num(Math.round((100 * n) / d))}\u00a0%` : '\u2014');
    const meter = (n, d, cls) => this.#meter(d > 0 ? (100 * n) / d : 0, cls);
    // Named by the rule's summary, as in the findings (the code on hover).
    const problems = (list) =>
      list.slice(0, 3).map((p) => {
        const rule = this.#rules.get(p.code);
        return h(
          'span',
          { class: 'problem', attrs: { 'data-code': p.code, title: p.code } },
          h('span', { class: 'problem-summary', text: rule ? this.#text(rule.summary) : p.code }),
          ' ',
          h('span', { class: 'problem-count', text: num(p.count) }),
        );
      });
    const table = h(
      'table',
      { id: 'quality', class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { attrs: { scope: 'col' }, text: t('preview.col.name') }),
          h('th', { attrs: { scope: 'col' }, text: t('preview.col.role') }),
          h('th', { attrs: { scope: 'col' }, text: t('report.q.filled') }),
          h('th', { attrs: { scope: 'col' }, text: t('report.q.valid') }),
          h('th', { attrs: { scope: 'col' }, text: t('report.q.problems') }),
        ),
      ),
      h(
        'tbody',
        {},
        qualification.map((q) =>
          h(
            'tr',
            { attrs: { 'data-column': q.column } },
            h('td', { text: q.name }),
            h('td', {}, h('span', { class: 'role role-known', text: role(q.role) })),
            h('td', { class: 'pct' }, meter(q.filled, rows, 'filled'), pct(q.filled, rows)),
            h('td', { class: 'pct' }, meter(q.valid, q.filled, 'valid'), pct(q.valid, q.filled)),
            h('td', { class: 'problems' }, q.problems.length ? problems(q.problems) : h('span', { class: 'muted', text: '\u2014' })),
          ),
        ),
      ),
    );
    return h('div', { class: 'scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('report.quality') } }, table);
  }

  #text(x) {
    return x ? (this.#i18n.lang === 'en' ? x.en : x.fr) : '';
  }

  /** A finding parameter's value in words where the core gives a name (signals, families). */
  #paramValue(k, v) {
    const { t } = this.#i18n;
    const word = (keys, x) => {
      for (const key of keys) {
        const label = t(key);
        if (label !== key) return label;
      }
      return x;
    };
    if (k === 'signals') return String(v).split(/[\s,]+/).filter(Boolean).map((x) => word([`seedSignal.${x}`, `trapSignal.${x}`], x)).join(', ');
    if (k === 'family') return word([`family.${v}`], v);
    return v;
  }

  /** The findings by group (FINDING_GROUPS' order, then unknown categories), each sorted as given. */
  #findingGroups(findings) {
    const groupOf = new Map(FINDING_GROUPS.flatMap(([g, cats]) => cats.map((c) => [c, g])));
    const groups = new Map(FINDING_GROUPS.map(([g]) => [g, []]));
    for (const f of findings) {
      const g = groupOf.get(f.category) ?? f.category;
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(f);
    }
    return [...groups].filter(([, list]) => list.length).map(([group, list]) => ({ group, list }));
  }

  /**
   * A column header's label for screen readers, and on screen the label or, on a phone,
   * its abbreviation (widget.css).
   */
  #longShort(long, short) {
    const shown = (cls, text) => h('span', { class: cls, attrs: { 'aria-hidden': 'true' }, text });
    return [h('span', { class: 'visually-hidden', text: long }), shown('th-long', long), shown('th-short', short)];
  }

  /** The findings at a glance: one row per group, its findings by severity and occurrences. */
  #findingSummary(groups) {
    const { t, num } = this.#i18n;
    const sevs = ['error', 'warning', 'info'];
    const table = h(
      'table',
      { id: 'finding-summary', class: 'grid' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { attrs: { scope: 'col' }, text: t('group.category') }),
          sevs.map((s) => h('th', { class: 'right', attrs: { scope: 'col' } }, ...this.#longShort(t(`sev.${s}`), t(`sev.${s}Short`)))),
          h('th', { class: 'right', attrs: { scope: 'col' } }, ...this.#longShort(t('group.occurrences'), t('group.occurrencesShort'))),
        ),
      ),
      h(
        'tbody',
        {},
        groups.map(({ group, list }) => {
          const key = `group.${group}`;
          const label = t(key);
          return h(
            'tr',
            { attrs: { 'data-group': group } },
            h('th', { attrs: { scope: 'row' }, text: label === key ? group : label }),
            sevs.map((s) => {
              const n = list.filter((f) => f.severity === s).length;
              return h('td', { class: `right${n ? ` sev-${s}` : ' muted'}`, attrs: { 'data-severity': s, 'data-value': n }, text: n ? num(n) : '\u2014' });
            }),
            h('td', { class: 'right', attrs: { 'data-value': list.reduce((n, f) => n + f.count, 0) }, text: num(list.reduce((n, f) => n + f.count, 0)) }),
          );
        }),
      ),
    );
    return h('div', { class: 'scroll summary-table', attrs: { tabindex: '0', role: 'region', 'aria-label': t('group.summary') } }, table);
  }

  /** One group of findings: its name, how many codes and occurrences, the worst severity. */
  #findingGroup({ group, list }, columns) {
    const { t, num } = this.#i18n;
    const worst = list.reduce((w, f) => ((SEVERITY_ORDER[f.severity] ?? 9) < (SEVERITY_ORDER[w] ?? 9) ? f.severity : w), 'info');
    const count = list.reduce((n, f) => n + f.count, 0);
    const key = `group.${group}`;
    const label = t(key);
    const id = `group-${group.replace(/[^a-z0-9_-]/gi, '_')}-h`;
    return h(
      'section',
      { class: `finding-group sev-${worst}`, attrs: { 'data-group': group, 'data-count': count, 'aria-labelledby': id } },
      h(
        'h4',
        { id, class: 'group-head' },
        h('span', { class: `badge sev-${worst}`, text: t(`sev.${worst}`) }),
        h('span', { class: 'group-name', text: label === key ? group : label }),
        h('span', { class: 'group-count', text: t('group.count', { codes: num(list.length), n: num(count) }) }),
      ),
      h('ul', { class: 'findings' }, list.map((f) => this.#finding(f, columns))),
    );
  }

  /** The "show values" toggle of the examples (masked by default). */
  #valuesToggle() {
    const { t } = this.#i18n;
    const button = h('button', {
      id: 'show-values',
      class: 'button secondary small',
      attrs: { type: 'button', 'aria-pressed': String(this.#showValues) },
      text: t(this.#showValues ? 'values.hide' : 'values.show'),
      on: {
        click: () => {
          this.#showValues = !this.#showValues;
          button.setAttribute('aria-pressed', String(this.#showValues));
          button.textContent = this.#i18n.t(this.#showValues ? 'values.hide' : 'values.show');
          this.#valueSpans = this.#valueSpans.filter((v) => v.el.isConnected);
          for (const v of this.#valueSpans) this.#paintValue(v);
        },
      },
    });
    return button;
  }

  /** An example's cell value, masked unless the user asked to see the values (text only, isolated). */
  #value(raw, role) {
    const { t } = this.#i18n;
    if (raw === undefined || raw === null) return null;
    if (String(raw).trim() === '') return h('span', { class: 'ex-empty muted', text: t('values.empty') });
    const el = h('bdi', { class: 'ex-value', attrs: { dir: 'ltr' } });
    const v = { el, raw: String(raw), kind: maskKind(role) };
    this.#paintValue(v);
    this.#valueSpans.push(v);
    return el;
  }

  #paintValue({ el, raw, kind }) {
    el.textContent = this.#showValues ? visible(raw) : maskValue(raw, kind);
    el.dataset.masked = String(!this.#showValues);
  }

  /** A row's identity cells (email, phone, name...), at most two, for an example without a column. */
  #rowValues(cells, columns) {
    const picked = [];
    for (const r of IDENTITY_ROLES) {
      const i = columns.findIndex((c, j) => c.role === r && !picked.includes(j) && (cells[j] ?? '').trim() !== '');
      if (i >= 0) picked.push(i);
      if (picked.length === 2) break;
    }
    if (!picked.length) return null;
    const out = [];
    for (const i of picked.sort((a, b) => a - b)) {
      if (out.length) out.push(' \u00b7 ');
      out.push(this.#value(cells[i], columns[i].role));
    }
    return h('span', { class: 'ex-row' }, out);
  }

  /** The value part of an example (`null` when the page has none for its row). */
  #exampleValue(e, columns) {
    const cells = e.row != null ? this.#exampleRows.get(e.row) : undefined;
    if (!cells || !cells.length) return null;
    if (e.column != null) return this.#value(cells[e.column - 1], columns[e.column - 1]?.role);
    return this.#rowValues(cells, columns);
  }

  #finding(f, columns) {
    const { t, num, lang } = this.#i18n;
    const rule = this.#rules.get(f.code);
    const text = (x) => (x ? (lang === 'en' ? x.en : x.fr) : '');
    const columnName = (i) => columns[i - 1]?.name ?? `#${i}`;
    const examples = f.examples.map((e) => {
      let where = e.row != null ? t('report.rowN', { n: num(e.row) }) : t('report.lineN', { n: num(e.line) });
      if (e.column != null) where += ` \u00b7 ${columnName(e.column)}`;
      const params = Object.entries(e.params ?? {})
        .map(([k, v]) => {
          const key = `param.${k}`;
          const label = t(key);
          return `${label === key ? k : label} ${this.#paramValue(k, v)}`;
        })
        .join(', ');
      const value = this.#exampleValue(e, columns);
      return h(
        'li',
        { class: 'example', attrs: { 'data-row': e.row ?? undefined, 'data-column': e.column ?? undefined } },
        h('span', { class: 'ex-where', text: params ? `${where} (${params})` : where }),
        value ? h('span', { class: 'ex-sep', text: t('values.sep') }) : null,
        value,
      );
    });
    const more = f.count - f.examples.length;
    return h(
      'li',
      { class: `finding sev-${f.severity}`, attrs: { 'data-code': f.code, 'data-count': f.count, 'data-severity': f.severity } },
      h(
        'div',
        { class: 'finding-head' },
        h('span', { class: `badge sev-${f.severity}`, text: t(`sev.${f.severity}`) }),
        h('span', { class: 'finding-summary', text: text(rule?.summary) || f.code }),
        h('span', { class: 'finding-count', text: num(f.count) }),
      ),
      h(
        'p',
        { class: 'finding-meta' },
        h('code', { text: f.code }),
        examples.length ? ` · ${t('report.examplesLabel')}` : ` · ${t('report.fileLevel')}`,
      ),
      examples.length
        ? h('ul', { class: 'examples' }, examples, more > 0 ? h('li', { class: 'example more muted', text: t('report.moreRows', { n: num(more) }) }) : null)
        : null,
      rule
        ? h(
            'details',
            {},
            h('summary', { text: t('report.more') }),
            h(
              'dl',
              { class: 'explain' },
              h('dt', { text: t('report.what') }),
              h('dd', { text: text(rule.what) }),
              h('dt', { text: t('report.why') }),
              h('dd', { text: text(rule.why) }),
              h('dt', { text: t('report.todo') }),
              h('dd', { text: text(rule.todo) }),
            ),
          )
        : null,
    );
  }

  // ---- exports: annotated and usable-rows CSV, JSON report, certificate, print ------------

  /** The exported files' stem: the audited file's name without its extension. */
  #stem() {
    return (this.#lastName || 'fichier').replace(/\.[^.]*$/, '');
  }

  /**
   * The export buttons, then the certificate. The CSVs are made by the worker, which reads
   * the file again with the audit's options and lists (`tamis audit --annotate | --usable`),
   * and saved as downloads: nothing is uploaded.
   */
  #renderExports(msg, name) {
    const { t, num } = this.#i18n;
    const box = this.#ui.exportsBox;
    clear(box);
    const report = msg.report;
    const c = report.campaign;
    const usable = c?.funnel?.find((s) => s.stage === 'usable')?.count ?? 0;
    const rows = report.input.text && report.input.columns.length > 0;
    const out = h('div', { id: 'export-result', class: 'tool-result', attrs: { role: 'status' } });
    const button = (id, text, click, disabled = false) =>
      h('button', { id, class: 'button secondary small', attrs: { type: 'button', disabled }, text, on: { click } });
    box.append(
      h('h2', { id: 'exports-h', text: t('export.h') }),
      h('p', { class: 'hint', text: t('export.intro') }),
      h(
        'div',
        { class: 'actions' },
        button('export-annotated', t('export.annotated'), () => this.#exportCsv('annotated', out), !rows),
        button(
          'export-usable',
          c ? t('export.usable', { n: num(usable), channel: t(`channel.${c.channel}`) }) : t('export.usableNone'),
          () => this.#exportCsv('usable', out),
          !rows || !c,
        ),
        button('export-json', t('export.json'), () => this.#download()),
        button('export-certificate', t('export.certificate'), () => this.#saveCertificate(), !msg.certificateJson),
        button('export-print', t('export.print'), () => this.#print('report')),
      ),
      out,
    );
    box.hidden = false;
    this.#renderCertificate(msg.certificate, name);
  }

  /** Asks the worker for a CSV export of the last audited file. */
  #exportCsv(kind, out) {
    const { t } = this.#i18n;
    const from = this.#exportFrom;
    if (!from || !this.#worker) return;
    clear(out);
    if (this.#run) {
      out.append(h('p', { class: 'alert', text: t('export.busy') }));
      return;
    }
    if (this.#tool) {
      this.#toolFailed(t('tool.stopped'));
      this.#replaceWorker();
    }
    const id = this.#nextId++;
    const file = `${this.#stem()}.tamis-${kind}.csv`;
    this.#tool = { id, kind: 'export', out, file, sha256: from.sha256 };
    out.append(
      h('p', { class: 'muted', text: t('export.working', { name: file }) }),
      h('button', { id: 'export-cancel', class: 'button secondary small', attrs: { type: 'button' }, text: t('export.cancel'), on: { click: () => this.#cancelExport() } }),
    );
    out.dataset.state = 'running';
    this.#ensureWorker().postMessage({ type: 'export', id, kind, ...from.request });
  }

  /** Stops the export in progress (terminates the worker and starts a fresh one). */
  #cancelExport() {
    const tool = this.#tool;
    if (tool?.kind !== 'export') return;
    this.#tool = null;
    this.#replaceWorker();
    clear(tool.out);
    tool.out.append(h('p', { text: this.#i18n.t('export.cancelled', { name: tool.file }) }));
    tool.out.dataset.state = 'cancelled';
  }

  #exportDone(msg) {
    const { t, num } = this.#i18n;
    const { out, file, sha256 } = this.#tool;
    this.#tool = null;
    clear(out);
    if (!msg.header) {
      out.append(h('p', { text: t('export.empty') }));
    } else {
      // The file changed since the audit (a File is read again from the disk).
      if (msg.sha256 !== sha256) out.append(h('p', { class: 'alert', text: t('export.changed') }));
      out.append(
        h('p', { id: 'export-done', attrs: { 'data-kind': msg.kind, 'data-rows': msg.rows, 'data-wasm-memory': msg.wasmMemory }, text: t('export.done', { name: file, rows: num(msg.rows) }) }),
        h('button', { class: 'button secondary small', attrs: { type: 'button' }, text: t('export.again', { name: file }), on: { click: () => this.#save(msg.blob, file) } }),
      );
      this.#save(msg.blob, file);
    }
    out.dataset.state = 'done';
  }

  #saveCertificate() {
    const json = this.#lastDone?.msg?.certificateJson;
    if (json) this.#save(new Blob([json], { type: 'application/json' }), `${this.#stem()}.tamis-certificate.json`);
  }

  /** Prints the report (`report`) or the certificate alone (`certificate`): see widget.css. */
  #print(mode) {
    const widget = this.shadowRoot.querySelector('.widget');
    if (widget) widget.dataset.print = mode;
    window.addEventListener('afterprint', () => widget?.removeAttribute('data-print'), { once: true });
    window.print();
  }

  /** The audit certificate: the file's identity, the options, scores and counts; no personal data. */
  #renderCertificate(cert, name) {
    const box = this.#ui.certBox;
    clear(box);
    if (!cert) {
      box.hidden = true;
      return;
    }
    const { t, num, bytes, pct, money } = this.#i18n;
    const f = cert.file;
    const o = cert.options;
    const none = t('cert.none');
    const price = o.price != null ? t('cert.priceTotal', { v: money(o.price) }) : o.cpm != null ? t('cert.priceCpm', { v: money(o.cpm) }) : none;
    const usableOf = (n) => (f.rows ? `${num(n)} (${pct((n * 100) / f.rows)})` : num(n));
    const facts = [
      ['cert.file', f.name ?? name ?? none, 'cert-name'],
      ['cert.size', `${bytes(f.bytes)} (${num(f.bytes)})`, 'cert-bytes', f.bytes],
      ['cert.rows', num(f.rows), 'cert-rows', f.rows],
      ['cert.layout', f.text ? t('cert.layoutText', { encoding: f.encoding, delimiter: f.delimiter === '\t' ? 'tab' : f.delimiter, columns: num(f.roles.length) }) : t('report.notText'), 'cert-layout'],
      ['cert.auditDate', cert.audit_date ? this.#date(cert.audit_date) : none, 'cert-date', cert.audit_date],
      ['cert.campaign', [t(`channel.${o.channel}`), t(`audience.${o.audience}`), t(`deal.${o.deal}`), o.date ? this.#date(o.date) : null].filter(Boolean).join(' · '), 'cert-campaign'],
      ['cert.price', price, 'cert-price'],
      o.opposition_entries ? ['cert.opposition', num(o.opposition_entries), 'cert-opposition'] : null,
      cert.score ? ['cert.score', t('cert.scoreValue', { value: cert.score.value, grade: cert.score.grade }), 'cert-score', cert.score.value] : null,
      cert.score ? ['cert.parts', Object.entries(cert.score.parts).map(([k, v]) => `${t(`part.${k}`)} ${v}`).join(' · '), 'cert-parts'] : null,
      ['cert.status', t('cert.statusValue', { ok: num(cert.rows.ok), review: num(cert.rows.review), reject: num(cert.rows.reject) }), 'cert-status'],
      cert.score ? ['cert.usable', usableOf(cert.usable), 'cert-usable', cert.usable] : null,
      cert.price?.effective_cpm != null ? ['cert.effective', money(cert.price.effective_cpm), 'cert-effective', cert.price.effective_cpm] : null,
      cert.duplicates ? ['cert.duplicates', t('cert.duplicatesValue', { rows: num(cert.duplicates.duplicate_rows), clusters: num(cert.duplicates.clusters) }), 'cert-duplicates', cert.duplicates.duplicate_rows] : null,
      cert.seeds_and_traps ? ['cert.signals', t('cert.signalsValue', { seeds: num(cert.seeds_and_traps.seed_suspects), traps: num(cert.seeds_and_traps.trap_risk) }), 'cert-signals'] : null,
      cert.overlap?.own_rows != null ? ['cert.own', num(cert.overlap.own), 'cert-own', cert.overlap.own] : null,
      cert.overlap?.partner_keys != null ? ['cert.partner', num(cert.overlap.partner), 'cert-partner', cert.overlap.partner] : null,
    ].filter(Boolean);
    const findings = Object.entries(cert.findings);
    box.append(
      h('h2', { id: 'cert-h', text: t('cert.h') }),
      h('p', { class: 'hint', text: t('cert.intro') }),
      h(
        'dl',
        { class: 'facts cert-facts' },
        facts.map(([k, v, id, raw]) => h('div', { class: 'fact' }, h('dt', { text: t(k) }), h('dd', { id, text: v, attrs: { 'data-value': raw } }))),
        h('div', { class: 'fact wide' }, h('dt', { text: t('cert.sha256') }), h('dd', {}, h('code', { id: 'cert-sha256', class: 'hash', text: f.sha256 }))),
      ),
      h('h3', { text: t('cert.findings') }),
      findings.length
        ? h(
            'table',
            { id: 'cert-findings', class: 'grid cert-findings' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { attrs: { scope: 'col' }, text: t('report.f.code') }),
                h('th', { attrs: { scope: 'col' }, text: t('report.f.summary') }),
                h('th', { attrs: { scope: 'col' }, class: 'num', text: t('report.f.count') }),
              ),
            ),
            h(
              'tbody',
              {},
              findings.map(([code, n]) =>
                h(
                  'tr',
                  { attrs: { 'data-code': code } },
                  h('td', {}, h('code', { text: code })),
                  h('td', { text: this.#text(this.#rules.get(code)?.summary) }),
                  h('td', { class: 'num', text: num(n) }),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted', text: t('cert.noFindings') }),
      h('p', { class: 'note muted', text: t('cert.note', { version: cert.tamis_version }) }),
      h(
        'div',
        { class: 'actions' },
        h('button', { id: 'cert-download', class: 'button primary small', attrs: { type: 'button' }, text: t('cert.download'), on: { click: () => this.#saveCertificate() } }),
        h('button', { id: 'cert-print', class: 'button secondary small', attrs: { type: 'button' }, text: t('cert.print'), on: { click: () => this.#print('certificate') } }),
      ),
    );
    box.hidden = false;
  }

  #download() {
    if (!this.#lastReportJson) return;
    const blob = new Blob([this.#lastReportJson], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { attrs: { href: url, download: `${(this.#lastName || 'fichier').replace(/\.[^.]*$/, '')}.tamis-report.json` } });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

// A printed report shows every rule's explanation: the findings' closed <details> open for
// the print and close again after it.
globalThis.addEventListener?.('beforeprint', () => {
  for (const el of document.querySelectorAll('tamis-audit')) {
    for (const d of el.shadowRoot?.querySelectorAll('.finding details:not([open])') ?? []) {
      d.open = true;
      d.dataset.printOpened = '';
    }
  }
});
globalThis.addEventListener?.('afterprint', () => {
  for (const el of document.querySelectorAll('tamis-audit')) {
    for (const d of el.shadowRoot?.querySelectorAll('details[data-print-opened]') ?? []) {
      d.open = false;
      delete d.dataset.printOpened;
    }
  }
});

if (!customElements.get('tamis-audit')) customElements.define('tamis-audit', TamisAudit);
