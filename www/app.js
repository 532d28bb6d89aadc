// The page's entry point: the <tamis-audit> widget plus the page around it.
// No inline script or style anywhere (the server's CSP forbids them).

import './tamis-audit.js';
import { makeI18n, pickLang } from './i18n.js';

const i18n = makeI18n(pickLang());
document.documentElement.lang = i18n.lang;
document.title = i18n.t('page.title');
for (const el of document.querySelectorAll('[data-i18n]')) {
  el.textContent = i18n.t(el.dataset.i18n);
}

// A file dropped next to the drop zone would make the browser open it in place of the page.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (e) => {
    if (e.dataTransfer?.types?.includes('Files')) e.preventDefault();
  });
}
