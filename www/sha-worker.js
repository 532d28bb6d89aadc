// The hashing worker (a module worker that worker.js starts once, with the engine): it
// computes the SHA-256 of each file the audit worker reads, at the same time, with the
// engine's Sha256 (SHA-256 is about a tenth of an audit in wasm, and the two run on two
// cores). It gets the engine already compiled and checked by worker.js, and each file's
// chunks once the audit worker has fed them (transferred, not copied).
//
// Messages in:  {module} (a WebAssembly.Module: instantiate it, once); then per file `id`:
//               {id, chunk} (Uint8Array) for every chunk in order, then {id, end}, or
//               {id, drop} (the run stopped: forget it)
// Messages out: {ready} (after {module}), {id, sha256} (Uint8Array, 32 bytes, after end),
//               {error} (a message: worker.js then hashes files itself)

import init, { Sha256 } from './pkg/tamis.js';

const runs = new Map(); // id -> Sha256

function take(id) {
  const sha = runs.get(id);
  runs.delete(id);
  return sha;
}

onmessage = async ({ data }) => {
  try {
    if (data.module) {
      await init({ module_or_path: data.module });
      postMessage({ ready: true });
    } else if (data.chunk) {
      let sha = runs.get(data.id);
      if (!sha) runs.set(data.id, (sha = new Sha256()));
      sha.update(data.chunk);
    } else if (data.end) {
      const sha = take(data.id) ?? new Sha256(); // an empty file sends no chunk
      postMessage({ id: data.id, sha256: sha.digest() });
      sha.free();
    } else if (data.drop) {
      take(data.id)?.free();
    }
  } catch (e) {
    postMessage({ error: String(e?.message ?? e) });
  }
};
