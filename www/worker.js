// The audit worker (a module worker). It loads the wasm engine once, lazily, reads the
// File it is handed with file.stream() and pushes each chunk into the engine.
//
// Messages in:  {type:'init'}                                  load the engine now
//               {type:'audit', id, file, options, opposition}  audit a File (or Blob)
//               {type:'audit', id, url, name, options, opposition}
//                                                              audit a same-origin URL (the demo)
//               `opposition` (optional): the opposition list, a File of one email, phone
//               or SHA-256 per line; read here, its lines go to `options.campaign.opposition`
//               {type:'debug-panic'}                           make the engine panic (tests)
// Messages out: {type:'ready', version, rules, wasmSha256, wasmBytes}
//               {type:'progress', id, bytes, total, rows, wasmMemory}   at most ~10 per second
//               {type:'preview', id, preview}                  once, as soon as it has its rows
//               {type:'done', id, report, reportJson, preview, bytes, rows, ms, wasmMemory}
//               {type:'error', id, name, message}
//               {type:'panic', id, message}                    the engine trapped: replace this worker
//
// `wasmMemory` (optional, for the benchmarks: scripts/bench-browser) is the size in bytes of
// the wasm instance's linear memory when the message is sent; it only grows, so the last one
// is the run's peak.
//
// The file's bytes never leave this worker except as the preview (decoded first rows),
// posted to the page that handed the file in. The opposition list's lines never leave it.

const PKG_JS = new URL('./pkg/tamis.js', import.meta.url);
const PKG_WASM = new URL('./pkg/tamis_bg.wasm', import.meta.url);
const PROGRESS_EVERY_MS = 100;
const PREVIEW_ROWS = 10; // the core's default `preview_rows`

let engine = null; // Promise of the wasm-bindgen module, once loading started
let panicMessage = null; // set by the engine's panic hook, just before it traps
let broken = false; // the instance trapped: nothing more can run here
let wasmMemory = null; // the instance's WebAssembly.Memory (for `wasmMemory` in the messages)

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

function loadEngine() {
  engine ??= (async () => {
    const [mod, bytes] = await Promise.all([
      import(PKG_JS.href),
      fetch(PKG_WASM).then((r) => {
        if (!r.ok) throw new Error(`${PKG_WASM.pathname}: HTTP ${r.status}`);
        return r.arrayBuffer();
      }),
    ]);
    // Hash exactly the bytes that are instantiated: the page shows this fingerprint.
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    wasmMemory = (await mod.default({ module_or_path: bytes })).memory;
    mod.setPanicHandler((message) => {
      panicMessage = message;
    });
    postMessage({
      type: 'ready',
      version: mod.version(),
      rules: mod.rules(),
      wasmSha256: hex(digest),
      wasmBytes: bytes.byteLength,
    });
    return mod;
  })();
  engine.catch(() => {
    engine = null; // let the next message try again
  });
  return engine;
}

function memoryBytes() {
  return wasmMemory?.buffer.byteLength;
}

function isTrap(e) {
  return panicMessage !== null || e instanceof WebAssembly.RuntimeError;
}

function fail(id, e) {
  if (isTrap(e)) {
    broken = true;
    postMessage({ type: 'panic', id, message: panicMessage ?? String(e?.message ?? e) });
  } else {
    postMessage({
      type: 'error',
      id,
      name: e?.name || 'Error',
      message: String(e?.message ?? e),
    });
  }
}

/** The options with the opposition list's lines added to `campaign.opposition`. */
async function withOpposition(options, opposition) {
  if (!opposition) return options;
  const lines = (await opposition.text()).split(/\r\n|\n|\r/);
  const campaign = options?.campaign ?? {};
  return { ...options, campaign: { ...campaign, opposition: [...(campaign.opposition ?? []), ...lines] } };
}

async function audit({ id, file, url, options, opposition }) {
  const mod = await loadEngine();
  options = await withOpposition(options, opposition);
  const started = performance.now();
  let stream;
  let total = null;
  if (file) {
    stream = file.stream();
    total = file.size;
  } else {
    const where = new URL(url, import.meta.url);
    const response = await fetch(where);
    if (!response.ok) throw new Error(`${where.pathname}: HTTP ${response.status}`);
    const length = Number(response.headers.get('content-length'));
    total = Number.isFinite(length) && length > 0 ? length : null;
    stream = response.body;
  }
  const auditor = new mod.Auditor(options ?? undefined);
  const reader = stream.getReader();
  let previewSent = false;
  let lastPost = -Infinity;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      auditor.feed(value);
      if (!previewSent && auditor.rows() >= PREVIEW_ROWS) {
        const preview = auditor.preview();
        if (preview) {
          postMessage({ type: 'preview', id, preview });
          previewSent = true;
        }
      }
      const now = performance.now();
      if (now - lastPost >= PROGRESS_EVERY_MS) {
        lastPost = now;
        postMessage({ type: 'progress', id, bytes: auditor.bytesFed(), total, rows: auditor.rows(), wasmMemory: memoryBytes() });
      }
    }
    const bytes = auditor.bytesFed();
    const { report, reportJson, preview } = auditor.finish();
    const rows = report.input.rows;
    postMessage({ type: 'progress', id, bytes, total: total ?? bytes, rows, wasmMemory: memoryBytes() });
    postMessage({
      type: 'done',
      id,
      report,
      reportJson,
      preview,
      bytes,
      rows,
      ms: performance.now() - started,
      wasmMemory: memoryBytes(),
    });
  } finally {
    reader.releaseLock();
    if (!broken) auditor.free();
  }
}

self.addEventListener('message', async (event) => {
  const msg = event.data;
  if (broken) {
    postMessage({ type: 'panic', id: msg?.id, message: panicMessage ?? 'engine stopped' });
    return;
  }
  try {
    switch (msg?.type) {
      case 'init':
        await loadEngine();
        break;
      case 'audit':
        await audit(msg);
        break;
      case 'debug-panic':
        (await loadEngine()).__panicForTests();
        break;
      default:
        throw new TypeError(`unknown message type ${JSON.stringify(msg?.type)}`);
    }
  } catch (e) {
    fail(msg?.id, e);
  }
});
