// embed-demo.html's script: what a host page writes to use tamis (EMBEDDING.md).
//
// 1. The <tamis-audit> element: its attributes are driven by the form above it (a change
//    applies at once), and its `tamis-progress`, `tamis-report` and `tamis-error` events
//    are logged.
// 2. The iframe (frame.html): the page waits for its `ready`, sends it files with
//    {tamis: 1, type: 'audit', id, file}, and logs its `progress`, `report` and `error`
//    messages. It takes messages only from that iframe's window (event.source) at the
//    frame's origin (event.origin), and posts only to that origin.
//
// ?frame=URL puts another frame URL in the iframe (the tamis site on another origin, say;
// this page's CSP must then allow it in frame-src). The frame is told this page's origin
// with ?parent= (for the browsers without location.ancestorOrigins).
//
// Everything received is shown with textContent. Nothing here is sent anywhere.

const PROTOCOL = 1;
const widget = document.getElementById('widget');
const iframe = document.getElementById('frame');
const log = document.getElementById('log');
const frameFile = document.getElementById('frame-file');
const frameDemo = document.getElementById('frame-demo-file');
const frameStatus = document.getElementById('frame-status');

/** One line of the log; progress events update their run's line (with a count). */
function entry(source, type, run, text) {
  let li = null;
  if (type.endsWith('progress')) li = log.querySelector(`li[data-source="${source}"][data-type="${type}"][data-run="${run}"]`);
  if (!li) {
    li = document.createElement('li');
    li.dataset.source = source;
    li.dataset.type = type;
    li.dataset.run = String(run);
    li.dataset.count = '0';
    log.append(li);
  }
  li.dataset.count = String(Number(li.dataset.count) + 1);
  const label = document.createElement('code');
  label.textContent = `${source} · ${type}`;
  li.replaceChildren(label, ` ${text}`);
}

const progressText = ({ name, phase, bytes, total, rows }) => `${name} (${phase}): ${bytes} of ${total ?? '?'} bytes, ${rows ?? 0} rows`;
const reportText = ({ name, report }) =>
  `${name}: ${report.input?.rows ?? 0} rows (${report.rows?.ok ?? 0} ok, ${report.rows?.review ?? 0} to review, ${report.rows?.reject ?? 0} to reject), score ${report.score?.value ?? '?'}`;

// ---- 1. the element -------------------------------------------------------------------

widget.addEventListener('tamis-progress', (e) => entry('element', 'tamis-progress', e.detail.run, progressText(e.detail)));
widget.addEventListener('tamis-report', (e) => {
  entry('element', 'tamis-report', e.detail.run, reportText(e.detail));
  document.getElementById('element-report').textContent = JSON.stringify(e.detail.report, null, 2);
});
widget.addEventListener('tamis-error', (e) => entry('element', 'tamis-error', e.detail.run, `${e.detail.name}: ${e.detail.message}`));

const form = document.getElementById('attrs');
const syncForm = () => {
  document.getElementById('a-lang').value = widget.getAttribute('lang') ?? 'en';
  document.getElementById('a-channel').value = widget.getAttribute('channel') ?? 'email';
  const hidden = (widget.getAttribute('hide') ?? '').split(/\s+/);
  for (const box of form.elements.hide) box.checked = hidden.includes(box.value);
};
syncForm();
form.addEventListener('change', () => {
  widget.setAttribute('lang', document.getElementById('a-lang').value);
  widget.setAttribute('channel', document.getElementById('a-channel').value);
  widget.setAttribute('hide', [...form.elements.hide].filter((b) => b.checked).map((b) => b.value).join(' '));
});

// ---- 2. the iframe --------------------------------------------------------------------

function frameUrl() {
  const asked = new URLSearchParams(location.search).get('frame');
  let url = new URL('frame.html?lang=en&hide=owner', location.href);
  if (asked) {
    try {
      const u = new URL(asked, location.href);
      if (u.protocol === 'https:' || u.protocol === 'http:') url = u;
    } catch {
      // keep the default
    }
  }
  url.searchParams.set('parent', location.origin);
  return url;
}

const FRAME_URL = frameUrl();
const FRAME_ORIGIN = FRAME_URL.origin;
let nextId = 1;

function toFrame(message) {
  iframe.contentWindow.postMessage({ tamis: PROTOCOL, ...message }, FRAME_ORIGIN);
}

window.addEventListener('message', (event) => {
  // Only the iframe's window, at the frame's origin.
  if (event.source !== iframe.contentWindow || event.origin !== FRAME_ORIGIN) return;
  const m = event.data;
  if (!m || m.tamis !== PROTOCOL) return;
  switch (m.type) {
    case 'ready':
      frameStatus.textContent = 'The frame is ready.';
      frameStatus.dataset.ready = 'true';
      frameFile.disabled = false;
      frameDemo.disabled = false;
      entry('frame', 'ready', '', `protocol ${m.protocol}`);
      break;
    case 'progress':
      entry('frame', 'progress', m.run, `request ${m.id ?? '(in the frame)'} · ${progressText(m)}`);
      break;
    case 'report':
      entry('frame', 'report', m.run, `request ${m.id ?? '(in the frame)'} · ${reportText(m)}`);
      document.getElementById('frame-report').textContent = JSON.stringify(m.report, null, 2);
      break;
    case 'error':
      entry('frame', 'error', m.run ?? '', `request ${m.id ?? '-'} · ${m.name}: ${m.message}`);
      break;
    default:
      break;
  }
});

frameFile.addEventListener('change', () => {
  const file = frameFile.files?.[0];
  if (file) toFrame({ type: 'audit', id: `file-${nextId++}`, file });
  frameFile.value = '';
});
frameDemo.addEventListener('click', () => toFrame({ type: 'demo', id: `demo-${nextId++}` }));

// The listener is in place before the frame loads: its first `ready` is not missed.
iframe.src = FRAME_URL.href;
