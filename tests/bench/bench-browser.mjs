// The browser benchmark (issue 7): Papa Parse (parse only) against the full tamis audit, on the
// same generated file, in the same headless Chromium session, with the wasm memory and the
// browser's resident memory. Run by scripts/bench-browser; see its header for the options.
//
// What is measured:
//   - the file: `tamis demo-file --rows N --seed 7`, cached in target/bench/ under the
//     generator's source hash (a new generator makes a new file); it is handed to
//     tests/bench/index.html with playwright's setInputFiles, so the page holds a real
//     disk-backed File (nothing goes through the network);
//   - papa: Papa Parse (tests/e2e/node_modules/papaparse, pinned in tests/e2e/package.json) in
//     our own classic worker (tests/bench/papa-worker.js), streaming the File with its
//     FileStreamer and the `chunk` callback, counting rows and fields; encoding windows-1252
//     (the file's), delimiter guessed;
//   - tamis: the site's own www/worker.js (fresh worker per run, engine loaded first and not
//     timed): `{type:'audit', id, file, options}` to `done`, with the page's default options;
//   - each engine runs --runs times, alternating (papa, tamis, papa, tamis, ...); the figures
//     are the best run of each (and the median is printed too);
//   - with --floor, two more engines: `nodup`, the same tamis audit without duplicate
//     detection (`options.duplicates: false`), and `floor`, without it and with every column
//     declared a record identifier (`options.roles`, `#N` → `id`: read and counted, no field
//     checked), so that nodup − floor is what the field checks cost in the browser, tamis −
//     nodup what the duplicates cost, and floor/papa the most the pipeline could reach
//     without either;
//   - wasm memory: the largest `wasmMemory` of the worker's progress/done messages (the
//     instance's memory.buffer.byteLength);
//   - RSS: every 100 ms, VmRSS of every process of the browser's process tree
//     (/proc/<pid>/status; the tree found by parent pid from the browser process playwright
//     launched: this process's chromium child). Printed per run: the peak of the page's
//     renderer process (the `--type=renderer` process that used the most CPU during the run:
//     it runs the page and its dedicated workers) with its RSS when the run started, the peak
//     of the sum over all renderer processes, and the peak of the sum over the whole tree
//     (browser, zygotes, GPU/utility/network processes, renderers; shared pages are counted once
//     per process, so the sums over-count). After the alternating runs, one more tamis run in a
//     fresh context (a fresh renderer, without Papa Parse's garbage): the memory figures.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CSP, launchBrowser } from '../e2e/helpers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH = join(ROOT, 'tests', 'bench');
const WWW = join(ROOT, 'www');
const PKG = join(ROOT, 'pkg');
const PAPA = createRequire(join(ROOT, 'tests', 'e2e', 'package.json')).resolve('papaparse/papaparse.min.js');
const SEED = 7;

// ---- arguments ------------------------------------------------------------------------------

function usage(code) {
  console.log(`usage: scripts/bench-browser [--rows N] [--runs K] [--file CSV] [--floor]
  --rows N    rows of the generated demo file (default 1000000, about 175 MB)
  --runs K    runs of each engine, alternating (default 2)
  --file CSV  benchmark this file instead of a generated one (its rows are counted by tamis)
  --floor     also run tamis without duplicates, and with no field checked either (every
              column a record identifier): the checks' and the duplicates' shares`);
  process.exit(code);
}

const args = { rows: 1_000_000, runs: 2, file: null, floor: false };
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(2);
      return argv[++i];
    };
    if (a === '--rows') args.rows = Number(value());
    else if (a === '--runs') args.runs = Number(value());
    else if (a === '--file') args.file = resolve(value());
    else if (a === '--floor') args.floor = true;
    else if (a === '-h' || a === '--help') usage(0);
    else usage(2);
  }
  if (!Number.isInteger(args.rows) || args.rows < 1) usage(2);
  if (!Number.isInteger(args.runs) || args.runs < 1) usage(2);
}

// ---- the file ---------------------------------------------------------------------------------

/** target/bench/demo-<rows>-seed7-<generator>.csv, generated once with the native CLI;
 *  <generator> is the start of the SHA-256 of src/demo.rs, so that a change of the
 *  generator makes a new file (the older ones of the same size and seed are deleted). */
function demoFile(rows) {
  const benchDir = join(ROOT, 'target', 'bench');
  mkdirSync(benchDir, { recursive: true });
  const generator = createHash('sha256').update(readFileSync(join(ROOT, 'src', 'demo.rs'))).digest('hex').slice(0, 12);
  const stem = `demo-${rows}-seed${SEED}`;
  const path = join(benchDir, `${stem}-${generator}.csv`);
  if (existsSync(path)) return path;
  for (const old of readdirSync(benchDir)) {
    if (old === `${stem}.csv` || (old.startsWith(`${stem}-`) && old.endsWith('.csv'))) {
      console.log(`deleting ${old} (made by another version of the generator)`);
      unlinkSync(join(benchDir, old));
    }
  }
  const tmp = `${path}.tmp${process.pid}`;
  const gen = ['demo-file', '--rows', String(rows), '--seed', String(SEED), '--output', tmp];
  const [cmd, argv] = process.env.TAMIS_BIN
    ? [process.env.TAMIS_BIN, gen]
    : ['cargo', ['run', '--release', '--quiet', '--bin', 'tamis', '--', ...gen]];
  console.log(`generating ${path} (${[cmd, ...argv].join(' ')})`);
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} demo-file failed (${r.status})`);
  renameSync(tmp, path);
  return path;
}

// ---- the server -------------------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** www/ at /, pkg/ at /pkg/, tests/bench/ at /bench/ and Papa Parse at /bench/vendor/. */
function route(path) {
  if (path === '/bench/vendor/papaparse.min.js') return [dirname(PAPA), PAPA];
  const [base, rel] = path.startsWith('/pkg/')
    ? [PKG, path.slice(5)]
    : path.startsWith('/bench/')
      ? [BENCH, path.slice(7) || 'index.html']
      : [WWW, path.slice(1) || 'index.html'];
  return [base, normalize(join(base, rel))];
}

async function startServer() {
  const served = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const [base, file] = route(path);
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    // Not the driver itself: only the page's files.
    const ok = file.startsWith(base + sep) && existsSync(file) && statSync(file).isFile() && !file.endsWith('.mjs');
    served.push(`${ok ? 200 : 404} ${path}`);
    if (!ok) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] || 'application/octet-stream', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, served, close: () => new Promise((r) => server.close(r)) };
}

// ---- memory of the browser's processes ----------------------------------------------------------

function readOr(path, fallback = '') {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** The pids of the tree rooted at `root` (by parent pid, from /proc/<pid>/stat). */
function tree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOr(`/proc/${name}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const walk = (pid) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

const kinds = new Map();
/** `renderer`, `zygote`, `gpu-process`, `utility`... or `browser` (no --type=). */
function kindOf(pid) {
  if (kinds.has(pid)) return kinds.get(pid);
  // Chromium rewrites its children's command lines as one space-separated string.
  const m = /--type=([\w-]+)/.exec(readOr(`/proc/${pid}/cmdline`));
  const kind = m ? m[1] : 'browser';
  // A process just forked from a zygote still shows the zygote's command line: ask again.
  if (kind !== 'zygote') kinds.set(pid, kind);
  return kind;
}

function rssBytes(pid) {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readOr(`/proc/${pid}/status`));
  return m ? Number(m[1]) * 1024 : 0;
}

/** The browser process playwright launched: our child process running chromium. */
function browserPid() {
  const mine = tree(process.pid).filter((pid) => {
    const stat = readOr(`/proc/${pid}/stat`);
    return pid !== process.pid && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
  });
  const found = mine.filter((pid) => /chrom/i.test(readOr(`/proc/${pid}/cmdline`).split('\0')[0]));
  if (found.length !== 1) throw new Error(`expected one browser process among our children, found ${found.length}`);
  return found[0];
}

/** CPU time (user + system) of a process, in clock ticks. */
function cpuTicks(pid) {
  const stat = readOr(`/proc/${pid}/stat`);
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
}

/**
 * Samples the tree every `ms`. stop() returns the peaks (bytes) of the sum of VmRSS over the
 * renderer processes and over the whole tree, and `page`: the renderer that used the most CPU
 * between start and stop (the one running the page and its worker), with its VmRSS at the
 * start and its peak.
 */
function sampleRss(rootPid, ms = 100) {
  const peak = { renderer: 0, total: 0, samples: 0 };
  const procs = new Map(); // pid -> {first, peak, cpu0}
  const tick = () => {
    let renderer = 0;
    let total = 0;
    for (const pid of tree(rootPid)) {
      const rss = rssBytes(pid);
      total += rss;
      if (kindOf(pid) !== 'renderer') continue;
      renderer += rss;
      const p = procs.get(pid);
      if (p) p.peak = Math.max(p.peak, rss);
      else procs.set(pid, { first: rss, peak: rss, cpu0: cpuTicks(pid) });
    }
    peak.renderer = Math.max(peak.renderer, renderer);
    peak.total = Math.max(peak.total, total);
    peak.samples += 1;
  };
  tick();
  const timer = setInterval(tick, ms);
  return {
    stop() {
      clearInterval(timer);
      tick();
      let page = null;
      for (const [pid, p] of procs) {
        const cpu = cpuTicks(pid) - p.cpu0;
        if (!page || cpu > page.cpu) page = { pid, cpu, before: p.first, peak: p.peak };
      }
      return { ...peak, page };
    },
  };
}

// ---- the run ----------------------------------------------------------------------------------

const MB = 1e6;
const MiB = 1 << 20;
const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A fresh context and page on the bench page, with the file on its input. */
async function openBench(browser, server, path, foreign) {
  const context = await browser.newContext();
  context.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${server.origin}/`)) foreign.push(url);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`console: ${m.text()}`);
  });
  await page.goto(`${server.origin}/bench/`);
  await page.waitForFunction(() => window.bench?.ready);
  await page.locator('#file').setInputFiles(path);
  const options = await page.evaluate(() => window.bench.pageOptions());
  return { context, page, options };
}

/** The options with every column of the file (its first line's fields, split at `;` or `,`,
 *  whichever gives more) declared a record identifier, and no duplicate detection (with no
 *  identity field there is nothing to compare, but the engine would still keep each row). */
function floorOptions(options, path) {
  const buf = Buffer.alloc(1 << 16);
  const fd = openSync(path, 'r');
  const got = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const head = buf.subarray(0, got).toString('latin1').split(/\r?\n/)[0];
  const n = Math.max(head.split(';').length, head.split(',').length);
  const roles = {};
  for (let i = 1; i <= n; i++) roles[`#${i}`] = 'id';
  return { ...options, roles, duplicates: false };
}

/** One run of `engine` in `page`, with the RSS sampled during it. */
async function runOnce(rootPid, { page, options, floor }, engine) {
  const sampler = sampleRss(rootPid);
  const r = await page.evaluate(
    ([engine, options]) => (engine === 'papa' ? window.bench.papa() : window.bench.tamis({ options })),
    [engine, engine === 'floor' ? floor : engine === 'nodup' ? { ...options, duplicates: false } : options],
  );
  r.rss = sampler.stop();
  return r;
}

async function main() {
  const path = args.file ?? demoFile(args.rows);
  const size = statSync(path).size;
  const server = await startServer();
  const browser = await launchBrowser();
  const rootPid = browserPid();
  const foreign = [];
  try {
    const bench = await openBench(browser, server, path, foreign);
    bench.floor = floorOptions(bench.options, path);
    console.log(`browser benchmark: ${new Date().toISOString().slice(0, 10)}, Chromium ${browser.version()}, ` +
      `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${fmt(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
    console.log(`file: ${path}: ${fmt(size)} bytes (${fmt(size / MB, 1)} MB)`);
    console.log('MB = 10^6 bytes, MiB = 2^20 bytes; RSS = VmRSS; "page renderer" = the renderer process that used');
    console.log('the most CPU during the run (it runs the page and its worker), "renderers" = the sum over every');
    console.log('--type=renderer process, "tree" = the sum over every process of the browser\'s tree');
    console.log('');
    const head = 'run  engine  seconds     MB/s      rows/s   wasm MiB  page renderer RSS MiB (before)  renderers MiB  tree MiB';
    console.log(head);
    const row = (label, engine, r) => {
      const s = r.ms / 1000;
      console.log(
        `${label.padStart(3)}  ${engine.padEnd(6)}  ${fmt(s, 2).padStart(7)}  ${fmt(size / MB / s, 1).padStart(7)}  ${fmt(r.rows / s).padStart(10)}` +
          `  ${(r.wasmMemory ? fmt(r.wasmMemory / MiB, 1) : '-').padStart(9)}` +
          `  ${fmt(r.rss.page.peak / MiB).padStart(21)} (${fmt(r.rss.page.before / MiB).padStart(6)})` +
          `  ${fmt(r.rss.renderer / MiB).padStart(13)}  ${fmt(r.rss.total / MiB).padStart(8)}`,
      );
    };
    const runs = { papa: [], tamis: [], nodup: [], floor: [] };
    const engines = args.floor ? ['papa', 'tamis', 'nodup', 'floor'] : ['papa', 'tamis'];
    for (let i = 0; i < args.runs; i++) {
      for (const engine of engines) {
        const r = await runOnce(rootPid, bench, engine);
        runs[engine].push(r);
        row(String(i + 1), engine, r);
      }
    }
    await bench.context.close();
    // The memory of tamis alone: a fresh context (a fresh renderer process, no Papa garbage).
    const alone = await openBench(browser, server, path, foreign);
    const mem = await runOnce(rootPid, alone, 'tamis');
    row('mem', 'tamis', mem);
    await alone.context.close();

    const best = (rs) => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const p = best(runs.papa);
    const t = best(runs.tamis);
    const papaDataRows = p.rows - 1 - p.blank; // Papa counts the header line and the empty last line as rows
    const mbs = (r) => size / MB / (r.ms / 1000);
    const line = (name, r, rows) =>
      `${name}: best ${fmt(r.ms / 1000, 2)} s = ${fmt(mbs(r), 1)} MB/s, ${fmt(rows / (r.ms / 1000))} rows/s ` +
      `(median ${fmt(size / MB / (median(runs[name].map((x) => x.ms)) / 1000), 1)} MB/s)`;
    console.log('');
    console.log(`rows: tamis ${fmt(t.rows)} (ok ${fmt(t.ok)}, review ${fmt(t.review)}, reject ${fmt(t.reject)}); ` +
      `papa ${fmt(papaDataRows)} (${fmt(p.rows)} with the header and ${fmt(p.blank)} blank), ${fmt(p.fields)} fields, ` +
      `delimiter ${JSON.stringify(p.delimiter)}, ${fmt(p.errors)} parse errors`);
    console.log(line('papa', p, papaDataRows));
    console.log(line('tamis', t, t.rows));
    const ratio = mbs(t) / mbs(p);
    const medianRatio = median(runs.papa.map((x) => x.ms)) / median(runs.tamis.map((x) => x.ms));
    console.log(`tamis/papa = ${fmt(ratio, 2)} (best against best; medians: ${fmt(medianRatio, 2)})`);
    if (args.floor) {
      const n = best(runs.nodup);
      const f = best(runs.floor);
      console.log(`${line('nodup', n, n.rows)}: without duplicate detection`);
      console.log(`${line('floor', f, f.rows)}: no field checked, no duplicates (${fmt(f.findings)} codes found)`);
      console.log(`floor/papa = ${fmt(mbs(f) / mbs(p), 2)}: the most tamis could reach without checks and duplicates`);
      console.log(`best against best: the field checks (nodup − floor) ${fmt((n.ms - f.ms) / 1000, 2)} s = ` +
        `${fmt((n.ms - f.ms) / p.ms, 2)}× Papa Parse's parse; the duplicates (tamis − nodup) ${fmt((t.ms - n.ms) / 1000, 2)} s = ` +
        `${fmt((t.ms - n.ms) / p.ms, 2)}×`);
    }
    console.log(`goal: tamis/papa ≥ 1.0 (stretch 2.0): ${ratio >= 2 ? 'met, stretch too' : ratio >= 1 ? 'met (not the stretch)' : 'NOT MET'}`);
    const all = [...runs.tamis, mem];
    const wasmPeak = Math.max(...all.map((r) => r.wasmMemory ?? 0));
    console.log(`peak wasm memory (tamis worker's memory.buffer, every run): ${wasmPeak ? `${fmt(wasmPeak / MiB, 1)} MiB` : 'not reported by www/worker.js'}`);
    const peakOf = (rs, f) => Math.max(...rs.map(f));
    console.log(`peak RSS, tamis alone in a fresh context: page renderer ${fmt(mem.rss.page.peak / MiB)} MiB ` +
      `(${fmt(mem.rss.page.before / MiB)} MiB before the run: +${fmt((mem.rss.page.peak - mem.rss.page.before) / MiB)} MiB), ` +
      `renderers ${fmt(mem.rss.renderer / MiB)} MiB, tree ${fmt(mem.rss.total / MiB)} MiB`);
    console.log(`peak RSS in the alternating runs: page renderer ${fmt(peakOf(runs.tamis, (r) => r.rss.page.peak) / MiB)} MiB during tamis, ` +
      `${fmt(peakOf(runs.papa, (r) => r.rss.page.peak) / MiB)} MiB during papa; tree ${fmt(peakOf(runs.tamis, (r) => r.rss.total) / MiB)} MiB during tamis`);
    const rss = mem.rss.page.peak;
    const verdict = rss <= 200 * MB ? 'met' : wasmPeak <= 200 * MB ? 'met by the wasm memory, NOT by the page renderer\'s RSS' : 'NOT MET';
    const not1M = t.rows !== 1_000_000 ? ` (this file has ${fmt(t.rows)} rows, not 1M)` : '';
    console.log(`goal: memory ≤ 200 MB for 1M rows: wasm ${fmt(wasmPeak / MB)} MB, page renderer RSS ${fmt(rss / MB)} MB${not1M}: ${verdict}`);
    const progressGap = Math.max(...all.map((r) => r.maxProgressGapMs));
    console.log(`tamis progress: ${all.map((r) => r.progressEvents).join(', ')} events, largest gap ${fmt(progressGap)} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
  if (foreign.length) {
    console.error(`requests outside the local server: ${foreign.join(', ')}`);
    process.exit(1);
  }
  const notFound = server.served.filter((s) => s.startsWith('404'));
  if (notFound.length) console.error(`404s: ${notFound.join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
