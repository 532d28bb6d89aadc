// End-to-end tests of the reference lists, "Download hashes" and the "I own this file" (seeds)
// tab, served by `tamis serve` and driven in headless Chromium: each result is compared with
// the CLI's for the same files, and every test checks that nothing left the browser (no
// request outside the server's static files, see `clean()`).
//
//   cd tests/e2e && node --test owner.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import {
  assertClean,
  ROOT,
  WWW,
  auditFile,
  browserCpuSeconds,
  cliReport,
  firstDifference,
  launchBrowser,
  openPage,
  runCount,
  seriousAxeViolations,
  startServer,
  tamisBinary,
  waitForEnd,
} from './helpers.mjs';

const DEMO = join(WWW, 'demo', 'prospects-demo.csv');
const DATE = '2026-06-15';

let server;
let browser;
let tmp;
let salt;
let secret;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'tamis-e2e-owner-'));
  salt = join(tmp, 'salt.txt');
  writeFileSync(salt, 'a salt shared with the partner, 0123456789\n');
  secret = join(tmp, 'secret.key');
  writeFileSync(secret, 'the owner secret: do not share 0123456789\n');
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** No foreign request, no other service worker, no CSP violation, no uncaught or console error. */
const clean = (log) => assertClean(log, server.origin);

/** Runs the CLI; returns its standard output (bytes). */
function tamis(args) {
  const r = spawnSync(tamisBinary(), args, { cwd: ROOT, maxBuffer: 256 << 20 });
  assert.equal(r.status, 0, `tamis ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** Clicks `selector` and returns the downloaded file's name and bytes. */
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** Waits until a tool's result box (hash, make, add) is done; fails with its text on error. */
async function toolDone(page, selector, timeout = 30_000) {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector('tamis-audit').shadowRoot.querySelector(sel);
      return el && (el.dataset.state === 'done' || el.dataset.state === 'error');
    },
    selector,
    { timeout },
  );
  const state = await page.locator(selector).getAttribute('data-state');
  assert.equal(state, 'done', await page.locator(selector).textContent());
}

/** The first `rows` data rows of the demo file, with its header (its own bytes). */
function demoHead(rows) {
  const bytes = readFileSync(DEMO);
  let at = 0;
  for (let i = 0; i <= rows; i++) at = bytes.indexOf('\n', at) + 1;
  return bytes.subarray(0, at);
}

test('own customer file and partner hashes: the overlap is the CLI\u2019s, nothing is sent', async () => {
  const own = join(tmp, 'customers.csv');
  writeFileSync(own, demoHead(80));
  // The partner's hash file, made from another slice of the demo file.
  const partnerSrc = join(tmp, 'partner-src.csv');
  writeFileSync(partnerSrc, demoHead(150));
  const partner = join(tmp, 'partner.hashes.txt');
  tamis(['hash', partnerSrc, '--salt-file', salt, '-o', partner]);

  const { context, page, log } = await openPage(browser, server.origin);
  try {
    await page.locator('tamis-audit').evaluate((el, audit_date) => {
      el.options = { audit_date };
    }, DATE);
    await page.locator('#c-own').setInputFiles(own);
    await page.locator('#c-partner').setInputFiles(partner);
    // Half a pair is named, and left out.
    assert.match(await page.locator('#c-refs-warning').textContent(), /sel partagé/);
    await page.locator('#c-salt').setInputFiles(salt);
    assert.equal(await page.locator('#c-refs-warning').textContent(), '');

    const got = await auditFile(page, DEMO);
    const want = cliReport(DEMO, ['--audit-date', DATE, '--own', own, '--partner-hashes', partner, '--salt-file', salt]);
    assert.equal(got, want, firstDifference(want, got));
    const o = JSON.parse(want).overlap;
    assert.equal(o.own_rows, 80);
    assert.ok(o.own >= 80, `every customer row is in the audited file (${o.own})`);
    assert.ok(o.partner > o.own, `the partner shares more (${o.partner})`);
    assert.equal(await page.locator('#overlap-own').getAttribute('data-value'), String(o.own));
    assert.equal(await page.locator('#overlap-partner').getAttribute('data-value'), String(o.partner));

    // Duplicates, seeds and traps are shown apart, with the report's counts.
    const r = JSON.parse(want);
    assert.equal(await page.locator('#dup-rows').getAttribute('data-value'), String(r.duplicates.duplicate_rows));
    assert.equal(await page.locator('#dup-examples li').count(), r.duplicates.examples.length);
    assert.match(await page.locator('#dup-examples li').first().textContent(), /ligne/);
    assert.equal(await page.locator('#seeds-suspects').getAttribute('data-value'), String(r.seeds_and_traps.seed_suspects));
    assert.equal(await page.locator('#traps-risk').getAttribute('data-value'), String(r.seeds_and_traps.trap_risk));
    assert.match(await page.locator('#seeds').textContent(), /Ne les retirez pas/);
    assert.match(await page.locator('#traps-h').textContent(), /pièges à spam/);

    // Removing the customer file audits again without it.
    const runs = await runCount(page);
    await page.locator('#c-own-clear').click();
    assert.equal(await waitForEnd(page, runs), 'done');
    assert.equal(JSON.parse(await page.locator('#report-json').textContent()).overlap.own_rows, null);
    clean(log);
  } finally {
    await context.close();
  }
});

test('Download hashes: the file is `tamis hash`\u2019s, salted or for a platform, with no clear text', async () => {
  const { context, page, log } = await openPage(browser, server.origin);
  try {
    await page.locator('#demo').click();
    assert.equal(await waitForEnd(page, 0), 'done');
    // A salt is needed first.
    await page.locator('#h-download').click();
    assert.match(await page.locator('#h-result').textContent(), /sel/);

    await page.locator('#h-salt').setInputFiles(salt);
    const t0 = Date.now();
    const salted = await download(page, '#h-download');
    await toolDone(page, '#h-result');
    const ms = Date.now() - t0;
    const want = tamis(['hash', DEMO, '--salt-file', salt]);
    assert.equal(salted.name, 'prospects-demo.hashes.txt');
    assert.ok(salted.bytes.equals(want), 'the same bytes as `tamis hash --salt-file`');
    const text = salted.bytes.toString('utf8');
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0], /^# tamis-keys-1/);
    assert.ok(lines.length > 300, `${lines.length} lines`);
    assert.ok(lines.slice(1).every((l) => /^[0-9a-f]{64}$/.test(l)), 'one SHA-256 hex per line');
    const demo = readFileSync(DEMO, 'latin1');
    const emails = demo.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g);
    assert.ok(!text.includes('@') && !emails.some((e) => text.includes(e)), 'no clear-text email');

    await page.locator('#h-mode').selectOption('google');
    await page.locator('#h-kind').selectOption('email');
    const google = await download(page, '#h-download');
    assert.ok(google.bytes.equals(tamis(['hash', DEMO, '--platform', 'google', '--kind', 'email'])), 'the same bytes as `tamis hash --platform google`');
    console.log(`# hashes of the demo file: ${ms} ms`);
    clean(log);
  } finally {
    await context.close();
  }
});

test('seeds tab: make, download, register, then a surfaced copy names its recipient; the same files as the CLI', async () => {
  const cliRegistry = join(tmp, 'registry-cli.txt');
  const cliSeeds = join(tmp, 'seeds-cli.csv');
  tamis([
    'seeds', 'make', '--secret-file', secret, '--recipient', 'ACME Location', '--count', '6', '--domain', 'seeds.example-owner.fr',
    '--phones', '--registry', cliRegistry, '--date', '2026-11-20', '-o', cliSeeds,
  ]);
  const known = join(tmp, 'known.txt');
  writeFileSync(known, '# seeds I already have\nmoi+beta@example-owner.fr\nnot an email\n');
  tamis(['seeds', 'add', '--secret-file', secret, '--recipient', 'Beta', '--registry', cliRegistry, '--date', '2026-11-21', '--emails', known]);

  const { context, page, log } = await openPage(browser, server.origin);
  try {
    await page.locator('#wasm-sha256').waitFor({ timeout: 15_000 });
    // The tabs work from the keyboard.
    await page.locator('#tab-buyer').focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#tab-owner').getAttribute('aria-selected'), 'true');
    assert.ok(await page.locator('#panel-owner').isVisible());
    assert.ok(await page.locator('#panel-buyer').isHidden());

    // Make: without the secret first, then with it.
    await page.locator('#s-recipient').fill('ACME Location');
    await page.locator('#s-count').fill('6');
    await page.locator('#s-domain').fill('seeds.example-owner.fr');
    await page.locator('#s-date').fill('2026-11-20');
    await page.locator('#s-phones').check();
    await page.locator('#s-make-go').click();
    assert.match(await page.locator('#s-alert').textContent(), /secret/);
    await page.locator('#s-secret').setInputFiles(secret);
    await page.locator('#s-make-go').click();
    await toolDone(page, '#s-make-result');
    assert.equal(await page.locator('#s-made').getAttribute('data-seeds'), '6');
    const seeds = await download(page, '#s-download-seeds');
    assert.equal(seeds.name, 'seeds-ACME-Location.csv');
    assert.ok(seeds.bytes.equals(readFileSync(cliSeeds)), 'the seed file is the CLI\u2019s');
    const seedsPath = join(tmp, seeds.name);
    writeFileSync(seedsPath, seeds.bytes);

    // Register known seeds (one bad line is named), then download the registry.
    await page.locator('#s-add-recipient').fill('Beta');
    await page.locator('#s-add-date').fill('2026-11-21');
    await page.locator('#s-emails').setInputFiles(known);
    // A language switch rebuilds the widget: the picked list, the fields and the tab stay.
    const headings = [];
    for (const lang of ['en', 'fr']) {
      // attributeChangedCallback: the widget is rebuilt before setAttribute returns.
      await page.locator('tamis-audit').evaluate((el, l) => el.setAttribute('lang', l), lang);
      headings.push(await page.locator('#s-add-h').textContent());
      assert.match(await page.locator('#s-emails-name').textContent(), /known\.txt/, lang);
      assert.equal(await page.locator('#s-add-recipient').inputValue(), 'Beta', lang);
      assert.ok(await page.locator('#panel-owner').isVisible(), lang);
    }
    assert.notEqual(headings[0], headings[1], 'rebuilt in each language');
    await page.locator('#s-add-go').click();
    await toolDone(page, '#s-add-result');
    assert.equal(await page.locator('#s-added').getAttribute('data-emails'), '1');
    assert.match(await page.locator('#s-add-result').textContent(), /known\.txt: 1 skipped, not a valid email address: line 3/);
    assert.equal(await page.locator('#s-registry-state').getAttribute('data-changed'), 'true');
    const registry = await download(page, '#s-download-registry');
    assert.equal(registry.name, 'tamis-seeds-registry.txt');
    assert.equal(registry.bytes.toString('utf8'), readFileSync(cliRegistry, 'utf8'), 'the registry is the CLI\u2019s');
    const regText = registry.bytes.toString('utf8');
    assert.ok(!regText.includes('@') && !regText.includes('seeds.example'), 'no clear text in the registry');

    // A new session: the user picks the registry kept on disk, and checks a surfaced copy.
    const regPath = join(tmp, 'registry-page.txt');
    writeFileSync(regPath, registry.bytes);
    await page.locator('#s-registry').setInputFiles(regPath);
    assert.equal(await page.locator('#s-registry-state').getAttribute('data-changed'), 'false');
    const before = await runCount(page);
    await page.locator('#s-check-file').setInputFiles(seedsPath);
    assert.equal(await waitForEnd(page, before), 'done');
    const li = page.locator('#s-recipients li');
    assert.equal(await li.count(), 1);
    assert.equal(await li.getAttribute('data-recipient'), 'ACME Location');
    assert.equal(await li.getAttribute('data-count'), '6');
    assert.match(await page.locator('#s-check-result').textContent(), /ACME Location/);
    // The same as `tamis audit --seeds --secret-file`.
    const got = JSON.parse(await page.locator('#report-json').textContent()).seeds_and_traps;
    const want = JSON.parse(cliReport(seedsPath, ['--seeds', regPath, '--secret-file', secret])).seeds_and_traps;
    assert.deepEqual(got, want);
    assert.equal(await page.locator('#recipients li[data-recipient="ACME Location"]').getAttribute('data-count'), '6');

    // A registry with another secret is refused, naming the file.
    await page.locator('#s-secret').setInputFiles({ name: 'other.key', mimeType: 'text/plain', buffer: Buffer.from('another secret, long enough\n') });
    const b2 = await runCount(page);
    await page.locator('#s-check-file').setInputFiles(seedsPath);
    assert.equal(await waitForEnd(page, b2), 'error');
    assert.match(await page.locator('#alert').textContent(), /registry-page\.txt: seed registry, line 2: the registry was made with another secret/);
    clean(log);
  } finally {
    await context.close();
  }
});

test('no serious accessibility violation with the lists, the hashes form and the seeds tab (axe-core)', async () => {
  const { context, page, log } = await openPage(browser, server.origin, { locale: 'en-GB' });
  try {
    await page.locator('#c-own').setInputFiles(DEMO);
    await page.locator('#demo').click();
    assert.equal(await waitForEnd(page, 0), 'done');
    assert.match(await page.locator('#seeds-h').textContent(), /Possible owner seeds/);
    assert.match(await page.locator('#traps-h').textContent(), /Spam-trap and deliverability risk/);
    await page.locator('#tab-owner').click();
    await page.locator('#s-secret').setInputFiles(secret);
    await page.locator('#s-recipient').fill('ACME');
    await page.locator('#s-domain').fill('seeds.example-owner.fr');
    await page.locator('#s-make-go').click();
    await toolDone(page, '#s-make-result');
    clean(log); // before axe, which itself adds inline styles (blocked, and logged, by the CSP)
    assert.deepEqual(await seriousAxeViolations(page), [], 'the seeds tab');
    await page.locator('#tab-buyer').click();
    assert.deepEqual(await seriousAxeViolations(page), [], 'the buyer tab with the report');
  } finally {
    await context.close();
  }
});

test('cancel stops the worker promptly (it yields between slices)', { timeout: 3 * 60_000 }, async (t) => {
  const chunkPath = join(tmp, 'chunk.csv');
  tamis(['demo-file', '--rows', '5000', '--seed', '7', '--output', chunkPath]);
  const { context, page, log } = await openPage(browser, server.origin);
  try {
    await page.locator('#wasm-sha256').waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'chunk';
      input.hidden = true;
      document.body.append(input);
    });
    await page.locator('#chunk').setInputFiles(chunkPath);
    // About 96 MiB: the chunk repeated (Blob parts, no copy; its header becomes a row).
    await page.evaluate(() => {
      const file = document.getElementById('chunk').files[0];
      const parts = [];
      while (parts.length * file.size < 96 * 2 ** 20) parts.push(file);
      window.__big = new Blob(parts, { type: 'text/csv' });
    });
    await page.locator('tamis-audit').evaluate((el) => el.auditFile(window.__big));
    await page.waitForFunction(() => Number(document.querySelector('tamis-audit').shadowRoot.querySelector('#progress-text')?.dataset.rows ?? 0) > 0);
    await new Promise((r) => setTimeout(r, 700));
    const cpu0 = browserCpuSeconds();
    await new Promise((r) => setTimeout(r, 800));
    const busy = cpu0 === null ? null : (browserCpuSeconds() - cpu0) / 0.8;
    assert.equal(await page.locator('tamis-audit').getAttribute('data-state'), 'running');
    const clicked = Date.now();
    await page.locator('#cancel').click();
    assert.equal(await page.locator('tamis-audit').getAttribute('data-state'), 'cancelled');
    if (busy === null) {
      t.diagnostic('no /proc: the CPU check is skipped');
    } else {
      // Idle again: a 250 ms window with less than half the CPU the audit used.
      let stoppedAfter = null;
      let prev = browserCpuSeconds();
      let since = Date.now();
      while (Date.now() - clicked < 3000) {
        await new Promise((r) => setTimeout(r, 250));
        const cpu = browserCpuSeconds();
        const now = Date.now();
        if ((cpu - prev) / ((now - since) / 1000) < busy / 2) {
          stoppedAfter = since - clicked;
          break;
        }
        prev = cpu;
        since = now;
      }
      t.diagnostic(`browser CPU ${busy.toFixed(2)} s/s while auditing; idle ${stoppedAfter} ms after the click`);
      assert.ok(busy >= 0.3, `the audit kept the browser busy (${busy.toFixed(2)} s/s)`);
      assert.ok(stoppedAfter !== null && stoppedAfter <= 1000, `the browser went idle ${stoppedAfter} ms after cancel`);
    }
    clean(log);
  } finally {
    await context.close();
  }
});
