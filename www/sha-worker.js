// The hashing worker (a module worker that worker.js starts for each audit or export): it
// computes the SHA-256 of the file the audit worker reads, at the same time, with the
// engine's Sha256 (SHA-256 is about a tenth of an audit in wasm, and the two run on two
// cores). It gets the engine already compiled and checked by worker.js, and the file's
// chunks once the audit worker has fed them (transferred, not copied).
//
// Messages in:  {module} (a WebAssembly.Module: instantiate it), then {chunk} (Uint8Array)
//               for every chunk in order, then {end}
// Messages out: {ready} (after {module}), {sha256} (Uint8Array, 32 bytes, after {end}),
//               {error} (a message: worker.js then hashes the file itself)

import init, { Sha256 } from './pkg/tamis.js';

let hasher = null;

onmessage = async ({ data }) => {
  try {
    if (data.module) {
      await init({ module_or_path: data.module });
      hasher = new Sha256();
      postMessage({ ready: true });
    } else if (data.chunk) {
      hasher.update(data.chunk);
    } else if (data.end) {
      postMessage({ sha256: hasher.digest() });
    }
  } catch (e) {
    postMessage({ error: String(e?.message ?? e) });
  }
};
