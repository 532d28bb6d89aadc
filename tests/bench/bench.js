// The browser benchmark page's module (driven by tests/bench/bench-browser.mjs through
// playwright: `await bench.papa()`, `await bench.tamis()`). Both read the File set on #file,
// each in a fresh worker, so that every run starts from the same state (a wasm memory only
// grows: a fresh instance is needed to see a run's own peak).
//
//   bench.papa({encoding})   Papa Parse, parse only, in ./papa-worker.js (a classic worker)
//   bench.tamis({options})   the full audit through the site's own /worker.js and its protocol
//
// The clock: from the message that hands the File to the worker to the `done` message, read
// in this page (the engine or the Papa script is loaded before, and not counted).

const out = document.getElementById('out');

function theFile() {
  const file = document.getElementById('file').files[0];
  if (!file) throw new Error('no file on #file');
  return file;
}

function log(line) {
  out.textContent += `${line}\n`;
}

/** Resolves with the first message of `type`; rejects on an error or panic message. */
function listen(worker, onMessage) {
  return new Promise((resolve, reject) => {
    worker.addEventListener('message', (e) => {
      const msg = e.data;
      if (msg?.type === 'error' || msg?.type === 'panic') reject(new Error(`${msg.type}: ${msg.message}`));
      else onMessage(msg, resolve);
    });
    worker.addEventListener('error', (e) => reject(new Error(`worker error: ${e.message}`)));
  });
}

function until(worker, type) {
  return listen(worker, (msg, resolve) => {
    if (msg.type === type) resolve(msg);
  });
}

async function papa({ encoding = 'windows-1252' } = {}) {
  const file = theFile();
  const worker = new Worker('./papa-worker.js');
  try {
    await until(worker, 'ready');
    const started = performance.now();
    const done = until(worker, 'done');
    worker.postMessage({ type: 'parse', file, encoding });
    const msg = await done;
    const ms = performance.now() - started;
    const r = { ms, workerMs: msg.ms, bytes: file.size, rows: msg.rows, blank: msg.blank, fields: msg.fields, errors: msg.errors, delimiter: msg.delimiter };
    log(`papa: ${JSON.stringify(r)}`);
    return r;
  } finally {
    worker.terminate();
  }
}

async function tamis({ options } = {}) {
  const file = theFile();
  const worker = new Worker('/worker.js', { type: 'module', name: 'tamis-bench' });
  try {
    const ready = until(worker, 'ready');
    worker.postMessage({ type: 'init' });
    await ready;
    let progress = 0;
    let maxGap = 0;
    let last = null;
    let wasmMemory = 0;
    const started = performance.now();
    const done = listen(worker, (msg, resolve) => {
      if (msg.id !== 1) return;
      if (msg.type === 'progress' || msg.type === 'done') {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - (last ?? started));
        last = now;
        if (msg.type === 'progress') progress += 1;
        wasmMemory = Math.max(wasmMemory, msg.wasmMemory ?? 0);
      }
      if (msg.type === 'done') resolve(msg);
    });
    worker.postMessage({ type: 'audit', id: 1, file, options });
    const msg = await done;
    const ms = performance.now() - started;
    const rows = msg.report.rows ?? {};
    const r = {
      ms,
      workerMs: msg.ms,
      bytes: msg.bytes,
      rows: msg.rows,
      ok: rows.ok,
      review: rows.review,
      reject: rows.reject,
      findings: msg.report.findings?.length,
      wasmMemory: wasmMemory || null,
      progressEvents: progress,
      maxProgressGapMs: maxGap,
    };
    log(`tamis: ${JSON.stringify(r)}`);
    return r;
  } finally {
    worker.terminate();
  }
}

/** The options the page sends by default (tamis-audit.js: `get options`), for today. */
function pageOptions() {
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return {
    audit_date: today,
    campaign: {
      channel: 'email',
      audience: 'auto',
      date: today,
      deal: 'rent',
      price: null,
      cpm: null,
      sector_banned: false,
      rules: { phone_consent_one_year: false },
    },
  };
}

window.bench = { papa, tamis, pageOptions, ready: true };
