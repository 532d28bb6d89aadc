// <tamis-audit>: the audit widget, a custom element with a shadow DOM, so that neither a
// host page's styles nor ours leak. It can be embedded in another page:
//
//   <script type="module" src="https://example.org/tamis/tamis-audit.js"></script>
//   <tamis-audit lang="fr"></tamis-audit>
//
// Every asset URL is resolved from import.meta.url, never from the host page. The wasm
// engine runs in a module worker (worker.js); this file never sees the file's bytes, only
// the preview and the report the worker posts back.
//
// Untrusted text (cell values, column names, file names, error messages) reaches the DOM
// only through text nodes (`textContent`, `document.createTextNode`): see `h()` below.
//
// Events: `tamis-report` (detail: {report, reportJson, name}) when an audit is done.
// Test hooks: the host's `data-state` (idle|running|done|error|cancelled) and `data-run`
// (audits finished so far), and a hidden <output id="report-json"> holding the last
// report's JSON, byte for byte as the core wrote it.

import { makeI18n, pickLang } from './i18n.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
const CSS_URL = new URL('./widget.css', import.meta.url);
const DEMO_URL = new URL('./demo/prospects-demo.csv', import.meta.url);
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

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
  #run = null; // {id, name, started}
  #nextId = 1;
  #runs = 0;
  #rules = new Map();
  #engine = null;
  #lastReportJson = null;
  #lastName = null;
  #options = null;
  #ui = {};

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }

  /**
   * The audit options (the JSON options' snake_case keys). Unset, the page audits with
   * `{audit_date: <today, local time>}`: the core reads no clock. Set `{}` for the core's
   * defaults (the golden reports' options).
   */
  get options() {
    return this.#options ?? { audit_date: today() };
  }

  set options(value) {
    this.#options = value ?? null;
  }

  /** The last report's JSON (the golden-file format), or null. */
  get lastReportJson() {
    return this.#lastReportJson;
  }

  connectedCallback() {
    if (!this.#i18n) {
      this.#i18n = makeI18n(this.getAttribute('lang') || pickLang());
      this.#build();
      this.#setState('idle');
      this.dataset.run = '0';
    }
    if (!this.#worker) this.#spawnWorker();
  }

  disconnectedCallback() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#run = null;
  }

  /** Audits a File or Blob. */
  auditFile(file) {
    this.#start({ file }, file.name || 'fichier');
  }

  /** Audits the bundled synthetic demo file. */
  auditDemo() {
    this.#start({ url: DEMO_URL.href }, 'prospects-demo.csv');
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
    const w = new Worker(WORKER_URL, { type: 'module', name: 'tamis-audit' });
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
    w.postMessage({ type: 'init' });
  }

  #replaceWorker() {
    this.#worker?.terminate();
    this.#worker = null;
    this.#spawnWorker();
  }

  /** The worker died (trap, load failure): tell the user, start a fresh one. */
  #crashed(message) {
    this.#run = null;
    this.#replaceWorker();
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
        this.#engine = msg;
        this.#rules = new Map((msg.rules ?? []).map((r) => [r.code, r]));
        this.#renderEngine();
        break;
      case 'progress':
        if (current) this.#renderProgress(msg);
        break;
      case 'preview':
        if (current) this.#renderPreview(msg.preview);
        break;
      case 'done':
        if (current) this.#done(msg);
        break;
      case 'error':
        if (current || msg.id === undefined) {
          const name = run?.name ?? '';
          this.#run = null;
          this.#ui.progressBox.hidden = true;
          this.#alert(this.#i18n.t('run.error', { name, message: `${msg.name}: ${msg.message}` }));
          this.#setState('error');
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

  #start(source, name) {
    if (this.#run) {
      this.#run = null;
      this.#replaceWorker();
    }
    const id = this.#nextId++;
    this.#run = { id, name, started: performance.now() };
    this.#lastName = name;
    this.#setState('running');
    this.#say('');
    this.#alert('');
    this.#ui.results.hidden = true;
    this.#ui.previewBox.hidden = true;
    this.#ui.reportBox.hidden = true;
    this.#ui.progressName.textContent = this.#i18n.t('run.reading', { name });
    this.#ui.progress.removeAttribute('value');
    this.#ui.progressText.textContent = this.#engine ? '' : this.#i18n.t('run.loading');
    this.#ui.progressBox.hidden = false;
    this.#worker.postMessage({ type: 'audit', id, ...source, name, options: this.options });
  }

  #done(msg) {
    const { name } = this.#run;
    this.#run = null;
    this.#lastReportJson = msg.reportJson;
    this.#ui.reportJson.textContent = msg.reportJson;
    this.#ui.progressBox.hidden = true;
    this.#renderPreview(msg.preview);
    this.#renderReport(msg.report);
    const { t, num, secs } = this.#i18n;
    this.#say(t('run.done', { name, rows: num(msg.rows), secs: secs(msg.ms) }));
    this.#runs += 1;
    this.dataset.run = String(this.#runs);
    this.#setState('done');
    this.dispatchEvent(
      new CustomEvent('tamis-report', {
        detail: { report: msg.report, reportJson: msg.reportJson, name },
        bubbles: true,
        composed: true,
      }),
    );
  }

  #setState(state) {
    this.dataset.state = state;
    this.#ui.cancel.disabled = state !== 'running';
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
    root.append(h('link', { attrs: { rel: 'stylesheet', href: CSS_URL.href } }));

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
    ui.results = h('div', { class: 'results', hidden: true }, ui.reportBox, ui.previewBox);
    ui.reportJson = h('output', { id: 'report-json', hidden: true });

    ui.engine = h('p', { id: 'engine', class: 'engine', text: t('privacy.pending') });
    ui.privacy = h(
      'footer',
      { id: 'privacy', class: 'privacy' },
      h('p', { class: 'privacy-main' }, h('span', { class: 'lock', attrs: { 'aria-hidden': 'true' } }), t('privacy.text')),
      h('p', { class: 'privacy-detail', text: t('privacy.detail') }),
      ui.engine,
    );

    root.append(
      h('div', { class: 'widget', attrs: { lang: this.#i18n.lang } }, ui.drop, ui.progressBox, ui.status, ui.alert, ui.results, ui.reportJson, ui.privacy),
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

  #renderProgress({ bytes, total, rows }) {
    const { t, num, bytes: fmt } = this.#i18n;
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

  #renderPreview(preview) {
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
            h('td', {}, h('span', { class: `role role-${c.role === 'unknown' ? 'unknown' : 'known'}`, text: role(c.role) })),
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

    box.append(h('h3', { text: t('report.findings') }));
    const findings = [...report.findings].sort(
      (a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) || (a.code < b.code ? -1 : 1),
    );
    const columnName = (i) => input.columns[i - 1]?.name ?? `#${i}`;
    if (!findings.length) {
      box.append(h('p', { id: 'no-findings', class: 'muted', text: t('report.noFindings') }));
    } else {
      box.append(h('ul', { id: 'findings', class: 'findings' }, findings.map((f) => this.#finding(f, columnName))));
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

  #quality(qualification, rows) {
    const { t, num, role } = this.#i18n;
    const pct = (n, d) => (d > 0 ? `${num(Math.round((100 * n) / d))}\u00a0%` : '\u2014');
    const meter = (n, d, cls) => {
      const bar = h('span', { class: `meter ${cls}`, attrs: { 'aria-hidden': 'true' } }, h('span', {}));
      bar.firstChild.style.width = `${d > 0 ? (100 * n) / d : 0}%`; // CSSOM, allowed by the CSP
      return bar;
    };
    const problems = (list) =>
      list.slice(0, 3).map((p) => {
        const rule = this.#rules.get(p.code);
        return h('span', { class: 'problem', attrs: { title: rule ? this.#text(rule.summary) : p.code } }, h('code', { text: p.code }), ` ${num(p.count)}`);
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

  #finding(f, columnName) {
    const { t, num, lang } = this.#i18n;
    const rule = this.#rules.get(f.code);
    const text = (x) => (x ? (lang === 'en' ? x.en : x.fr) : '');
    const examples = f.examples.map((e) => {
      let where = e.row != null ? t('report.rowN', { n: num(e.row) }) : t('report.lineN', { n: num(e.line) });
      if (e.column != null) where += ` \u00b7 ${columnName(e.column)}`;
      const params = Object.entries(e.params ?? {})
        .map(([k, v]) => {
          const key = `param.${k}`;
          const label = t(key);
          return `${label === key ? k : label} ${v}`;
        })
        .join(', ');
      return params ? `${where} (${params})` : where;
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
        examples.length ? ` · ${t('report.examplesLabel')} ` : ` · ${t('report.fileLevel')}`,
        examples.length ? h('span', { class: 'examples', text: examples.join(t('report.sep')) + (more > 0 ? `${t('report.sep')}+${num(more)}` : '') }) : null,
      ),
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

  #download() {
    if (!this.#lastReportJson) return;
    const blob = new Blob([this.#lastReportJson], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { attrs: { href: url, download: `${(this.#lastName || 'fichier').replace(/\.[^.]*$/, '')}.tamis-report.json` } });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

if (!customElements.get('tamis-audit')) customElements.define('tamis-audit', TamisAudit);
