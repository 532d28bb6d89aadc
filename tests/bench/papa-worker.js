// The Papa Parse side of the browser benchmark: a classic worker (Papa Parse is a UMD script,
// which does not load as an ES module), so it is brought in with importScripts. It parses the
// File it is handed with Papa Parse's own streaming FileStreamer (FileReader on 10 MB slices,
// the library's default `Papa.LocalChunkSize`) and the `chunk` callback, and keeps only counts:
// parse only, no per-row work, nothing posted back but the totals.
//
// Messages in:  {type:'parse', file, encoding}
// Messages out: {type:'ready'}
//               {type:'progress', rows}            once per chunk
//               {type:'done', rows, blank, fields, bytes, delimiter, errors, ms}
//               {type:'error', message}

importScripts('./vendor/papaparse.min.js');

postMessage({ type: 'ready' });

self.onmessage = (event) => {
  const { file, encoding } = event.data;
  const started = performance.now();
  let rows = 0;
  let fields = 0;
  let errors = 0;
  let blank = 0; // rows of one empty field (Papa gives one for the final line break)
  let delimiter = null;
  try {
    Papa.parse(file, {
      encoding: encoding || undefined,
      delimiter: '', // guessed, as tamis does
      header: false,
      skipEmptyLines: false,
      chunk(results) {
        const data = results.data;
        rows += data.length;
        for (let i = 0; i < data.length; i++) {
          fields += data[i].length;
          if (data[i].length === 1 && data[i][0] === '') blank += 1;
        }
        errors += results.errors.length;
        delimiter ??= results.meta.delimiter;
        postMessage({ type: 'progress', rows });
      },
      complete() {
        postMessage({ type: 'done', rows, blank, fields, errors, delimiter, bytes: file.size, ms: performance.now() - started });
      },
      error(e) {
        postMessage({ type: 'error', message: String(e?.message ?? e) });
      },
    });
  } catch (e) {
    postMessage({ type: 'error', message: String(e?.message ?? e) });
  }
};
