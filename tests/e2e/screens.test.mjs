// Screenshots of the main screens, in French and English, saved for review (not compared):
// tests/e2e/screenshots/<lang>-<screen>.png (git-ignored). Also the report printed to PDF
// without background graphics (<lang>-7-print.pdf) and a full-page `print` media screenshot,
// to check that the charts print.
//
//   cd tests/e2e && TAMIS_BIN=/work/bin/tamis node --test screens.test.mjs
//
// Screens: the drop zone, the campaign form, the preview, the report's top (score gauge,
// price, funnel), the findings, the lists (duplicates, seeds, traps), the owner tab, and the
// hostile file's findings with the values shown.

import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { FIXTURES, auditFile, launchBrowser, openPage, startServer, waitForEnd } from './helpers.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

let server;
let browser;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Saves a screenshot of one element (or the page) and checks it was written. */
async function shot(target, name) {
  const path = join(OUT, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled' });
  assert.ok(statSync(path).size > 1000, `${path} written`);
}

for (const [lang, locale] of [
  ['fr', 'fr-FR'],
  ['en', 'en-GB'],
]) {
  test(`screenshots of the main screens (${lang})`, async () => {
    const { context, page, log } = await openPage(browser, server.origin, { locale });
    try {
      await page.locator('#wasm-sha256').waitFor({ timeout: 15_000 });
      await shot(page, `${lang}-1-drop-zone`);
      await shot(page.locator('#campaign'), `${lang}-2-campaign-form`);
      await page.locator('#c-price').fill('900');
      await page.locator('#demo').click();
      assert.equal(await waitForEnd(page, 0), 'done');
      await shot(page.locator('#preview'), `${lang}-3-preview`);
      await shot(page.locator('#fit'), `${lang}-4-report-top`);
      await shot(page.locator('#report'), `${lang}-5-findings`);
      await shot(page.locator('#lists'), `${lang}-6-duplicates-seeds-traps`);
      // Printed as a browser prints by default (no background graphics): the charts are SVG
      // content, so they must still show.
      // The findings' explanations open for the print, and close after it.
      await page.evaluate(() => {
        addEventListener('beforeprint', () => {
          window.__openForPrint = document.querySelector('tamis-audit').shadowRoot.querySelectorAll('.finding details[open]').length;
        });
      });
      const pdf = join(OUT, `${lang}-7-print.pdf`);
      await page.pdf({ path: pdf, format: 'A4', printBackground: false });
      assert.ok(statSync(pdf).size > 10_000, `${pdf} written`);
      const explained = await page.locator('.finding details').count();
      assert.ok(explained > 0);
      assert.equal(await page.evaluate(() => window.__openForPrint), explained, 'every explanation printed');
      assert.equal(await page.locator('.finding details[open]').count(), 0, 'closed again after the print');
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(OUT, `${lang}-7-print-preview.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await page.locator('#tab-owner').click();
      await shot(page.locator('#panel-owner'), `${lang}-8-owner-tab`);
      await page.locator('#tab-buyer').click();
      await auditFile(page, join(FIXTURES, 'hostile.csv'));
      await page.locator('#show-values').click();
      await shot(page.locator('#findings'), `${lang}-9-hostile-values-shown`);
      assert.deepEqual(log.pageErrors, []);
    } finally {
      await context.close();
    }
  });
}
