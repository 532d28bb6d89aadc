// Offline mode (www/sw.js, registered by www/app.js): after a first visit, the page is
// reloaded with the network off (the browser context offline, and the server stopped) and
// audits a fixture, byte for byte the golden report.
//
//   cd tests/e2e && node --test offline.test.mjs

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';

import { CSP, FIXTURES, GOLDEN, PKG, ROOT, WWW, auditFile, foreignRequests, launchBrowser, openPage, startServer } from './helpers.mjs';

let server;
let serverClosed = false;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (!serverClosed) await server?.close();
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The asset list and version scripts/sw-manifest.sh computes (the same algorithm). */
function expectedManifest() {
  const files = [];
  const walk = (dir, keep) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, keep);
      else if (keep(p)) files.push(p);
    }
  };
  walk(WWW, (p) => relative(WWW, p) !== 'sw.js');
  if (existsSync(PKG)) walk(PKG, (p) => /\.(js|wasm)$/.test(p));
  const rel = (p) => (p.startsWith(PKG + sep) ? relative(ROOT, p) : relative(WWW, p)).split(sep).join('/');
  const assets = files.map((p) => [rel(p), p]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const lines = assets.map(([r, p]) => `${sha256(readFileSync(p))}  ${r}\n`).join('');
  return { version: sha256(lines).slice(0, 16), assets: assets.map(([r]) => r) };
}

/** The generated block of www/sw.js. */
function swManifest() {
  const text = readFileSync(join(WWW, 'sw.js'), 'utf8');
  const version = /^const VERSION = '([0-9a-f]*)';$/m.exec(text)?.[1];
  const list = /^const ASSETS = \[\n([\s\S]*?)^\];$/m.exec(text)?.[1] ?? '';
  const assets = [...list.matchAll(/^ {2}'([^']+)',$/gm)].map((m) => m[1]);
  return { version, assets };
}

/**
 * Waits until the service worker is active, then reloads the page so that it is controlled
 * (sw.js does not claim the page that installed it); says how far it got if it fails.
 */
async function waitForControl(page) {
  try {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', null, { timeout: 30_000 });
  } catch (e) {
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return reg ? { installing: reg.installing?.state, waiting: reg.waiting?.state, active: reg.active?.state } : 'no registration';
    });
    throw new Error(`the service worker did not take control (${JSON.stringify(state)}; an asset of www/sw.js missing?): ${e.message}`);
  }
}

test("www/sw.js's asset list and cache version match the files (else: scripts/sw-manifest.sh)", () => {
  assert.deepEqual(swManifest(), expectedManifest(), 'www/sw.js is stale: run scripts/sw-manifest.sh');
});

test('a new sw.js (another version) fills its own cache, and deletes the old one once the old pages are closed', async (t) => {
  if (server.kind !== 'tamis') return t.skip('needs tamis serve --root');
  // A copy of the site, whose sw.js this test can change.
  const root = mkdtempSync(join(tmpdir(), 'tamis-sw-'));
  cpSync(WWW, join(root, 'www'), { recursive: true });
  cpSync(PKG, join(root, 'pkg'), { recursive: true });
  const site = await startServer({ root });
  const { context, page } = await openPage(browser, site.origin);
  try {
    await waitForControl(page);
    const keys = (p) => p.evaluate(() => caches.keys());
    const { version } = swManifest();
    assert.deepEqual(await keys(page), [`tamis-${version}`]);
    // The site changes: its sw.js has another version.
    const next = 'feedfacefeedface';
    const swPath = join(root, 'www', 'sw.js');
    writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/^const VERSION = '[0-9a-f]*';$/m, `const VERSION = '${next}';`));
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update();
      const sw = reg.installing;
      if (sw) await new Promise((res) => sw.addEventListener('statechange', () => sw.state !== 'installing' && res()));
    });
    // Installed and waiting: the open page keeps the old version; both caches exist.
    assert.deepEqual((await keys(page)).sort(), [`tamis-${next}`, `tamis-${version}`].sort());
    // Once the old page is gone, the new version activates and deletes the old cache.
    await page.close();
    const again = await context.newPage();
    await again.goto(`${site.origin}/`);
    await again.waitForFunction((v) => navigator.serviceWorker.controller && caches.keys().then((k) => k.length === 1 && k[0] === `tamis-${v}`), next, {
      timeout: 30_000,
      polling: 250,
    });
  } finally {
    await context.close();
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('after the first visit, the page audits a file with the network off', async () => {
  const { context, page, log } = await openPage(browser, server.origin);
  try {
    // First visit: the service worker installs (every asset cached) and takes control.
    await page.locator('#wasm-sha256').waitFor({ timeout: 20_000 });
    await waitForControl(page);
    assert.deepEqual(log.serviceWorkers, [`${server.origin}/sw.js`]);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const out = {};
      for (const k of keys) out[k] = (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname);
      return out;
    });
    const { version, assets } = swManifest();
    assert.deepEqual(Object.keys(cached), [`tamis-${version}`], 'one cache, of this version');
    const paths = new Set(cached[`tamis-${version}`]);
    assert.deepEqual([...paths].sort(), assets.map((a) => `/${a}`).sort());
    // Everything the first load fetched is in the cache (but the service worker itself).
    const fetched = [...new Set(log.requests.map((u) => new URL(u)).filter((u) => u.origin === server.origin).map((u) => (u.pathname.endsWith('/') ? `${u.pathname}index.html` : u.pathname)))];
    assert.deepEqual(fetched.filter((p) => p !== '/sw.js' && !paths.has(p)), [], 'first-load files missing from the cache');

    // The network off: the context offline, and the server gone.
    await server.close();
    serverClosed = true;
    await context.setOffline(true);
    log.requests.length = 0;
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
    assert.equal(response.headers()['content-security-policy'], CSP, 'the cached page keeps its CSP');
    const wasm = await page.locator('#wasm-sha256').textContent({ timeout: 20_000 });
    assert.equal(wasm, sha256(readFileSync(join(PKG, 'tamis_bg.wasm'))));

    await page.locator('tamis-audit').evaluate((el) => {
      el.options = {}; // the golden reports' options
    });
    const got = await auditFile(page, join(FIXTURES, 'utf8_semicolon_crlf.csv'));
    assert.equal(got, readFileSync(join(GOLDEN, 'utf8_semicolon_crlf.report.json'), 'utf8'));

    // The demo file too (the worker fetches it: from the cache).
    await page.locator('tamis-audit').evaluate((el) => {
      el.options = null;
    });
    const before = Number((await page.locator('tamis-audit').getAttribute('data-run')) ?? 0);
    await page.locator('#demo').click();
    await page.waitForFunction((n) => Number(document.querySelector('tamis-audit').dataset.run) > n, before, { timeout: 30_000 });
    assert.equal(await page.locator('tamis-audit').getAttribute('data-state'), 'done');

    assert.deepEqual(foreignRequests(log, server.origin), [], 'requests outside the static files');
    assert.deepEqual(log.csp, [], 'CSP violations');
    assert.deepEqual(log.pageErrors, [], 'uncaught errors');
    assert.deepEqual(log.consoleErrors, [], 'console errors');
  } finally {
    await context.close();
  }
});
