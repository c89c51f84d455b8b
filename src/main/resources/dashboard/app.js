// S3 Scanner dashboard: plain ES module, no build step. Everything user-controlled (keys,
// prefixes, error texts) is rendered with textContent, never as HTML.

const KEY = 'scanner.apiKey';
const RUNNING = new Set(['listing', 'processing']);
const FINISHED = new Set(['completed', 'failed', 'aborted']);
const main = document.getElementById('main');
let timer = null;

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function askKey(message) {
  return new Promise((resolve) => {
    const dialog = document.getElementById('key-dialog');
    const input = document.getElementById('key-input');
    document.getElementById('key-error').textContent = message || '';
    input.value = '';
    dialog.addEventListener('close', () => {
      if (input.value) sessionStorage.setItem(KEY, input.value);
      resolve();
    }, { once: true });
    if (!dialog.open) dialog.showModal();
  });
}

/** Calls the API with the tab's key; asks for a key when the API wants one. */
async function api(path, options = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers = { Accept: 'application/json', ...(options.headers || {}) };
    const key = sessionStorage.getItem(KEY);
    if (key) headers.Authorization = 'Bearer ' + key;
    const response = await fetch(path, { ...options, headers });
    if (response.status === 401) {
      await askKey(key ? 'That key was refused.' : '');
      continue;
    }
    const body = await response.json().catch(() => ({}));
    return { status: response.status, ok: response.ok, body };
  }
  throw new Error('No valid API key');
}

function stopPolling() {
  if (timer) clearTimeout(timer);
  timer = null;
}

function poll(fn, ms) {
  stopPolling();
  timer = setTimeout(fn, ms);
}

function progressBar(job) {
  const pct = job.total ? Math.round(((job.succeeded + job.failed) / job.total) * 1000) / 10 : (FINISHED.has(job.status) ? 100 : 0);
  return el('div', { class: 'bar', role: 'progressbar', 'aria-valuenow': pct, 'aria-valuemin': 0, 'aria-valuemax': 100, title: pct + '%' },
    el('span', { style: null, 'data-pct': pct }));
}

/** Bars get their width from a data attribute (no inline style: the CSP forbids it). */
function sizeBars(root) {
  root.querySelectorAll('[data-pct]').forEach((s) => { s.style.width = Math.min(100, Number(s.dataset.pct)) + '%'; });
}

function cacheAge(job) {
  if (job.data_source !== 'cached' || !job.cache_refreshed_at) return 'real time';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(job.cache_refreshed_at)) / 1000));
  return 'cached ' + seconds + ' s ago';
}

async function showJobs() {
  const { ok, body } = await api('/jobs?limit=100');
  if (!ok) return showError(body);
  const rows = body.jobs.map((job) => el('tr', { class: 'job', 'data-job': job.job_id, onclick: () => { location.hash = '#/jobs/' + job.job_id; } },
    el('td', {}, el('a', { href: '#/jobs/' + job.job_id }, 's3://' + job.bucket + '/' + job.prefix), el('div', { class: 'muted' }, job.created_at)),
    el('td', { class: 'status status-' + job.status }, job.status),
    el('td', {}, progressBar(job), el('div', { class: 'muted' }, (job.succeeded + job.failed) + ' / ' + job.total)),
    el('td', { class: 'hide-narrow' }, job.succeeded + ' ok, ' + job.failed + ' failed'),
    el('td', {}, job.total_findings),
    el('td', { class: 'hide-narrow' }, job.step_function_status),
    el('td', { class: 'hide-narrow muted' }, cacheAge(job))));
  const table = el('table', { id: 'jobs' },
    el('thead', {}, el('tr', {}, ['Scan', 'Status', 'Progress', 'Objects', 'Findings', 'Listing stage', 'Data'].map((h, i) =>
      el('th', { class: i === 3 || i >= 5 ? 'hide-narrow' : null }, h)))),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 7 }, 'No scans yet. ', el('a', { href: '#/new' }, 'Start one.')))));
  main.replaceChildren(el('h2', {}, 'Jobs'), table);
  sizeBars(main);
  if (body.jobs.some((j) => RUNNING.has(j.status))) poll(showJobs, 2000);
}

function showError(body) {
  main.replaceChildren(el('p', { class: 'error', id: 'page-error' }, (body && body.message) || 'The request failed.'));
}

const FIELD_OF_ERROR = {
  missing_bucket: 'bucket', invalid_bucket: 'bucket', invalid_prefix: 'prefix', invalid_include: 'include',
  invalid_exclude: 'exclude', invalid_extensions: 'extensions', invalid_max_object_size: 'max_object_size',
};

function list(text) {
  return text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

function showNewScan() {
  stopPolling();
  const field = (name, label, hint, input) => el('div', {},
    el('label', { for: 'f-' + name }, label), input, el('div', { class: 'muted' }, hint), el('p', { class: 'error', id: 'error-' + name }));
  const form = el('form', { class: 'scan', id: 'scan-form', novalidate: true },
    field('bucket', 'Bucket', 'e.g. my-data-lake', el('input', { id: 'f-bucket', name: 'bucket', autocomplete: 'off' })),
    field('prefix', 'Prefix', 'optional, e.g. exports/2024/', el('input', { id: 'f-prefix', name: 'prefix', autocomplete: 'off' })),
    field('include', 'Include', 'optional globs, one per line', el('textarea', { id: 'f-include', name: 'include', rows: 2 })),
    field('exclude', 'Exclude', 'optional globs, one per line', el('textarea', { id: 'f-exclude', name: 'exclude', rows: 2 })),
    field('extensions', 'Extensions', 'optional, e.g. csv, txt, zip', el('input', { id: 'f-extensions', name: 'extensions' })),
    field('max_object_size', 'Largest object (bytes)', 'optional', el('input', { id: 'f-max_object_size', name: 'max_object_size', inputmode: 'numeric' })),
    el('p', { class: 'error', id: 'error-form' }),
    el('button', { type: 'submit', id: 'scan-submit' }, 'Start scan'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
    const v = (name) => form.elements[name].value;
    const request = {};
    if (v('bucket')) request.bucket = v('bucket');
    if (v('prefix')) request.prefix = v('prefix');
    if (list(v('include')).length) request.include = list(v('include'));
    if (list(v('exclude')).length) request.exclude = list(v('exclude'));
    if (list(v('extensions')).length) request.extensions = list(v('extensions'));
    if (v('max_object_size').trim()) request.max_object_size = /^\d+$/.test(v('max_object_size').trim()) ? Number(v('max_object_size')) : v('max_object_size');
    const { ok, body } = await api('/scan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    if (ok) {
      location.hash = '#/jobs/' + body.job_id;
      return;
    }
    const target = document.getElementById('error-' + (FIELD_OF_ERROR[body.error] || 'form'));
    target.textContent = body.message || 'The scan was refused.';
  });
  main.replaceChildren(el('h2', {}, 'New scan'), form);
}

const SCHEDULE_FIELD_OF_ERROR = {
  missing_bucket: 'bucket', invalid_bucket: 'bucket', invalid_prefix: 'prefix', missing_cron: 'cron', invalid_cron: 'cron',
};

/** Schedules: each starts ordinary jobs on its Quartz cron (UTC); pause, resume, delete; a form to add one. */
async function showSchedules() {
  stopPolling();
  // Every page: an operator with more schedules than one page holds sees them all.
  const schedules = [];
  let cursor = null;
  do {
    const { ok, body } = await api('/schedules?limit=1000' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    if (!ok) return showError(body);
    schedules.push(...body.schedules);
    cursor = body.next_cursor;
  } while (cursor);
  const act = (label, id, path, method, question) => el('button', { type: 'button', class: 'secondary', 'data-action': label.toLowerCase(),
    onclick: async () => {
      if (question && !confirm(question)) return;
      const { ok: done, body: answer } = await api('/schedules/' + id + path, { method });
      if (!done) document.getElementById('schedule-error').textContent = answer.message;
      else showSchedules();
    } }, label);
  const rows = schedules.map((s) => el('tr', { class: 'schedule', 'data-schedule': s.schedule_id },
    el('td', {}, 's3://' + s.bucket + '/' + s.prefix, el('div', { class: 'muted' }, s.incremental ? 'incremental' : 'full scans')),
    el('td', {}, el('code', {}, s.cron), el('div', { class: 'muted' }, 'UTC')),
    el('td', { class: 'next' }, s.paused ? 'paused' : (s.next_fire_at || '')),
    el('td', { class: 'hide-narrow' }, s.last_job_id ? el('a', { href: '#/jobs/' + s.last_job_id }, s.last_fired_at) : 'not yet',
      s.last_skip_reason ? el('div', { class: 'muted skip' }, 'skipped ' + s.last_skipped_at + ': ' + s.last_skip_reason) : null),
    el('td', {}, s.paused ? act('Resume', s.schedule_id, '/resume', 'POST') : act('Pause', s.schedule_id, '/pause', 'POST'),
      ' ', act('Delete', s.schedule_id, '', 'DELETE', 'Delete this schedule? Its past jobs stay.'))));
  const table = el('table', { id: 'schedules' },
    el('thead', {}, el('tr', {}, ['Scans', 'Cron', 'Next run', 'Last run', ''].map((h, i) => el('th', { class: i === 3 ? 'hide-narrow' : null }, h)))),
    el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 5 }, 'No schedules yet.'))));

  const field = (name, label, hint, input) => el('div', {},
    el('label', { for: 's-' + name }, label), input, el('div', { class: 'muted' }, hint), el('p', { class: 'error', id: 'schedule-error-' + name }));
  const form = el('form', { class: 'scan', id: 'schedule-form', novalidate: true },
    field('bucket', 'Bucket', 'e.g. my-data-lake', el('input', { id: 's-bucket', name: 'bucket', autocomplete: 'off' })),
    field('prefix', 'Prefix', 'optional', el('input', { id: 's-prefix', name: 'prefix', autocomplete: 'off' })),
    field('cron', 'Cron (Quartz, UTC)', 'seconds minutes hours day-of-month month day-of-week, e.g. 0 0 2 * * ? for 02:00 every day',
      el('input', { id: 's-cron', name: 'cron', autocomplete: 'off' })),
    el('div', {}, el('label', { for: 's-incremental', class: 'check' }, el('input', { id: 's-incremental', name: 'incremental', type: 'checkbox' }),
      ' Incremental: scan only what changed since the last completed run')),
    el('p', { class: 'error', id: 'schedule-error' }),
    el('button', { type: 'submit', id: 'schedule-submit' }, 'Add schedule'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.error').forEach((e) => { e.textContent = ''; });
    const request = { bucket: form.elements.bucket.value, cron: form.elements.cron.value, incremental: form.elements.incremental.checked };
    if (form.elements.prefix.value) request.prefix = form.elements.prefix.value;
    if (!request.bucket) delete request.bucket;
    if (!request.cron) delete request.cron;
    const { ok: created, body: answer } = await api('/schedules', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
    if (created) return showSchedules();
    const field = SCHEDULE_FIELD_OF_ERROR[answer.error];
    document.getElementById(field ? 'schedule-error-' + field : 'schedule-error').textContent = answer.message || 'The schedule was refused.';
  });
  main.replaceChildren(el('h2', {}, 'Schedules'), table, el('p', { class: 'error', id: 'schedule-error-list' }), el('h2', {}, 'New schedule'), form);
}

function findingsView(jobId) {
  const state = { cursors: [null], page: 0 };
  const key = el('input', { id: 'filter-key', placeholder: 'object key' });
  const detector = el('input', { id: 'filter-detector', placeholder: 'detector, e.g. US_SSN' });
  const body = el('tbody');
  const info = el('span', { class: 'muted', id: 'findings-page' });
  const prev = el('button', { class: 'secondary', id: 'findings-prev', type: 'button' }, 'Previous');
  const next = el('button', { class: 'secondary', id: 'findings-next', type: 'button' }, 'Next');
  const error = el('p', { class: 'error', id: 'findings-error' });
  async function load() {
    const params = new URLSearchParams({ limit: '20' });
    if (key.value.trim()) params.set('key', key.value.trim());
    if (detector.value.trim()) params.set('detector', detector.value.trim());
    const cursor = state.cursors[state.page];
    if (cursor) params.set('cursor', cursor);
    const { ok, body: page } = await api('/jobs/' + jobId + '/findings?' + params);
    error.textContent = ok ? '' : page.message;
    if (!ok) return;
    state.cursors[state.page + 1] = page.next_cursor;
    body.replaceChildren(...page.findings.map((f) => el('tr', { class: 'finding' },
      el('td', { class: 'key' }, f.key), el('td', { class: 'location hide-narrow' }, f.location === f.key ? '' : f.location),
      el('td', {}, f.line), el('td', {}, f.detector), el('td', {}, el('code', {}, f.masked)))));
    if (!page.findings.length) body.replaceChildren(el('tr', {}, el('td', { colspan: 5 }, 'No findings.')));
    info.textContent = 'page ' + (state.page + 1);
    prev.disabled = state.page === 0;
    next.disabled = !page.next_cursor;
  }
  prev.addEventListener('click', () => { state.page--; load(); });
  next.addEventListener('click', () => { state.page++; load(); });
  const apply = el('button', { type: 'button', class: 'secondary', id: 'filter-apply', onclick: () => { state.cursors = [null]; state.page = 0; load(); } }, 'Filter');
  const section = el('section', {},
    el('h2', {}, 'Findings'),
    el('div', { class: 'filters' }, key, detector, apply),
    error,
    el('table', { id: 'findings' }, el('thead', {}, el('tr', {}, el('th', {}, 'Key'), el('th', { class: 'hide-narrow' }, 'Location'),
      el('th', {}, 'Line'), el('th', {}, 'Detector'), el('th', {}, 'Masked value'))), body),
    el('div', { class: 'pager' }, info, prev, next));
  return { section, load };
}

async function chart(jobId) {
  const { ok, body } = await api('/jobs/' + jobId + '/detectors');
  const box = el('div', { class: 'chart', id: 'detector-chart', role: 'img', 'aria-label': 'Findings by detector' });
  if (!ok || !body.detectors.length) {
    box.append(el('span', { class: 'muted' }, 'No findings by detector yet.'));
    return box;
  }
  const most = Math.max(...body.detectors.map((d) => d.findings));
  for (const d of body.detectors) {
    box.append(el('div', { class: 'row', 'data-detector': d.detector },
      el('span', {}, d.detector), el('div', { class: 'bar' }, el('span', { class: 'fill', 'data-pct': (d.findings / most) * 100 })),
      el('span', { class: 'count' }, d.findings)));
  }
  sizeBars(box);
  return box;
}

async function failedObjects(jobId) {
  const { ok, body } = await api('/jobs/' + jobId + '/objects?status=failed&limit=100');
  const rows = ok ? body.objects.map((o) => el('tr', { class: 'failed-object' }, el('td', {}, o.key), el('td', {}, o.error))) : [];
  return el('section', {}, el('h2', {}, 'Failed objects'),
    el('table', { id: 'failed' }, el('thead', {}, el('tr', {}, el('th', {}, 'Key'), el('th', {}, 'Reason'))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 2 }, 'None.')))));
}

async function showJob(jobId) {
  const { ok, body: job } = await api('/jobs/' + jobId + '?real_time=true');
  if (!ok) return showError(job);
  const summary = el('section', { id: 'job-summary' });
  const abort = el('button', { class: 'danger', id: 'abort', type: 'button' }, 'Abort');
  abort.addEventListener('click', async () => {
    if (!confirm('Abort this scan? Objects not yet scanned will not be.')) return;
    const { ok: aborted, body } = await api('/jobs/' + jobId + '/abort', { method: 'POST' });
    if (!aborted) document.getElementById('abort-error').textContent = body.message;
    refresh();
  });
  const findings = findingsView(jobId);
  const lower = el('div', { id: 'job-details' });
  main.replaceChildren(el('h2', {}, 's3://' + job.bucket + '/' + job.prefix), summary,
    el('div', {}, abort, el('p', { class: 'error', id: 'abort-error' })), lower);
  let lastStatus = null;
  async function refresh() {
    const { ok: fresh, body: j } = await api('/jobs/' + jobId + '?real_time=true');
    if (!fresh) return;
    summary.replaceChildren(...[
      el('p', {}, el('span', { class: 'status status-' + j.status, id: 'job-status' }, j.status), ' — ', j.status_message,
        el('span', { class: 'muted' }, ' (listing stage ' + j.step_function_status + ')')),
      progressBar(j),
      el('div', { class: 'cards' }, [['total', j.total], ['queued', j.queued], ['processing', j.processing],
        ['succeeded', j.succeeded], ['failed', j.failed], ['findings', j.total_findings]]
        .concat(j.baseline_job_id ? [['unchanged', j.unchanged_objects], ['deleted', j.deleted_objects ?? '…']] : [])
        .map(([name, value]) => el('div', { class: 'card' }, el('b', { id: 'count-' + name }, value), name))),
      j.baseline_job_id ? el('p', { class: 'muted', id: 'job-baseline' }, 'Incremental: compared with ',
        el('a', { href: '#/jobs/' + j.baseline_job_id }, 'its baseline'), '; unchanged objects were not downloaded again.') : null,
      j.schedule_id ? el('p', { class: 'muted', id: 'job-schedule' }, 'Started by ', el('a', { href: '#/schedules' }, 'a schedule'), '.') : null].filter(Boolean));
    sizeBars(summary);
    abort.disabled = FINISHED.has(j.status);
    if (j.status !== lastStatus) {
      lastStatus = j.status;
      lower.replaceChildren(el('h2', {}, 'Findings by detector'), await chart(jobId), findings.section, await failedObjects(jobId));
      findings.load();
    }
    if (RUNNING.has(j.status)) poll(refresh, 1500);
    else stopPolling();
  }
  await refresh();
}

function route() {
  stopPolling();
  const hash = location.hash || '#/';
  const job = hash.match(/^#\/jobs\/([0-9a-fA-F-]{36})$/);
  if (job) return showJob(job[1]);
  if (hash === '#/new') return showNewScan();
  if (hash === '#/schedules') return showSchedules();
  return showJobs();
}

window.addEventListener('hashchange', route);
route();
