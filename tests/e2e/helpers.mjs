// Helpers of the end-to-end tests: the server (`tamis serve`, the real headers), headless
// Chromium through playwright-core, and a page wrapper that records every request, console
// error and CSP violation.
//
// Environment:
//   TAMIS_BIN          the tamis binary (default: target/debug/tamis, brought up to date with
//                      `cargo build --bin tamis` first)
//   TAMIS_E2E_SERVER   `tamis` (default) or `node`: a small static server with the same CSP,
//                      for iterating on www/ without the CLI. The real tests use `tamis`.
//   CHROMIUM_PATH      the browser (default /usr/bin/chromium; CHROMIUM also works)
//   TAMIS_E2E_BIG_MB   the size in MiB of big.test.mjs's file (default 256; 1024: the full 1 GiB)

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');
export const PKG = join(ROOT, 'pkg');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const GOLDEN = join(ROOT, 'tests', 'golden');

/** The CSP `tamis serve` sends; the node fallback server sends the same. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
  "img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'self'";

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ---- server ---------------------------------------------------------------------------

/**
 * Starts the server on a free port. Returns {origin, kind, close()}. `root`: another folder
 * holding www/ and pkg/ (`tamis serve` only).
 */
export async function startServer({ root = ROOT } = {}) {
  const kind = process.env.TAMIS_E2E_SERVER || 'tamis';
  if (kind === 'node') return startNodeServer();
  if (kind !== 'tamis') throw new Error(`TAMIS_E2E_SERVER=${kind}: expected tamis or node`);
  return startTamisServe(root);
}

let builtBin = null;

/** The tamis binary: TAMIS_BIN, else target/debug/tamis, built (or brought up to date) once. */
export function tamisBinary() {
  if (process.env.TAMIS_BIN) return process.env.TAMIS_BIN;
  if (!builtBin) {
    // Always `cargo build` (a no-op when up to date): a stale binary would test old code.
    const r = spawnSync('cargo', ['build', '--quiet', '--bin', 'tamis'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('cargo build --bin tamis failed');
    builtBin = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'debug', 'tamis');
  }
  return builtBin;
}

async function startTamisServe(root) {
  const bin = tamisBinary();
  const child = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--root', root], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const origin = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`tamis serve printed no address in 20 s\n${out}${stderr}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^tamis: serving (http:\/\/[^\s/]+)\/\s*$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`tamis serve exited (${code}) before serving:\n${out}${stderr}`));
    });
  });
  return {
    origin,
    kind: 'tamis',
    close: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', res);
        child.kill('SIGTERM');
      }),
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static server with the same layout (www/ at /, pkg/ at /pkg/) and CSP. */
async function startNodeServer() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, rel] = path.startsWith('/pkg/') ? [PKG, path.slice(5)] : [WWW, path.slice(1) || 'index.html'];
    const file = normalize(join(base, rel));
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*', // as tamis serve (EMBEDDING.md)
    };
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
      'Content-Length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    kind: 'node',
    close: () => new Promise((res) => server.close(res)),
  };
}

// ---- browser ----------------------------------------------------------------------------

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** The paths the server may legitimately serve: / and the files of www/ and pkg/. */
function staticPaths() {
  const paths = new Set(['/']);
  const walk = (dir, prefix) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else paths.add(`${prefix}${e.name}`);
    }
  };
  walk(WWW, '/');
  walk(PKG, '/pkg/');
  return paths;
}

/**
 * Opens the page in a fresh context. Records, for the whole context (page, workers and any
 * service worker): every request, console errors, uncaught errors and CSP violations.
 * `path` (default `/`): another page of the site; `url`: any URL (then `origin` is unused);
 * `beforeGoto(context)`: runs before the first navigation (routes, say).
 */
export async function openPage(browser, origin, { locale = 'fr-FR', path = '/', url = null, beforeGoto = null } = {}) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const log = {
    requests: [], // every URL requested, from any source
    consoleErrors: [],
    pageErrors: [],
    csp: [],
    serviceWorkers: [],
    workers: [],
  };
  const onRequest = (req) => log.requests.push(req.url());
  context.on('request', onRequest);
  context.on('serviceworker', (sw) => log.serviceWorkers.push(sw.url()));
  const onConsole = (where) => (msg) => {
    const text = `${where}: ${msg.text()}`;
    if (/Content.Security.Policy|Refused to|CSP violation/i.test(msg.text())) log.csp.push(text);
    if (msg.type() === 'error') log.consoleErrors.push(text);
  };
  // A CSP violation in the page (its listener is added before any page script runs).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('request', onRequest);
  page.on('console', onConsole('page'));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('worker', (w) => {
    log.workers.push(w.url());
    w.on('console', onConsole(`worker ${w.url()}`));
  });
  await beforeGoto?.(context);
  const response = await page.goto(url ?? `${origin}${path}`);
  return { context, page, log, response };
}

/**
 * The requests that are not the server's own static assets: another origin, another
 * scheme (blob: and data: included: the page has no reason to make any), or a path that
 * is not a file of www/ or pkg/.
 */
export function foreignRequests(log, origin) {
  const allowed = staticPaths();
  return [...new Set(log.requests)].filter((u) => {
    let url;
    try {
      url = new URL(u);
    } catch {
      return true;
    }
    return url.origin !== origin || !allowed.has(url.pathname);
  });
}

/**
 * Asserts that a page stayed clean: no request outside the server's static files, no service
 * worker but the site's own (`/sw.js`, offline mode), no CSP violation, no uncaught error, no
 * console error (but those matching `allowConsole`).
 */
export function assertClean(log, origin, { allowConsole = [] } = {}) {
  assert.deepEqual(foreignRequests(log, origin), [], 'requests outside the static files');
  assert.deepEqual(log.serviceWorkers.filter((u) => u !== `${origin}/sw.js`), [], 'no other service worker');
  assert.deepEqual(log.csp, [], 'CSP violations');
  assert.deepEqual(log.pageErrors, [], 'uncaught errors');
  const errors = log.consoleErrors.filter((e) => !allowConsole.some((re) => re.test(e)));
  assert.deepEqual(errors, [], 'console errors');
}

// ---- the widget ---------------------------------------------------------------------------

/** The number of audits the widget has finished. */
export async function runCount(page) {
  return Number((await page.locator('tamis-audit').getAttribute('data-run')) ?? 0);
}

/** Waits until the widget leaves `running` after the `after`-th run; returns its state. */
export async function waitForEnd(page, after, timeout = 30_000) {
  await page.waitForFunction(
    (n) => {
      const el = document.querySelector('tamis-audit');
      return el && (Number(el.dataset.run) > n || el.dataset.state === 'error');
    },
    after,
    { timeout },
  );
  return page.locator('tamis-audit').getAttribute('data-state');
}

/** Audits a file by the file input, and returns the report JSON the page kept. */
export async function auditFile(page, path, timeout) {
  const before = await runCount(page);
  await page.locator('#file').setInputFiles(path);
  const state = await waitForEnd(page, before, timeout);
  if (state !== 'done') {
    const alert = await page.locator('#alert').textContent();
    throw new Error(`audit of ${path} ended in state ${state}: ${alert}`);
  }
  return page.locator('#report-json').textContent();
}

/** The report `tamis audit --json [args] FILE` writes. */
export function cliReport(path, args = []) {
  const r = spawnSync(tamisBinary(), ['audit', '--json', ...args, path], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`tamis audit --json ${path}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** Every fixture file of tests/fixtures/ (not the generator nor the README). */
export function fixtureFiles() {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES)
    .filter((f) => !['make.py', 'README.md'].includes(f) && !f.startsWith('.'))
    .sort()
    .map((f) => join(FIXTURES, f));
}

/** The first line where two texts differ, for failure messages. */
export function firstDifference(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `line ${i + 1}: expected ${JSON.stringify(a[i] ?? '<end>')}, got ${JSON.stringify(b[i] ?? '<end>')}`;
}

/** Fixtures with a golden report: [{name, fixture, golden}]. */
export function goldenCases() {
  if (!existsSync(GOLDEN) || !existsSync(FIXTURES)) return [];
  const fixtures = readdirSync(FIXTURES);
  return readdirSync(GOLDEN)
    .filter((f) => f.endsWith('.report.json'))
    .sort()
    .map((g) => {
      const name = g.slice(0, -'.report.json'.length);
      const fixture = fixtures.find((f) => f === name || f.replace(/\.[^.]+$/, '') === name);
      return fixture ? { name, fixture: join(FIXTURES, fixture), golden: join(GOLDEN, g) } : null;
    })
    .filter(Boolean);
}

// ---- the browser's CPU time (Linux) ---------------------------------------------------------

/** The pids of this process's descendants that run Chromium (the browsers it launched). */
function chromiumPids() {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone
    }
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const walk = (pid) => {
    for (const c of children.get(pid) ?? []) {
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${c}/cmdline`, 'utf8');
      } catch {
        // gone
      }
      if (/chrom/i.test(cmd)) out.push(c);
      walk(c);
    }
  };
  walk(process.pid);
  return out;
}

/**
 * The CPU time (user + system, seconds) used so far by the Chromium processes this process
 * launched, or null where /proc is not there. Processes that exited meanwhile are not counted:
 * compare two readings over a short window only.
 */
export function browserCpuSeconds() {
  if (!existsSync('/proc/self/stat')) return null;
  let ticks = 0;
  for (const pid of chromiumPids()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100; // USER_HZ, 100 on Linux
}

let axeSource = null;

/**
 * The serious and critical accessibility violations axe-core finds in the page, one line
 * each (`id (impact): targets`). Injects axe-core on first use, through the DevTools protocol
 * (not an inline script); axe adds inline styles, which the CSP blocks and logs: check the
 * page's log before.
 */
export async function seriousAxeViolations(page) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
