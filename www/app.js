// The page's entry point: the <tamis-audit> widget plus the page around it.
// No inline script or style anywhere (the server's CSP forbids them).
// It registers the site's service worker (sw.js: the page works offline after the first
// visit). The widget never does: a page that embeds it decides (EMBEDDING.md).

import './tamis-audit.js';
import { makeI18n, pickLang } from './i18n.js';

// The language: the visitor's last choice (the switch in the header, kept in this browser's
// localStorage), else the browser's preference (French unless it prefers English).
const LANG_KEY = 'tamis.lang';

function storedLang() {
  try {
    const v = localStorage.getItem(LANG_KEY);
    return v === 'fr' || v === 'en' ? v : null;
  } catch {
    return null; // storage disabled: the browser's preference
  }
}

/** Puts the page (its texts, the switch and the widget) in `lang`. */
function setLang(lang) {
  const i18n = makeI18n(lang);
  document.documentElement.lang = i18n.lang;
  document.title = i18n.t('page.title');
  for (const el of document.querySelectorAll('[data-i18n]')) {
    el.textContent = i18n.t(el.dataset.i18n);
  }
  for (const el of document.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', i18n.t(el.dataset.i18nLabel));
  }
  const other = i18n.t('page.switchLangTo');
  const button = document.getElementById('lang-switch');
  if (button) {
    button.lang = other;
    button.dataset.to = other;
  }
  for (const widget of document.querySelectorAll('tamis-audit')) widget.setAttribute('lang', i18n.lang);
}

setLang(storedLang() ?? pickLang());
document.getElementById('lang-switch')?.addEventListener('click', (e) => {
  const to = e.currentTarget.dataset.to;
  try {
    localStorage.setItem(LANG_KEY, to);
  } catch {
    // storage disabled: the switch still works for this visit
  }
  setLang(to);
});

// A file dropped next to the drop zone would make the browser open it in place of the page.
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (e) => {
    if (e.dataTransfer?.types?.includes('Files')) e.preventDefault();
  });
}

// Offline mode, once the widget's engine has loaded: the service worker's install fetches
// every asset again, and the same URLs fetched at once by the install and by the engine's
// worker made Chromium hold the second request behind its HTTP-cache lock (up to ~20 s).
if ('serviceWorker' in navigator) {
  document.addEventListener(
    'tamis-ready',
    () => {
      navigator.serviceWorker.register(new URL('./sw.js', import.meta.url)).catch((e) => {
        console.warn(`tamis: no offline mode (${e?.message ?? e})`);
      });
    },
    { once: true },
  );
}
