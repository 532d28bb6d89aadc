// End-to-end tests of the exports, served by `tamis serve` and driven in headless Chromium:
// a file with formula cells is audited in the page, then each export is downloaded and
// checked against the CLI's for the same file and options (`tamis audit --annotate --usable
// --certificate`): the annotated CSV and the usable rows byte for byte (formula cells
// neutralised), the JSON report, the certificate (the file's SHA-256, size and rows, no cell
// value). Then the print stylesheet, and cancelling an export of a big file.
//
//   cd tests/e2e && TAMIS_BIN=<a tamis built with these sources> node --test exports.test.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, assertClean, auditFile, launchBrowser, openPage, startServer, tamisBinary } from './helpers.mjs';

const DATE = '2026-06-15';

let server;
let browser;
let tmp;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'tamis-e2e-exports-'));
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

/** The cells of the test file: a header, usable rows, unusable ones, formula cells. */
const ROWS = [
  ['Nom', 'Prénom', 'Email', 'Portable', 'Optin email', 'Commentaire'],
  ['Dupont', 'René', 'rene.dupont@exemple.fr', '06 39 98 00 01', 'oui', 'client fidèle'],
  ['Légaré', 'Zoé', 'zoe.legare@exemple.fr', '06 39 98 00 02', 'oui', '=HYPERLINK("http://pirate.example";"clic")'],
  ['Mercier', 'Agnès', 'agnes.mercier@exemple.fr', '06 39 98 00 03', 'non', '+SUM(A1:A9)'],
  ['Fontaine', 'Maël', 'mael.fontaine@exemple', '06 39 98 00 04', 'oui', 'adresse erronée'],
  ['@Garnier', 'Inès', 'ines.garnier@exemple.fr', '06 39 98 00 05', 'oui', '-2+3'],
  ['Roussel', 'Théo', 'theo.roussel@exemple.fr', '06 39 98 00 06', '', 'sans réponse'],
];

/** Writes the test file (UTF-8, `;`, CRLF; cells with `;` or `"` quoted). */
function formulaFile() {
  const cell = (c) => (/[;"\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  const text = `${ROWS.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
  const path = join(tmp, 'prospects formules.csv');
  writeFileSync(path, text, 'utf8');
  return path;
}

/** Runs the CLI with the exports; returns their bytes. */
function cliExports(file, args) {
  const out = { annotated: join(tmp, 'cli-annotated.csv'), usable: join(tmp, 'cli-usable.csv'), certificate: join(tmp, 'cli-certificate.json') };
  rmSync(out.annotated, { force: true });
  rmSync(out.usable, { force: true });
  rmSync(out.certificate, { force: true });
  const r = spawnSync(
    tamisBinary(),
    ['audit', file, ...args, '--annotate', out.annotated, '--usable', out.usable, '--certificate', out.certificate],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, `tamis audit: exit ${r.status}\n${r.stderr}`);
  return Object.fromEntries(Object.entries(out).map(([k, p]) => [k, readFileSync(p)]));
}

/** Clicks `selector` and returns the downloaded file's name and bytes. */
async function download(page, selector, timeout = 30_000) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout }), page.locator(selector).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

/** The lines of a CSV export, without its BOM and its last (empty) line. */
function lines(bytes) {
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a UTF-8 BOM');
  assert.ok(text.endsWith('\r\n'), 'CRLF');
  return text.slice(1, -2).split('\r\n');
}

test('each export: the CLI\'s bytes, formulas neutralised, usable rows only, a certificate without personal data', async () => {
  const file = formulaFile();
  const fileBytes = readFileSync(file);
  const { context, page, log } = await openPage(browser, server.origin);
  try {
    // Options set on the widget are used as they are (the CLI's flags below say the same).
    // Consumers: email needs their opt-in.
    await page.locator('tamis-audit').evaluate((el, audit_date) => {
      el.options = { audit_date, campaign: { channel: 'email', audience: 'b2c', cpm: 150 } };
    }, DATE);
    const report = JSON.parse(await auditFile(page, file));
    const cli = cliExports(file, ['--audit-date', DATE, '--channel', 'email', '--audience', 'b2c', '--cpm', '150']);
    const usableCount = report.campaign.funnel.find((s) => s.stage === 'usable').count;
    assert.ok(usableCount > 0 && usableCount < ROWS.length - 1, `some rows usable, not all (${usableCount})`);

    // The export bar is there, the usable button says how many rows.
    assert.ok(await page.locator('#exports').isVisible());
    assert.match(await page.locator('#export-usable').textContent(), new RegExp(`\\(${usableCount}, E-mail\\)`));

    // The annotated CSV: the CLI's bytes; formula cells start with an apostrophe.
    const annotated = await download(page, '#export-annotated');
    assert.equal(annotated.name, 'prospects formules.tamis-annotated.csv');
    assert.ok(annotated.bytes.equals(cli.annotated), 'the annotated CSV is the CLI\'s --annotate');
    const ann = lines(annotated.bytes);
    assert.equal(ann.length, ROWS.length);
    assert.ok(ann[0].endsWith(';tamis_row;tamis_status;tamis_flags;tamis_duplicate_of;tamis_suggestion'), ann[0]);
    assert.ok(ann[2].includes(';"\'=HYPERLINK(""http://pirate.example"";""clic"")";'), ann[2]);
    assert.ok(ann[3].includes(';\'+SUM(A1:A9);'), ann[3]);
    assert.ok(ann[5].startsWith('\'@Garnier;'), ann[5]);
    assert.ok(ann[5].includes(';\'-2+3;'), ann[5]);
    assert.ok(ann[1].startsWith('Dupont;René;rene.dupont@exemple.fr;06 39 98 00 01;oui;client fidèle;1;'), ann[1]);
    assert.equal(await page.locator('#export-done').getAttribute('data-kind'), 'annotated');
    assert.equal(await page.locator('#export-done').getAttribute('data-rows'), String(ROWS.length - 1));

    // The usable rows: the CLI's bytes, the original columns only, as many rows as the funnel's
    // last stage, every one of them usable (their emails are valid, their consent is yes).
    const usable = await download(page, '#export-usable');
    assert.equal(usable.name, 'prospects formules.tamis-usable.csv');
    assert.ok(usable.bytes.equals(cli.usable), 'the usable CSV is the CLI\'s --usable');
    const use = lines(usable.bytes);
    assert.equal(use[0], ROWS[0].join(';'));
    assert.equal(use.length - 1, usableCount);
    assert.equal(await page.locator('#export-done').getAttribute('data-rows'), String(usableCount));
    for (const line of use.slice(1)) {
      const name = line.split(';')[0].replace(/^'/, '');
      const row = ROWS.find((r) => r[0] === name);
      assert.ok(row, line);
      assert.equal(row[4], 'oui', `${name}: consent yes`);
      assert.match(row[2], /^[\w.]+@exemple\.fr$/, `${name}: a valid email`);
    }
    assert.ok(use.some((l) => l.startsWith('"\'=') || l.includes(';"\'=HYPERLINK')), 'the formula row is usable, neutralised');
    assert.ok(!use.some((l) => l.includes('tamis_')), 'no tamis column');
    assert.ok(!use.some((l) => l.startsWith('Mercier') || l.startsWith('Roussel') || l.startsWith('Fontaine')), 'no unusable row');

    // The JSON report: the report the page shows.
    const json = await download(page, '#export-json');
    assert.equal(json.name, 'prospects formules.tamis-report.json');
    assert.equal(json.bytes.toString('utf8'), await page.locator('#report-json').textContent());

    // The certificate: the CLI's, the file's SHA-256, size and rows; no cell value, no column name.
    const cert = await download(page, '#export-certificate');
    assert.equal(cert.name, 'prospects formules.tamis-certificate.json');
    assert.ok(cert.bytes.equals(cli.certificate), `the certificate is the CLI's --certificate:\n${cert.bytes}\n${cli.certificate}`);
    const text = cert.bytes.toString('utf8');
    const c = JSON.parse(text);
    assert.equal(c.file.sha256, createHash('sha256').update(fileBytes).digest('hex'));
    assert.equal(c.file.bytes, fileBytes.length);
    assert.equal(c.file.rows, ROWS.length - 1);
    assert.equal(c.file.name, 'prospects formules.csv');
    assert.equal(c.usable, usableCount);
    assert.equal(c.score.value, report.score.value);
    for (const cell of ROWS.flat()) {
      // Short cells (`oui`, `non`) are words any JSON may hold; every longer one must be absent.
      if (cell.length < 4) continue;
      assert.ok(!text.includes(cell), `the certificate holds the cell ${JSON.stringify(cell)}`);
      assert.ok(!text.includes(JSON.stringify(cell).slice(1, -1)), `the certificate holds the cell ${JSON.stringify(cell)}`);
    }
    // The same button in the certificate card.
    const again = await download(page, '#cert-download');
    assert.ok(again.bytes.equals(cert.bytes));
    // On the page: the fingerprint and counts, no cell either.
    assert.equal(await page.locator('#cert-sha256').textContent(), c.file.sha256);
    assert.equal(await page.locator('#cert-rows').getAttribute('data-value'), String(c.file.rows));
    assert.equal(await page.locator('#cert-usable').getAttribute('data-value'), String(usableCount));
    const shown = await page.locator('#certificate').textContent();
    for (const cell of ROWS.slice(1).flat()) {
      if (cell.length >= 4) assert.ok(!shown.includes(cell), `the certificate card shows ${JSON.stringify(cell)}`);
    }
    clean(log);
  } finally {
    await context.close();
  }
});

test('printing: the report without buttons or forms; the certificate alone', async () => {
  const { context, page, log } = await openPage(browser, server.origin);
  try {
    await auditFile(page, formulaFile());
    // window.print() is stubbed: the test looks at the page as printed (print media).
    await page.evaluate(() => {
      window.printed = 0;
      window.print = () => {
        window.printed += 1;
      };
    });
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#fit', '#report', '#certificate']) assert.ok(await page.locator(sel).isVisible(), `${sel} printed`);
    for (const sel of ['#exports', '#drop', '#export-print', '#cert-download', '#download', '.tabs', '#preview']) {
      assert.ok(await page.locator(sel).first().isHidden(), `${sel} not printed`);
    }
    // The certificate's print button prints it alone, until the print is done.
    await page.emulateMedia({ media: 'screen' });
    await page.locator('#cert-print').click();
    assert.equal(await page.evaluate(() => window.printed), 1);
    assert.equal(await page.locator('.widget').getAttribute('data-print'), 'certificate');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#certificate').isVisible());
    for (const sel of ['#fit', '#report', '#lists']) assert.ok(await page.locator(sel).isHidden(), `${sel} not printed with the certificate`);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await page.locator('.widget').getAttribute('data-print'), null);
    assert.ok(await page.locator('#report').isVisible(), 'the whole report prints again');
    // The export bar's print button prints the report.
    await page.emulateMedia({ media: 'screen' });
    await page.locator('#export-print').click();
    assert.equal(await page.evaluate(() => window.printed), 2);
    assert.equal(await page.locator('.widget').getAttribute('data-print'), 'report');
    clean(log);
  } finally {
    await context.close();
  }
});

test('an export of a big file shows its progress, can be cancelled, and the next one works in bounded memory', async (t) => {
  // ~40 MB: long enough to cancel in the middle.
  const header = 'Nom;Prénom;Email;Portable;Optin email\r\n';
  const line = Buffer.from('Dupont;Jean;jean.dupont@exemple.fr;06 39 98 12 34;oui\r\n');
  const big = join(tmp, 'gros.csv');
  writeFileSync(big, Buffer.concat([Buffer.from(header, 'utf8'), Buffer.alloc(line.length * 700_000, line)]));
  const size = statSync(big).size;
  const { context, page, log } = await openPage(browser, server.origin);
  try {
    // Without duplicate detection (which keeps ~130 bytes a row), the engine's memory does not
    // grow with the file: the export's parts leave it as they are made.
    await page.locator('tamis-audit').evaluate((el, audit_date) => {
      el.options = { audit_date, duplicates: false };
    }, DATE);
    await auditFile(page, big, 120_000);
    await page.locator('#export-annotated').click();
    await page.waitForFunction(() => {
      const out = document.querySelector('tamis-audit').shadowRoot.querySelector('#export-result');
      return out?.dataset.state === 'running' && / sur /.test(out.firstChild?.textContent ?? '');
    });
    await page.locator('#export-cancel').click();
    assert.equal(await page.locator('#export-result').getAttribute('data-state'), 'cancelled');
    assert.match(await page.locator('#export-result').textContent(), /gros\.tamis-annotated\.csv annulé/);
    // A fresh worker makes the next export.
    const annotated = await download(page, '#export-annotated', 120_000);
    assert.equal(annotated.name, 'gros.tamis-annotated.csv');
    const rows = 700_000;
    assert.equal(await page.locator('#export-done').getAttribute('data-rows'), String(rows));
    assert.ok(annotated.bytes.length > size, 'the whole file, annotated');
    const memory = Number(await page.locator('#export-done').getAttribute('data-wasm-memory'));
    assert.ok(memory > 0 && memory < size / 2, `wasm memory ${memory} for a ${size}-byte file`);
    t.diagnostic(`export of a ${size}-byte file: wasm memory ${memory} bytes`);
    clean(log);
  } finally {
    await context.close();
  }
});

test('in English: the export bar and the certificate', async () => {
  const { context, page, log } = await openPage(browser, server.origin, { locale: 'en-GB' });
  try {
    const report = JSON.parse(await auditFile(page, formulaFile()));
    assert.equal(await page.locator('#exports-h').textContent(), 'Exports');
    assert.equal(await page.locator('#export-annotated').textContent(), 'Annotated CSV (every row)');
    assert.match(await page.locator('#export-usable').textContent(), /^Usable rows as CSV \(\d+, Email\)$/);
    assert.equal(await page.locator('#cert-h').textContent(), 'Audit certificate');
    assert.equal(await page.locator('#cert-score').getAttribute('data-value'), String(report.score.value));
    assert.match(await page.locator('#cert-findings tr[data-code="cell.formula"]').textContent(), /formula/i);
    const cert = JSON.parse((await download(page, '#cert-download')).bytes.toString('utf8'));
    assert.equal(cert.file.sha256, report.input.sha256);
    clean(log);
  } finally {
    await context.close();
  }
});
