import { launchBrowser, startServer, waitForEnd } from '/work/main/tests/e2e/helpers.mjs';
const server = await startServer();
const browser = await launchBrowser();
for (const [width, locale] of [[390, 'fr-FR'], [390, 'en-GB'], [360, 'fr-FR']]) {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.origin + '/');
  await page.locator('#wasm-sha256').waitFor({ timeout: 15000 });
  await page.locator('#demo').click();
  await waitForEnd(page, 0);
  await page.locator('#finding-summary').screenshot({ path: `/tmp/fsum-${width}-${locale}.png` });
  console.log(width, locale, await page.locator('#finding-summary').evaluate((t) => [t.scrollWidth, t.parentElement.clientWidth]));
  await context.close();
}
await browser.close();
await server.close();
