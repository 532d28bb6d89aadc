// The audit worker (a module worker). It loads the wasm engine once, lazily, reads the
// Files it is handed with file.stream() and pushes their bytes into the engine, in slices
// of at most FEED_MAX bytes, yielding to the event loop after each progress message (so
// that a terminate() from the page stops it at once). With the engine it starts a second
// worker (sha-worker.js) that computes each audited or exported file's SHA-256 at the same
// time, from the chunks this one has fed (where it cannot start, the engine hashes here).
//
// Messages in:
//   {type:'init'}                                  load the engine now
//   {type:'audit', id, file, options, opposition, own, partnerHashes, salt, registry, secret}
//                                                  audit a File (or Blob)
//   {type:'audit', id, url, name, options, ...}    audit a same-origin URL (the demo)
//       `opposition` (optional): the opposition list, a File of one email, phone or
//       SHA-256 per line; read here, its lines go to `options.campaign.opposition`.
//       `own` (optional): the buyer's own customer File, read first (progress with
//       phase 'own') by an OwnFileBuilder with the audit's options less its reading ones
//       (delimiter, encoding, header, roles: as `tamis audit --own`): overlap.own.
//       `partnerHashes` + `salt` (optional, both or neither): a partner's hash File
//       (`tamis hash --salt-file`) and the shared salt File: overlap.partner.
//       `registry` + `secret` (optional, both or neither): the owner's seed registry
//       File and its secret File: seed.registry and the recipients.
//   {type:'hash', id, file | url, name, options, salt | platform, kind}
//                                                  `tamis hash`: salt (a File) or platform
//                                                  ('google', 'meta', 'tiktok'); kind
//                                                  'email' | 'phone' | 'both' (default)
//   {type:'seeds-make', id, secret, recipient, count, domain, date, phones, rowsOnly,
//        registry, like}                           `tamis seeds make` (secret, registry and
//                                                  like are Files; registry absent: a new one)
//   {type:'seeds-add', id, secret, recipient, date, registry, emails, phones}
//                                                  `tamis seeds add` (emails, phones: Files)
//   {type:'export', id, kind, file | url, name, options, opposition, own, partnerHashes, salt,
//        registry, secret}                         a CSV export (kind 'annotated' | 'usable',
//                                                  as `tamis audit --annotate | --usable`): the
//                                                  file read again with the audit's options and
//                                                  lists (same fields as 'audit'), the CSV made
//                                                  in parts folded into a Blob (memory: a few
//                                                  MB, whatever the file's size)
//   {type:'debug-panic'}                           make the engine panic (tests)
// Messages out:
//   {type:'ready', version, rules, wasmSha256, wasmBytes}
//   {type:'progress', id, phase, name, bytes, total, rows, wasmMemory}
//                                                  at most ~10 per second; phase 'own'
//                                                  (the customer file), 'audit', 'hash' or
//                                                  'export'
//   {type:'preview', id, preview}                  once, as soon as it has its rows
//   {type:'done', id, report, reportJson, preview, exampleValues, bytes, rows, hashing, ms, wasmMemory}
//                                                  exampleValues: the cells of the rows the
//                                                  report's examples name (Auditor.exampleValues:
//                                                  cell values, kept in the page, never in the report)
//                                                  certificate, certificateJson: the audit
//                                                  certificate (no personal data), object and JSON
//                                                  hashing: who computed the file's SHA-256:
//                                                  'worker' (sha-worker.js, in parallel),
//                                                  'engine' (the auditor, here) or 'reread'
//                                                  (here, after the hashing worker failed)
//   {type:'exported', id, kind, blob, rows, header, bytes, sha256, hashing, ms}
//                                                  blob: the CSV (text/csv); rows: data rows in
//                                                  it; header false: nothing to export; bytes,
//                                                  sha256: of the file read (the audit's if
//                                                  the file did not change)
//   {type:'hashed', id, text, header, hashes, stats, ms}
//                                                  the hash file's text (no clear text)
//   {type:'seeds-made', id, seedsCsv, encoding, seeds, phones, registryText, added, already,
//        lines, recipients, notes}                 seedsCsv: the seed file's bytes (Uint8Array)
//   {type:'seeds-added', id, registryText, added, already, lines, recipients, notes, counts}
//   {type:'error', id, name, message}              a reference file's errors start with its name
//   {type:'panic', id, message}                    the engine trapped: replace this worker
//
// `wasmMemory` (optional, for the benchmarks: scripts/bench-browser) is the size in bytes of
// the wasm instance's linear memory when the message is sent; it only grows, so the last one
// is the run's peak.
//
// The file's bytes never leave this worker except as the preview (decoded first rows) and
// the example values (cells of the rows the report's examples name), posted to the page
// that handed the file in. The opposition list's lines, the customer
// file, the salt, the secret and the registry never leave it (the registry's new text, and
// the seeds, go back to the page, which offers them as downloads).

const PKG_JS = new URL('./pkg/tamis.js', import.meta.url);
const PKG_WASM = new URL('./pkg/tamis_bg.wasm', import.meta.url);
const PROGRESS_EVERY_MS = 100;
// One feed of ~2 MB (File.stream()'s chunks) takes ~190 ms on a slow machine: slices keep
// the progress messages (and the chances to be stopped) under a second apart.
const FEED_MAX = 256 * 1024;
// `tamis seeds make --like` reads 64 KiB at a time and stops once it has the header.
const LIKE_CHUNK = 64 * 1024;
const PREVIEW_ROWS = 10; // the core's default `preview_rows`

let engine = null; // Promise of the wasm-bindgen module, once loading started
let panicMessage = null; // set by the engine's panic hook, just before it traps
let broken = false; // the instance trapped: nothing more can run here
let wasmMemory = null; // the instance's WebAssembly.Memory (for `wasmMemory` in the messages)
let hasher = null; // Promise of the hashing worker (startHasher), once the engine is compiled
// How long a hashing worker may take to start before this worker hashes the file itself.
const HASHER_START_MS = 5000;

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
    // Compiled once: the hashing worker instantiates the same module (sha-worker.js),
    // started now so that the page is ready (and done loading) when both are.
    const module = await WebAssembly.compile(bytes);
    hasher = startHasher(module);
    wasmMemory = (await mod.default({ module_or_path: module })).memory;
    await hasher;
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

/** Lets the event loop run (a terminate() from the page takes effect here). */
function yieldToLoop() {
  return new Promise((r) => setTimeout(r));
}

/** The stream and size of a File/Blob, or of a same-origin URL. */
async function open({ file, url }) {
  if (file) return { stream: file.stream(), total: file.size };
  const where = new URL(url, import.meta.url);
  const response = await fetch(where);
  if (!response.ok) throw new Error(`${where.pathname}: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length'));
  return { stream: response.body, total: Number.isFinite(length) && length > 0 ? length : null };
}

/**
 * Reads a stream and calls feed(slice) with slices of at most `max` bytes; after each
 * slice, `after()` (return true to stop reading), and at most every PROGRESS_EVERY_MS,
 * `progress()` then a yield to the event loop; after each chunk of the stream is fed,
 * `fed(chunk)` (it may keep the chunk: nothing here reads it again).
 */
async function pump(stream, feed, { progress = () => {}, after = () => false, fed = () => {}, max = FEED_MAX } = {}) {
  const reader = stream.getReader();
  let lastPost = -Infinity;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (let at = 0; at < value.length; at += max) {
        feed(at === 0 && value.length <= max ? value : value.subarray(at, at + max));
        if (after()) return;
        const now = performance.now();
        if (now - lastPost >= PROGRESS_EVERY_MS) {
          lastPost = now;
          progress();
          await yieldToLoop();
        }
      }
      fed(value);
    }
  } finally {
    reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * The hashing worker (sha-worker.js), started once with the engine: it computes each file's
 * SHA-256 while this worker reads it. Resolves to { session() } once it has instantiated
 * the engine, or to null where it cannot start (no nested workers, or worker.js loaded from
 * another origin by an embedding page: the worker would be that origin's) or does not
 * within HASHER_START_MS: the auditor then hashes the file itself. session() gives
 * { push(chunk), digest(), stop() } for one file (null once the worker has failed);
 * digest() resolves to the 32-byte digest, or rejects if the worker failed on the way.
 */
function startHasher(module) {
  let worker;
  try {
    worker = new Worker(new URL('./sha-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    let failed = null;
    let next = 0;
    const waiting = new Map(); // id -> digest()'s {resolve, reject}
    const fail = (message) => {
      failed ??= new Error(`SHA-256 worker: ${message}`);
      clearTimeout(timer);
      worker.terminate();
      resolve(null);
      for (const w of waiting.values()) w.reject(failed);
      waiting.clear();
    };
    const timer = setTimeout(() => fail('did not start'), HASHER_START_MS);
    const api = {
      session() {
        if (failed) return null;
        const id = ++next;
        let ended = false;
        return {
          push(chunk) {
            if (failed) return;
            // Transferred when the chunk is its whole buffer (File.stream()'s are), else copied.
            const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
            const c = whole ? chunk : chunk.slice();
            worker.postMessage({ id, chunk: c }, [c.buffer]);
          },
          digest() {
            return new Promise((res, rej) => {
              if (failed) return rej(failed);
              ended = true;
              waiting.set(id, { resolve: res, reject: rej });
              worker.postMessage({ id, end: true });
            });
          },
          stop() {
            if (!ended && !failed) worker.postMessage({ id, drop: true });
            ended = true;
          },
        };
      },
    };
    worker.onmessage = ({ data }) => {
      if (data.ready) {
        clearTimeout(timer);
        resolve(api);
      } else if (data.sha256) {
        waiting.get(data.id)?.resolve(data.sha256);
        waiting.delete(data.id);
      } else if (data.error) {
        fail(data.error);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(e.message || 'failed');
    };
    worker.postMessage({ module });
  });
}

/**
 * Sets `reader` (an Auditor) to let a session of the hashing worker hash the file, if
 * there is one, and returns what pump() and finish need: the `fed` callback, `digest()`,
 * which resolves to the digest to hand to finish (undefined when the auditor hashed
 * itself), and `stop()`. If the hashing worker fails on the way, the file is read again
 * here, only to hash it. `how`, once digest() has resolved: 'worker', 'engine' (the
 * auditor hashed) or 'reread'.
 */
function hashing(mod, reader, session, request) {
  if (!session) return { fed: () => {}, digest: async () => undefined, stop: () => {}, how: 'engine' };
  reader.hashElsewhere();
  return {
    how: 'worker',
    fed: (chunk) => session.push(chunk),
    stop: () => session.stop(),
    async digest() {
      try {
        return await session.digest();
      } catch {
        this.how = 'reread';
        const sha = new mod.Sha256();
        try {
          const { stream } = await open(request);
          await pump(stream, (b) => sha.update(b));
          return sha.digest();
        } finally {
          free(sha);
        }
      }
    },
  };
}

/** The bytes of a File (or null). */
async function bytesOf(file) {
  return file ? new Uint8Array(await file.arrayBuffer()) : null;
}

/**
 * Runs fn; an error is re-thrown with a file's name in front of its message: the File
 * `files(e)` returns for it (none: as it is). A salt or secret error names the salt or
 * secret file, a hash file or registry error the list.
 */
async function about(files, fn) {
  try {
    return await fn();
  } catch (e) {
    const file = isTrap(e) ? null : files(e);
    if (!file?.name) throw e;
    const named = new Error(`${file.name}: ${e?.message ?? e}`);
    named.name = e?.name || 'Error';
    throw named;
  }
}

/** `about`'s choice for a (list, key) pair: the key file for a salt error, else the list. */
const listOrKey = (list, key) => (e) => (e?.name === 'TamisSaltError' ? key : list);

/** Frees a wasm object unless the instance trapped. */
function free(x) {
  if (x && !broken) x.free();
}

/** The buyer's own customer file, read by an OwnFileBuilder (progress: phase 'own'). */
async function readOwn(mod, id, own, options) {
  // Its own sniffing: the audit's reading options do not apply (as `tamis audit --own`).
  const rest = { ...options };
  for (const k of ['delimiter', 'encoding', 'header', 'roles']) delete rest[k];
  const builder = new mod.OwnFileBuilder(rest);
  try {
    await pump(own.stream(), (b) => builder.feed(b), {
      progress: () =>
        postMessage({ type: 'progress', id, phase: 'own', name: own.name, bytes: builder.bytesFed, total: own.size, rows: null, wasmMemory: memoryBytes() }),
    });
    return builder.finish();
  } finally {
    free(builder);
  }
}

/**
 * An Auditor with the request's options (the opposition list's lines added) and reference
 * lists (the buyer's own file, a partner's hashes with the salt, the seed registry with its
 * secret): the audit and the exports set it up the same way, so an export re-reads the file
 * exactly as the audit did. Freed here if setting it up fails.
 */
async function auditorFor(mod, { id, options, opposition, own, partnerHashes, salt, registry, secret }) {
  options = await withOpposition(options, opposition);
  if (!partnerHashes !== !salt) throw new TypeError('a partner hash file needs the salt file, and the other way round');
  if (!registry !== !secret) throw new TypeError('a seed registry needs its secret file, and the other way round');
  const auditor = new mod.Auditor(options ?? undefined);
  try {
    if (own) auditor.setOwnFile(await about(() => own, () => readOwn(mod, id, own, options))); // consumes it
    if (partnerHashes) {
      const [h, s] = await Promise.all([bytesOf(partnerHashes), bytesOf(salt)]);
      await about(listOrKey(partnerHashes, salt), () => auditor.setPartnerHashes(h, s));
    }
    if (registry) {
      const [r, k] = await Promise.all([bytesOf(registry), bytesOf(secret)]);
      await about(listOrKey(registry, secret), () => auditor.setSeedRegistry(r, k));
    }
    return auditor;
  } catch (e) {
    free(auditor);
    throw e;
  }
}

async function audit(request) {
  const { id, file, url, name } = request;
  const mod = await loadEngine();
  const started = performance.now();
  let auditor = null;
  let sha = null;
  try {
    auditor = await auditorFor(mod, request);
    const { stream, total } = await open({ file, url });
    sha = hashing(mod, auditor, (await hasher)?.session(), { file, url });
    let previewSent = false;
    await pump(stream, (b) => auditor.feed(b), {
      fed: sha.fed,
      after: () => {
        if (!previewSent && auditor.rows() >= PREVIEW_ROWS) {
          const preview = auditor.preview();
          if (preview) {
            postMessage({ type: 'preview', id, preview });
            previewSent = true;
          }
        }
        return false;
      },
      progress: () =>
        postMessage({ type: 'progress', id, phase: 'audit', bytes: auditor.bytesFed(), total, rows: auditor.rows(), wasmMemory: memoryBytes() }),
    });
    const bytes = auditor.bytesFed();
    const { report, reportJson, preview } = auditor.finish(await sha.digest());
    // The audit certificate: counts and options only, no cell value, no column name.
    const { certificate, certificateJson } = auditor.certificate(name ?? file?.name ?? undefined);
    // The cells behind the report's examples: local only, never in the report.
    const exampleValues = auditor.exampleValues();
    const rows = report.input.rows;
    postMessage({ type: 'progress', id, phase: 'audit', bytes, total: total ?? bytes, rows, wasmMemory: memoryBytes() });
    postMessage({
      type: 'done',
      id,
      report,
      reportJson,
      preview,
      exampleValues,
      certificate,
      certificateJson,
      bytes,
      rows,
      hashing: sha.how,
      ms: performance.now() - started,
      wasmMemory: memoryBytes(),
    });
  } finally {
    free(auditor);
    sha?.stop();
  }
}

// An export's parts are folded into a Blob every EXPORT_FOLD bytes: the browser keeps a
// Blob's bytes out of the JS heap (on disk when big), so memory stays bounded.
const EXPORT_FOLD = 8 << 20;

/**
 * A CSV export (`tamis audit --annotate | --usable`): the file read again with the audit's
 * options and reference lists, the core's CSV taken after every slice and folded into a Blob.
 */
async function exportRows(request) {
  const { id, kind, file, url } = request;
  if (!['annotated', 'usable'].includes(kind)) throw new TypeError(`unknown export ${JSON.stringify(kind)}`);
  const mod = await loadEngine();
  const started = performance.now();
  let exporter = null;
  let sha = null;
  try {
    const auditor = await auditorFor(mod, request);
    sha = hashing(mod, auditor, (await hasher)?.session(), { file, url });
    exporter = new mod.Exporter(auditor, kind); // consumes the auditor, even if it throws
    let blob = new Blob([]);
    let parts = [];
    let pending = 0;
    const take = (force) => {
      if (exporter.buffered > 0) {
        const part = exporter.take();
        parts.push(part);
        pending += part.length;
      }
      if (pending >= EXPORT_FOLD || (force && parts.length)) {
        blob = new Blob([blob, ...parts]);
        parts = [];
        pending = 0;
      }
    };
    const { stream, total } = await open({ file, url });
    await pump(stream, (b) => exporter.feed(b), {
      fed: sha.fed,
      after: () => {
        if (exporter.buffered >= 1 << 20) take(false);
        return false;
      },
      progress: () =>
        postMessage({ type: 'progress', id, phase: 'export', bytes: exporter.bytesFed(), total, rows: exporter.rows(), wasmMemory: memoryBytes() }),
    });
    const done = exporter.finish(await sha.digest());
    take(true);
    blob = new Blob([blob], { type: 'text/csv;charset=utf-8' });
    postMessage({ type: 'progress', id, phase: 'export', bytes: done.bytes, total: total ?? done.bytes, rows: null, wasmMemory: memoryBytes() });
    postMessage({ type: 'exported', id, kind, blob, ...done, hashing: sha.how, ms: performance.now() - started, wasmMemory: memoryBytes() });
  } finally {
    free(exporter);
    sha?.stop();
  }
}

async function hash({ id, file, url, name, options, salt, platform, kind }) {
  const mod = await loadEngine();
  const started = performance.now();
  const how = platform ? String(platform) : salt ? await bytesOf(salt) : null;
  if (how === null) throw new TypeError('give a salt file or a platform');
  const builder = await about(() => salt, () => new mod.HashBuilder(options ?? undefined, how, kind ?? undefined));
  try {
    const { stream, total } = await open({ file, url });
    await pump(stream, (b) => builder.feed(b), {
      progress: () =>
        postMessage({ type: 'progress', id, phase: 'hash', bytes: builder.bytesFed, total, rows: builder.rows, wasmMemory: memoryBytes() }),
    });
    const out = builder.finish(name ?? file?.name ?? undefined);
    postMessage({ type: 'hashed', id, ...out, ms: performance.now() - started });
  } finally {
    free(builder);
  }
}

/** A LikeFile fed like `tamis seeds make --like` reads it (64 KiB, until the header). */
async function readLike(mod, like) {
  const reader = new mod.LikeFile(undefined);
  try {
    await pump(like.stream(), (b) => reader.feed(b), { max: LIKE_CHUNK, after: () => reader.done });
    return reader;
  } catch (e) {
    free(reader);
    throw e;
  }
}

/** `about`'s choice for the seeds requests: the registry or the secret file, else none. */
const seedFiles = (registry, secret) => (e) =>
  e?.name === 'TamisSeedRegistryError' ? registry : e?.name === 'TamisSaltError' ? secret : null;

async function seedsMake({ id, secret, recipient, count, domain, date, phones, rowsOnly, registry, like }) {
  const mod = await loadEngine();
  const request = {
    secret: await bytesOf(secret),
    recipient,
    count,
    domain,
    date,
    phones: Boolean(phones),
    rowsOnly: Boolean(rowsOnly),
    registry: await bytesOf(registry),
    likeName: like?.name,
  };
  const likeFile = like ? await readLike(mod, like) : undefined;
  const out = await about(seedFiles(registry, secret), () => mod.seedsMake(request, likeFile)); // consumes likeFile
  postMessage({ type: 'seeds-made', id, ...out }, [out.seedsCsv.buffer]);
}

async function seedsAdd({ id, secret, recipient, date, registry, emails, phones }) {
  const mod = await loadEngine();
  const request = {
    secret: await bytesOf(secret),
    recipient,
    date,
    registry: await bytesOf(registry),
    emails: await bytesOf(emails),
    emailsName: emails?.name,
    phones: await bytesOf(phones),
    phonesName: phones?.name,
  };
  const out = await about(seedFiles(registry, secret), () => mod.seedsAdd(request));
  postMessage({ type: 'seeds-added', id, ...out });
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
      case 'hash':
        await hash(msg);
        break;
      case 'export':
        await exportRows(msg);
        break;
      case 'seeds-make':
        await seedsMake(msg);
        break;
      case 'seeds-add':
        await seedsAdd(msg);
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
