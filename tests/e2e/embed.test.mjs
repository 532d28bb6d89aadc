// Embedding (EMBEDDING.md): the demo host page (www/embed-demo.html) with the <tamis-audit>
// element (attributes lang, channel, hide; events tamis-progress, tamis-report) and the iframe
// mode (www/frame.html, its postMessage protocol and origin checks); a host page on another
// origin, under exactly the CSP EMBEDDING.md documents, loading the element from the site;
// and pkg/ as an npm-style package (package.json, README example).
//
// Two origins reach the same server: http://127.0.0.1:PORT (the site) and
// http://localhost:PORT (another origin). Where a test needs the site to let that origin frame
// it, or a host page to allow the site, it rewrites those response headers with a Playwright
// route, as the operator or the host would configure them. A page fulfilled by a route has
// no address, so Chromium takes it for a public one and asks permission before it reaches the
// loopback address of the site (Local Network Access): the tests grant it, as
// would a host page and a tamis site on the same network need none.
//
//   cd tests/e2e && node --test embed.test.mjs

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { CSP, FIXTURES, PKG, WWW, foreignRequests, launchBrowser, openPage, seriousAxeViolations, startServer } from './helpers.mjs';

const FIXTURE = join(FIXTURES, 'utf8_semicolon_crlf.csv');

let server;
let browser;
let other; // the same server, another origin

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  other = server.origin.replace('127.0.0.1', 'localhost');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** No CSP violation, no console error, no uncaught error. */
function clean(log) {
  assert.deepEqual(log.csp, [], 'CSP violations');
  assert.deepEqual(log.pageErrors, [], 'uncaught errors');
  assert.deepEqual(log.consoleErrors, [], 'console errors');
}

/** The fixture's data cells that could be recognised in a text (4 characters or more). */
function cellValues(path) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter(Boolean);
  return [...new Set(lines.slice(1).flatMap((l) => l.split(';')).filter((c) => c.length >= 4))];
}

function assertNoCellValue(text, what) {
  const found = cellValues(FIXTURE).filter((c) => text.includes(c));
  assert.deepEqual(found, [], `${what} holds cell values of the file`);
}

const sha256File = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The <tamis-audit> of the page's main frame (not the iframe's). */
const widget = (page) => page.locator('#widget');

async function waitRuns(page, sel, n, timeout = 30_000) {
  await page.waitForFunction(
    ([s, k]) => Number(document.querySelector(s)?.dataset.run ?? 0) >= k || document.querySelector(s)?.dataset.state === 'error',
    [sel, n],
    { timeout },
  );
  assert.equal(await page.locator(sel).getAttribute('data-state'), 'done');
}

test('the demo host page: the element in English, its preset channel, hidden parts, and its events without cell values', async () => {
  const { context, page, log, response } = await openPage(browser, server.origin, { path: '/embed-demo.html' });
  try {
    assert.equal(response.headers()['content-security-policy'], CSP, 'under the strict CSP');
    const w = widget(page);
    // lang="en": the widget speaks English, whatever the browser's language (fr-FR here).
    assert.equal(await w.locator('#drop-title').textContent(), 'Drop a CSV file here');
    assert.equal(await w.locator('#campaign-h').textContent(), 'Your campaign');
    // channel="sms": the campaign form's channel.
    assert.equal(await w.locator('#c-channel').inputValue(), 'sms');
    // hide="owner refs": the tabs and the reference lists are not rendered; the rest is.
    assert.equal(await w.locator('.tabs').isVisible(), false);
    assert.equal(await w.locator('#c-refs').isVisible(), false);
    assert.equal(await w.locator('#campaign').isVisible(), true);
    assert.equal(await w.locator('#demo').isVisible(), true);

    // Audit a file: the host receives tamis-progress then tamis-report.
    await w.locator('#file').setInputFiles(FIXTURE);
    await waitRuns(page, '#widget', 1);
    const progress = page.locator('#log li[data-source="element"][data-type="tamis-progress"]');
    assert.ok(Number(await progress.getAttribute('data-count')) >= 1, 'tamis-progress received');
    assert.match(await page.locator('#log li[data-source="element"][data-type="tamis-report"]').textContent(), /utf8_semicolon_crlf\.csv: 6 rows/);
    const received = await page.locator('#element-report').textContent();
    const report = JSON.parse(received);
    assert.deepEqual(report, JSON.parse(await w.locator('#report-json').textContent()), 'the report object');
    assert.equal(report.input.sha256, sha256File(FIXTURE));
    assert.equal(report.campaign.channel, 'sms', 'audited for the preset channel');
    assertNoCellValue(received, 'the tamis-report event');
    assertNoCellValue(await progress.textContent(), 'the tamis-progress event');

    // The same, straight from the events (their whole detail).
    const details = await page.evaluate(async () => {
      const el = document.getElementById('widget');
      const got = [];
      const done = new Promise((res) => el.addEventListener('tamis-report', res, { once: true }));
      for (const type of ['tamis-progress', 'tamis-report']) el.addEventListener(type, (e) => got.push([type, JSON.stringify(e.detail)]));
      // The channel attribute changes: the file is audited again, for that channel.
      el.setAttribute('channel', 'postal');
      await done;
      return got;
    });
    assert.deepEqual([...new Set(details.map(([t]) => t))], ['tamis-progress', 'tamis-report']);
    for (const [type, detail] of details) assertNoCellValue(detail, type);
    const last = JSON.parse(details.at(-1)[1]);
    assert.equal(last.report.campaign.channel, 'postal');
    assert.equal(await w.locator('#c-channel').inputValue(), 'postal');
    assert.equal(typeof last.run, 'number');

    // The attributes are live: lang (the report stays), hide.
    await page.locator('#a-lang').selectOption('fr');
    await page.waitForFunction(() => document.getElementById('widget').shadowRoot.getElementById('drop-title')?.textContent === 'Déposez un fichier CSV ici');
    assert.equal(await w.locator('#report').isVisible(), true, 'the report is shown again in French');
    await page.locator('#attrs input[value="demo"]').check();
    await page.locator('#attrs input[value="owner"]').uncheck();
    assert.equal(await page.locator('#widget').getAttribute('hide'), 'refs demo');
    assert.equal(await w.locator('#demo').isVisible(), false);
    assert.equal(await w.locator('.tabs').isVisible(), true);
    // hide="exports certificate": the exports and certificate cards (shown after the
    // audit) go, and come back.
    for (const part of ['exports', 'certificate']) {
      assert.equal(await w.locator(`#${part}`).isVisible(), true, part);
      await page.locator(`#attrs input[value="${part}"]`).check();
      assert.equal(await page.locator('#widget').getAttribute('hide'), `refs demo ${part}`);
      assert.equal(await w.locator(`#${part}`).isVisible(), false, part);
      await page.locator(`#attrs input[value="${part}"]`).uncheck();
      assert.equal(await w.locator(`#${part}`).isVisible(), true, part);
    }

    assert.deepEqual(foreignRequests(log, server.origin), [], 'requests outside the static files');
    assert.deepEqual(log.serviceWorkers, [], 'the host page registers no service worker');
    clean(log);
  } finally {
    await context.close();
  }
});

/** Posts messages to the page's iframe from the page, and collects the frame's replies until `until` matches one. */
function roundTrip(page, messages, until, targetOrigin) {
  return page.evaluate(
    ([msgs, stop, target]) =>
      new Promise((res) => {
        const frame = document.getElementById('frame');
        const got = [];
        const timer = setTimeout(() => res({ got, timedOut: true }), 8000);
        window.addEventListener('message', (e) => {
          if (e.source !== frame.contentWindow) return;
          got.push({ origin: e.origin, data: e.data });
          if (stop && e.data?.type === stop.type && e.data?.id === stop.id) {
            clearTimeout(timer);
            res({ got, timedOut: false });
          }
        });
        for (const m of msgs) {
          const data = { ...m };
          if (data.file) data.file = new File([data.file], data.name ?? 'test.csv', { type: 'text/csv' });
          frame.contentWindow.postMessage(data, target);
        }
      }),
    [messages, until, targetOrigin],
  );
}

test('the iframe: a postMessage round trip (ready, audit, progress, report, errors)', async () => {
  const { context, page, log } = await openPage(browser, server.origin, { path: '/embed-demo.html' });
  try {
    await page.locator('#frame-status[data-ready="true"]').waitFor({ timeout: 20_000 });
    // The demo page's own file input: a File goes to the frame, the report comes back.
    await page.locator('#frame-file').setInputFiles(FIXTURE);
    const reportLine = page.locator('#log li[data-source="frame"][data-type="report"]');
    await reportLine.waitFor({ timeout: 30_000 });
    assert.match(await reportLine.textContent(), /request file-1 · utf8_semicolon_crlf\.csv: 6 rows/);
    assert.ok(Number(await page.locator('#log li[data-source="frame"][data-type="progress"]').getAttribute('data-count')) >= 1);
    const received = await page.locator('#frame-report').textContent();
    assert.equal(JSON.parse(received).input.sha256, sha256File(FIXTURE));
    assertNoCellValue(received, "the frame's report");
    // The frame's widget got its attributes from the query (?lang=en&hide=owner).
    const frame = page.frameLocator('#frame');
    assert.equal(await frame.locator('#drop-title').textContent(), 'Drop a CSV file here');
    assert.equal(await frame.locator('.tabs').isVisible(), false);

    // The protocol, message by message.
    const text = readFileSync(FIXTURE, 'utf8');
    const { got, timedOut } = await roundTrip(
      page,
      [
        { tamis: 1, type: 'hello' },
        { tamis: 2, type: 'audit', id: 'v2' },
        { tamis: 1, type: 'audit', id: 'no-file' },
        { tamis: 1, type: 'set-options', channel: 'phone', options: null },
        { tamis: 1, type: 'audit', id: 42, file: text, name: 'sent.csv' },
      ],
      { type: 'report', id: 42 },
      server.origin,
    );
    assert.equal(timedOut, false, `no report: ${JSON.stringify(got.map((g) => g.data.type))}`);
    assert.ok(got.every((g) => g.origin === server.origin && g.data.tamis === 1));
    const types = got.map((g) => `${g.data.type}:${g.data.id ?? ''}`);
    assert.equal(types[0], 'ready:');
    assert.deepEqual(got.filter((g) => g.data.type === 'error').map((g) => [g.data.id, g.data.name]), [
      ['v2', 'TamisProtocolError'],
      ['no-file', 'TamisProtocolError'],
    ]);
    assert.ok(types.includes('progress:42'), 'progress for request 42');
    const report = got.at(-1).data;
    assert.equal(report.name, 'sent.csv');
    assert.equal(report.report.campaign.channel, 'phone', "set-options' channel");
    assert.equal(typeof report.reportJson, 'string');
    for (const g of got) assertNoCellValue(JSON.stringify(g.data), `the frame's ${g.data.type} message`);

    assert.deepEqual(foreignRequests(log, server.origin), [], 'requests outside the static files');
    clean(log);
  } finally {
    await context.close();
  }
});

/**
 * The demo host page served at `other` (localhost) with the frame of the site (127.0.0.1):
 * the routes add what the host's CSP and the site's frame-ancestors must allow for that, and
 * `allow` lists `other` in frame.html's data-allowed-origins (the operator's choice).
 */
async function crossOriginDemo(allow) {
  return openPage(browser, server.origin, {
    url: `${other}/embed-demo.html?frame=${encodeURIComponent(`${server.origin}/frame.html?lang=en`)}`,
    beforeGoto: async (context) => {
      await context.grantPermissions(['local-network-access']); // see the top of this file
      await context.route(`${other}/embed-demo.html*`, async (route) => {
        // Fetched from 127.0.0.1 (the same server): node's resolution of localhost is not at stake.
        const response = await route.fetch({ url: route.request().url().replace(other, server.origin) });
        const csp = `${CSP}; frame-src 'self' ${server.origin}`;
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
      });
      await context.route(`${server.origin}/frame.html*`, async (route) => {
        const response = await route.fetch();
        const csp = CSP.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${other}`);
        let body = await response.text();
        if (allow) body = body.replace(`data-allowed-origins="'self'"`, `data-allowed-origins="'self' ${other}"`);
        await route.fulfill({ response, body, headers: { ...response.headers(), 'content-security-policy': csp } });
      });
    },
  });
}

test('the iframe ignores a parent on an origin it does not allow, and sends it nothing', async () => {
  const { context, page, log } = await crossOriginDemo(false);
  try {
    const frame = page.frame({ url: /\/frame\.html/ }) ?? (await page.waitForEvent('frameattached'));
    await page.frameLocator('#frame').locator('#drop-title').waitFor({ timeout: 20_000 });
    assert.equal(new URL(frame.url()).origin, server.origin);
    const { got, timedOut } = await roundTrip(
      page,
      [
        { tamis: 1, type: 'hello' },
        { tamis: 1, type: 'audit', id: 'evil', file: readFileSync(FIXTURE, 'utf8') },
      ],
      null,
      '*',
    );
    assert.equal(timedOut, true);
    assert.deepEqual(got, [], 'the frame sent nothing to that origin');
    const state = await page.frameLocator('#frame').locator('tamis-audit').evaluate((el) => [el.dataset.state, el.dataset.run]);
    assert.deepEqual(state, ['idle', '0'], 'no audit was started');
    assert.equal(await page.locator('#frame-status').getAttribute('data-ready'), null, 'no ready');
    clean(log);
  } finally {
    await context.close();
  }
});

test('the iframe on another origin, once the operator allows the parent: the round trip works', async () => {
  const { context, page, log } = await crossOriginDemo(true);
  try {
    await page.locator('#frame-status[data-ready="true"]').waitFor({ timeout: 20_000 });
    const { got, timedOut } = await roundTrip(
      page,
      [{ tamis: 1, type: 'audit', id: 'x', file: readFileSync(FIXTURE, 'utf8'), name: 'x.csv' }],
      { type: 'report', id: 'x' },
      server.origin,
    );
    assert.equal(timedOut, false);
    assert.ok(got.every((g) => g.origin === server.origin));
    assert.equal(got.at(-1).data.report.input.sha256, sha256File(FIXTURE));
    // A message sent to the wrong target origin is not even delivered by the browser.
    const wrong = await roundTrip(page, [{ tamis: 1, type: 'hello' }], null, other);
    assert.deepEqual(wrong.got, []);
    clean(log);
  } finally {
    await context.close();
  }
});

/** The directives EMBEDDING.md tells a host page on another origin to allow (the site: `site`). */
function hostCsp(site) {
  return [
    "default-src 'none'",
    `script-src ${site} 'wasm-unsafe-eval'`,
    `worker-src ${site} blob:`,
    `connect-src ${site}`,
    `style-src ${site}`,
    `frame-src ${site}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

test('a host page on another origin, under the CSP EMBEDDING.md documents, loads the element from the site and audits', async () => {
  const site = server.origin;
  const host = `${other}/intranet.html`;
  const { context, page, log } = await openPage(browser, site, {
    url: host,
    beforeGoto: async (ctx) => {
      await ctx.grantPermissions(['local-network-access']); // see the top of this file
      await ctx.route(host, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { 'content-security-policy': hostCsp(site) },
          body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>intranet</title>
<script type="module" src="${site}/tamis-audit.js"></script>
<h1>Intranet</h1>
<tamis-audit lang="en" channel="sms" hide="owner"></tamis-audit>`,
        }),
      );
    },
  });
  try {
    const el = page.locator('tamis-audit');
    await el.locator('#wasm-sha256').waitFor({ timeout: 20_000 });
    assert.equal(await el.locator('#wasm-sha256').textContent(), sha256File(join(PKG, 'tamis_bg.wasm')));
    const done = page.evaluate(
      () =>
        new Promise((res) => {
          const got = [];
          const el = document.querySelector('tamis-audit');
          el.addEventListener('tamis-progress', () => got.push('progress'));
          el.addEventListener('tamis-report', (e) => res({ got, report: e.detail.report }));
          el.addEventListener('tamis-error', (e) => res({ got, error: e.detail }));
        }),
    );
    await el.locator('#file').setInputFiles(FIXTURE);
    const result = await done;
    assert.equal(result.error, undefined, JSON.stringify(result.error));
    assert.ok(result.got.includes('progress'));
    assert.equal(result.report.input.sha256, sha256File(FIXTURE));
    assert.equal(result.report.campaign.channel, 'sms');
    assert.equal(await el.locator('#drop-title').textContent(), 'Drop a CSV file here');
    // Every request: the host page, the site's static files, and the worker's blob: module.
    const odd = [...new Set(log.requests)].filter((u) => u !== host && !u.startsWith('blob:') && foreignRequests({ requests: [u] }, site).length > 0);
    assert.deepEqual(odd, [], 'requests outside the host page and the static files');
    clean(log);
  } finally {
    await context.close();
  }
});

test('EMBEDDING.md lists the same host directives as this test', () => {
  const doc = readFileSync(join(WWW, '..', 'EMBEDDING.md'), 'utf8');
  for (const directive of hostCsp('https://tamis.example').split('; ')) {
    assert.ok(doc.includes(directive), `EMBEDDING.md lacks ${directive}`);
  }
});

test('pkg/ is an npm-style package: its package.json points at files that exist, and its README example runs', async () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  const cargo = readFileSync(join(PKG, '..', 'Cargo.toml'), 'utf8');
  assert.equal(pkg.version, /^version = "([^"]+)"/m.exec(cargo)[1], "Cargo.toml's version");
  assert.equal(pkg.type, 'module');
  const paths = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.exports['.']), ...Object.values(pkg.exports).filter((v) => typeof v === 'string')];
  for (const p of [...paths, ...pkg.files]) assert.ok(existsSync(join(PKG, p)), `pkg/${p} exists`);
  const sums = readFileSync(join(PKG, 'SHA256SUMS'), 'utf8');
  for (const f of ['package.json', 'README.md']) assert.match(sums, new RegExp(`  ${f.replace('.', '\\.')}\\n`), `${f} is a generated file`);
  // The README's example, in node (init from the bytes: node's fetch reads no file: URL).
  const readme = readFileSync(join(PKG, 'README.md'), 'utf8');
  assert.match(readme, /new Auditor\(/);
  const { default: init, Auditor, version } = await import(join(PKG, pkg.main));
  await init({ module_or_path: readFileSync(join(PKG, 'tamis_bg.wasm')) });
  const auditor = new Auditor({ audit_date: '2026-11-29' });
  const reader = new Blob([readFileSync(FIXTURE)]).stream().getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) auditor.feed(r.value);
  const { report, reportJson } = auditor.finish();
  assert.equal(report.input.sha256, sha256File(FIXTURE));
  assert.equal(JSON.parse(reportJson).input.rows, 6);
  assert.equal(typeof version(), 'string');
});

test('the demo host page has no serious accessibility violation (axe-core)', async () => {
  const { context, page, log } = await openPage(browser, server.origin, { path: '/embed-demo.html' });
  try {
    await page.locator('#frame-status[data-ready="true"]').waitFor({ timeout: 20_000 });
    await widget(page).locator('#file').setInputFiles(FIXTURE);
    await waitRuns(page, '#widget', 1);
    clean(log); // before axe, which adds inline styles (blocked, and logged, by the CSP)
    assert.deepEqual(await seriousAxeViolations(page), []);
  } finally {
    await context.close();
  }
});
