// @brief The analyst search page: the whole view is a function of the URL's query string,
// rendered from the service's JSON API (docs/http-service.md, docs/json-output.md).

const PAGE_SIZE = 10;
// offset is capped at 10,000 by the service.
const MAX_PAGE = Math.floor(10000 / PAGE_SIZE) + 1;
// Large enough for every year of a long archive in the histogram; lists show fewer.
const FACET_SIZE = 300;
const FACET_SHOWN = 8;
const SUGGEST_DELAY_MS = 120;
const TOKEN_KEY = 'diplosearch-token';
const SORTS = ['relevance', '-date', 'date'];
const LIST_FACETS = [
  { name: 'country', label: 'Country' },
  { name: 'topic', label: 'Topic' },
  { name: 'type', label: 'Type' },
];

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- state <-> URL

function readState(search) {
  const p = new URLSearchParams(search);
  const sort = p.get('sort');
  return {
    q: p.get('q') ?? '',
    country: p.getAll('country'),
    topic: p.getAll('topic'),
    type: p.getAll('type'),
    year: p.get('year') ?? '',
    sort: SORTS.includes(sort) ? sort : 'relevance',
    page: Math.min(MAX_PAGE, Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1)),
    dup: p.get('duplicates-of') ?? '',
    exact: p.get('exact') === '1',
    doc: p.get('doc') ?? '',
  };
}

function stateSearch(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of LIST_FACETS) for (const v of s[f.name]) p.append(f.name, v);
  if (s.year) p.set('year', s.year);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  if (s.dup) p.set('duplicates-of', s.dup);
  if (s.exact) p.set('exact', '1');
  if (s.doc) p.set('doc', s.doc);
  const text = p.toString();
  return text ? `?${text}` : location.pathname;
}

function href(s) {
  return stateSearch(s);
}

let state = readState(location.search);

function navigate(next, { replace = false } = {}) {
  state = next;
  const url = stateSearch(next);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

// A new search or filter starts again at page 1 in the result list.
function withFilters(changes) {
  return { ...state, ...changes, page: 1, doc: '' };
}

function hasFilters(s) {
  return LIST_FACETS.some((f) => s[f.name].length > 0) || s.year !== '' || s.dup !== '';
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(kind, status, detail) {
    super(detail?.message ?? kind);
    this.kind = kind; // 'unreachable', 'unauthorized' or 'http'
    this.status = status;
    this.detail = detail; // the service's `error` object, when it sent one
  }
}

async function api(path, params = [], signal = undefined) {
  const url = new URL(path, document.baseURI);
  for (const [name, value] of params) url.searchParams.append(name, String(value));
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  let body = null;
  try {
    response = await fetch(url, { headers, signal, cache: 'no-store' });
    body = await response.json().catch(() => null);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError('unreachable', 0, null);
  }
  if (!response.ok) {
    throw new ApiError(response.status === 401 ? 'unauthorized' : 'http', response.status,
      body?.error ?? null);
  }
  return body;
}

function searchParams(s) {
  const p = [['q', s.q]];
  for (const f of LIST_FACETS) for (const v of s[f.name]) p.push([f.name, v]);
  if (s.year) p.push(['year', s.year]);
  if (s.sort !== 'relevance') p.push(['sort', s.sort]);
  if (s.dup) p.push(['duplicates-of', s.dup]);
  if (s.q && !s.exact && !s.dup) p.push(['auto-correct', '1']);
  p.push(['limit', PAGE_SIZE], ['offset', (s.page - 1) * PAGE_SIZE], ['facet-size', FACET_SIZE]);
  return p;
}

// ---------------------------------------------------------------- countries

// alpha-3 -> { alpha2, name }, from the gazetteer the indexer uses (served as countries.tsv).
const countries = new Map();
let countriesLoaded = null;

function loadCountries() {
  countriesLoaded ??= fetch(new URL('countries.tsv', document.baseURI))
    .then((r) => (r.ok ? r.text() : ''))
    .then((text) => {
      for (const line of text.split('\n')) {
        if (!line || line.startsWith('#') || line.startsWith('alpha3\t')) continue;
        const [alpha3, alpha2, name] = line.split('\t');
        if (alpha3 && name) countries.set(alpha3, { alpha2: alpha2 ?? '', name });
      }
    })
    .catch(() => {});
  return countriesLoaded;
}

// Regional-indicator flags are one glyph only with a colour emoji font; without one they
// are two boxes, so the alpha-2 code is shown instead.
const flagsRender = (() => {
  try {
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '32px sans-serif';
    return ctx.measureText('\u{1F1FA}\u{1F1F3}').width < 1.5 * ctx.measureText('\u{1F1FA}').width;
  } catch {
    return false;
  }
})();

function countryName(code) {
  return countries.get(code)?.name ?? code;
}

function flagNode(code) {
  const alpha2 = countries.get(code)?.alpha2 ?? '';
  const span = el('span', { class: 'flag', 'aria-hidden': 'true', title: code });
  if (/^[A-Z]{2}$/.test(alpha2) && flagsRender) {
    span.textContent = String.fromCodePoint(...[...alpha2].map((c) => 0x1f1a5 + c.charCodeAt(0)));
  } else {
    span.classList.add('flag-code');
    span.textContent = alpha2 || code;
  }
  return span;
}

function countryNode(code) {
  return el('span', { class: 'country' }, flagNode(code), ` ${countryName(code)}`);
}

// ---------------------------------------------------------------- DOM helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

function navLink(s, text, attrs = {}) {
  return el('a', { href: href(s), 'data-nav': true, ...attrs }, text);
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name];
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X'
        ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    return whole;
  });
}

// Snippets arrive HTML-escaped with <b> around matches. Only those two tags become
// elements; everything else is decoded to text, so no markup from a document can run.
function snippetNode(snippet) {
  const p = el('p', { class: 'snippet' });
  let bold = false;
  for (const part of snippet.split(/(<\/?b>)/)) {
    if (part === '<b>') bold = true;
    else if (part === '</b>') bold = false;
    else if (part) {
      const text = decodeEntities(part);
      p.append(bold ? el('mark', {}, text) : document.createTextNode(text));
    }
  }
  return p;
}

function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function formatDate(date) {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (!m) return String(y);
  const month = new Date(Date.UTC(2000, m - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  return d ? `${d} ${month} ${y}` : `${month} ${y}`;
}

// Topic and type slugs (`press-release`) read as words.
function slugLabel(slug) {
  return slug.replaceAll('-', ' ').replaceAll('_', ' ');
}


function setHidden(node, hidden) {
  node.hidden = hidden;
}

// ---------------------------------------------------------------- messages

function showNotice(message, { retry = false, extra = null } = {}) {
  const notice = $('notice');
  notice.replaceChildren(el('p', {}, message));
  if (extra) notice.append(extra);
  if (retry) notice.append(el('button', { type: 'button', onclick: () => render() }, 'Try again'));
  setHidden(notice, false);
}

function clearNotice() {
  $('notice').replaceChildren();
  setHidden($('notice'), true);
}

function showError(error) {
  if (error.kind === 'unreachable') {
    showNotice('The search service cannot be reached. It may be stopped or restarting; ' +
      'check that diplo-serve is running, then try again.', { retry: true });
  } else if (error.kind === 'unauthorized') {
    const had = sessionStorage.getItem(TOKEN_KEY);
    $('token-message').textContent = had
      ? 'The access token was not accepted. Enter a valid token.'
      : 'This search service needs an access token.';
    setHidden($('token-form'), false);
    clearNotice();
    $('token').focus();
  } else if (error.status === 400 && error.detail?.parameter === 'q') {
    showNotice(`This query cannot be searched: ${error.detail.message}. ` +
      'Check its quotes, brackets and operators (see "Query syntax").');
  } else if (error.status === 400) {
    const name = error.detail?.parameter;
    showNotice(`${name ? `The filter "${name}" was not accepted` : 'The request was refused'}: ` +
      `${error.detail?.message ?? 'bad request'}.`, {
      extra: el('p', {}, navLink({ ...readState(''), q: state.q }, 'Search without filters')),
    });
  } else if (error.status === 503) {
    showNotice('The service is busy. Try again in a moment.', { retry: true });
  } else if (error.status === 404) {
    showNotice(error.detail?.message ? `Not found: ${error.detail.message}.` : 'Not found.');
  } else {
    showNotice(`The service answered with an error (${error.status}): ` +
      `${error.detail?.message ?? 'unknown error'}.`, { retry: true });
  }
}

// ---------------------------------------------------------------- rendering

let current = null; // AbortController of the render in progress
let lastResults = null;
const expandedFacets = new Set();

async function render() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const s = state;
  closeSuggestions();
  $('q').value = s.q;
  $('sort').value = s.sort;
  document.body.classList.toggle('doc-open', s.doc !== '');
  $('content').setAttribute('aria-busy', 'true');
  try {
    if (s.doc) await renderDocument(s, controller.signal);
    else await renderSearch(s, controller.signal);
    if (controller.signal.aborted) return;
    setHidden($('token-form'), true);
    document.body.classList.remove('failed');
  } catch (error) {
    if (error.name === 'AbortError' || controller.signal.aborted) return;
    document.body.classList.add('failed');
    showError(error);
    for (const id of ['results', 'facets', 'chips']) $(id).replaceChildren();
    $('document').replaceChildren();
    setHidden($('pagination'), true);
    setHidden($('spelling'), true);
    setHidden($('welcome'), true);
    $('result-count').textContent = '';
    if (error.kind === 'unreachable' || error.status >= 500) renderChips(s);
  } finally {
    if (current === controller) $('content').removeAttribute('aria-busy');
  }
}

async function renderSearch(s, signal) {
  // Country names load beside the first search, not before it.
  const [results] = await Promise.all([api('search', searchParams(s), signal), loadCountries()]);
  if (signal.aborted) return;
  lastResults = results;
  for (const f of Object.values(results.facets ?? {})) {
    for (const v of f.values) if (/^[A-Z]{3}$/.test(v.value) && !countries.has(v.value)) {
      countries.set(v.value, { alpha2: '', name: v.label });
    }
  }
  clearNotice();
  $('document').replaceChildren();
  setHidden($('document'), true);
  setHidden($('toolbar'), false);
  const browsing = !s.q && !hasFilters(s);
  setHidden($('welcome'), !browsing);
  if (browsing) {
    $('welcome-stats').textContent =
      `${plural(results.total + results.collapsed, 'document')} in the index. Browse them below or search.`;
  }
  renderCount(s, results);
  renderSpelling(s, results);
  renderChips(s);
  renderFacets(s, results.facets ?? {});
  renderHits(s, results);
  renderPagination(s, results);
  document.title = s.q ? `${s.q} – DiploSearch` : 'DiploSearch';
  performance.mark('diplo:results');
}

function renderCount(s, r) {
  const searched = r.corrected_query ?? r.query;
  let what = searched ? ` for “${searched}”` : hasFilters(s) ? '' : ' for all documents';
  if (r.duplicates_of) what = ` among copies of ${r.duplicates_of}`;
  let text = `${plural(r.total, 'result')}${what}`;
  if (r.collapsed > 0) text += ` (${plural(r.collapsed, 'near-duplicate')} collapsed)`;
  if (r.hits.length > 0) text += `, showing ${r.hits[0].rank}–${r.hits[r.hits.length - 1].rank}`;
  const count = $('result-count');
  count.replaceChildren(text);
  if (r.all_words !== undefined && r.all_words < r.total) {
    count.append(el('span', { class: 'relaxed' },
      `${r.all_words.toLocaleString('en')} with every word, then ${(r.total - r.all_words).toLocaleString('en')} with some of them`));
  }
}

function renderSpelling(s, r) {
  const box = $('spelling');
  box.replaceChildren();
  if (r.corrected_query) {
    box.append(el('p', {},
      `No document has every word of “${r.query}”; showing results for `,
      el('strong', {}, r.corrected_query), '. ',
      navLink({ ...s, exact: true, page: 1 }, `Search for “${r.query}” instead`)));
  } else if (r.suggestion) {
    box.append(el('p', {}, 'Did you mean: ',
      navLink(withFilters({ q: r.suggestion, exact: false }), r.suggestion, { class: 'did-you-mean' }), '?'));
  }
  setHidden(box, box.childElementCount === 0);
}

function yearLabel(year) {
  const [from, to] = year.split('..');
  if (to === undefined) return from;
  if (!from) return `up to ${to}`;
  if (!to) return `${from} onwards`;
  return `${from}–${to}`;
}

function renderChips(s) {
  const chips = [];
  const chip = (label, next) => el('button', {
    type: 'button', class: 'chip', 'aria-label': `Remove filter ${label}`,
    onclick: () => navigate(next),
  }, label, el('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'));
  for (const f of LIST_FACETS) {
    for (const v of s[f.name]) {
      const name = f.name === 'country' ? countryName(v) : slugLabel(v);
      chips.push(chip(`${f.label}: ${name}`,
        withFilters({ [f.name]: s[f.name].filter((x) => x !== v) })));
    }
  }
  if (s.year) chips.push(chip(`Year: ${yearLabel(s.year)}`, withFilters({ year: '' })));
  if (s.dup) chips.push(chip(`Copies of: ${s.dup}`, withFilters({ dup: '' })));
  const box = $('chips');
  box.replaceChildren(...chips);
  if (chips.length > 1) {
    box.append(el('button', {
      type: 'button', class: 'chip-clear',
      onclick: () => navigate(withFilters({ country: [], topic: [], type: [], year: '', dup: '' })),
    }, 'Clear all filters'));
  }
  selectedFilterCount = chips.length;
  updateFiltersToggle();
}

let selectedFilterCount = 0;

// The toggle only shows on narrow screens, where the facets fold away.
function updateFiltersToggle() {
  const open = document.body.classList.contains('filters-open');
  const count = selectedFilterCount ? ` (${selectedFilterCount})` : '';
  $('filters-toggle').textContent = `${open ? 'Hide' : 'Show'} filters${count}`;
  $('filters-toggle').setAttribute('aria-expanded', String(open));
}

// Re-rendering replaces the sidebar's nodes; focus goes back to the same control.
function keepingFocus(draw) {
  const id = document.activeElement?.id;
  draw();
  if (id && document.activeElement?.id !== id) $(id)?.focus();
}

function renderFacets(s, facets) {
  keepingFocus(() => {
    const box = $('facets');
    box.replaceChildren();
    for (const f of LIST_FACETS) {
      const facet = facets[f.name];
      if (!facet) continue;
      box.append(listFacet(s, f, facet));
    }
    if (facets.year) box.append(yearFacet(s, facets.year));
  });
}

function listFacet(s, f, facet) {
  const selected = s[f.name];
  const values = [...facet.values];
  for (const v of selected) {
    if (!values.some((x) => x.value === v)) values.push({ value: v, label: v, count: 0 });
  }
  const expanded = expandedFacets.has(f.name);
  const shown = values.filter((v, i) => expanded || i < FACET_SHOWN || selected.includes(v.value));
  const fieldset = el('fieldset', { class: 'facet', 'data-facet': f.name },
    el('legend', {}, f.label));
  if (values.length === 0) fieldset.append(el('p', { class: 'facet-empty' }, 'none'));
  const list = el('ul', {});
  for (const v of shown) {
    const id = `f-${f.name}-${v.value.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const checked = selected.includes(v.value);
    const label = f.name === 'country' ? countryNode(v.value) : slugLabel(v.label);
    list.append(el('li', {},
      el('input', {
        type: 'checkbox', id, value: v.value, checked,
        onchange: () => navigate(withFilters({
          [f.name]: checked ? selected.filter((x) => x !== v.value) : [...selected, v.value],
        })),
      }),
      el('label', { for: id },
        el('span', { class: 'facet-label' }, label),
        el('span', { class: 'count', 'aria-label': `${v.count} documents` }, v.count.toLocaleString('en')))));
  }
  fieldset.append(list);
  if (values.length > FACET_SHOWN) {
    fieldset.append(el('button', {
      type: 'button', class: 'facet-more', id: `more-${f.name}`, 'aria-expanded': String(expanded),
      onclick: () => {
        if (expanded) expandedFacets.delete(f.name); else expandedFacets.add(f.name);
        renderFacets(state, lastResults?.facets ?? {});
      },
    }, expanded ? 'Show fewer' : `Show all ${facet.distinct > values.length ? facet.distinct : values.length}`));
  }
  return fieldset;
}

function parseYearRange(year) {
  if (!year) return [null, null];
  const [from, to] = year.split('..');
  if (to === undefined) return [Number(from), Number(from)];
  return [from ? Number(from) : null, to ? Number(to) : null];
}

function yearFacet(s, facet) {
  const counts = new Map(facet.values.map((v) => [Number(v.value), v.count]));
  const years = [...counts.keys()].filter(Number.isFinite);
  const [selFrom, selTo] = parseYearRange(s.year);
  const fieldset = el('fieldset', { class: 'facet facet-year', 'data-facet': 'year' },
    el('legend', {}, 'Year'));
  if (years.length === 0 && selFrom === null && selTo === null) {
    fieldset.append(el('p', { class: 'facet-empty' }, 'none'));
    return fieldset;
  }
  const first = Math.min(...years, ...[selFrom, selTo].filter((y) => y !== null));
  const last = Math.max(...years, ...[selFrom, selTo].filter((y) => y !== null));
  const n = last - first + 1;
  const max = Math.max(1, ...counts.values());
  const inRange = (y) => (selFrom === null || y >= selFrom) && (selTo === null || y <= selTo);
  const filtered = s.year !== '';

  const width = Math.max(n * 10, 100);
  const height = 64;
  const barWidth = width / n;
  const drawn = Math.min(barWidth * 0.8, width / 10);
  const chart = svg('svg', {
    class: 'histogram', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': `Documents per year from ${first} to ${last}; drag across the bars to choose a range`,
  });
  const brush = svg('rect', { class: 'brush', x: 0, y: 0, width: 0, height, visibility: 'hidden' });
  chart.append(brush);
  for (let i = 0; i < n; i += 1) {
    const year = first + i;
    const count = counts.get(year) ?? 0;
    const h = count ? Math.max(2, (count / max) * (height - 2)) : 0;
    const bar = svg('rect', {
      class: `bar${filtered && inRange(year) ? ' selected' : ''}`,
      // A few years must not become slabs: bars are at most a tenth of the chart wide.
      x: i * barWidth + (barWidth - drawn) / 2, y: height - h, width: drawn, height: h,
      'data-year': year,
    });
    const title = svg('title');
    title.textContent = `${year}: ${plural(count, 'document')}`;
    bar.append(title);
    chart.append(bar);
    // A full-height hit area, so thin bars are easy to click and hover.
    chart.append(svg('rect', { class: 'hit-area', x: i * barWidth, y: 0, width: barWidth, height }));
  }

  let start = null;
  const indexAt = (event) => {
    const box = chart.getBoundingClientRect();
    return Math.min(n - 1, Math.max(0, Math.floor(((event.clientX - box.left) / box.width) * n)));
  };
  const showBrush = (a, b) => {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    brush.setAttribute('x', lo * barWidth);
    brush.setAttribute('width', (hi - lo + 1) * barWidth);
    brush.setAttribute('visibility', 'visible');
    readout.textContent = lo === hi ? `${first + lo}` : `${first + lo}–${first + hi}`;
  };
  chart.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    start = indexAt(event);
    chart.setPointerCapture(event.pointerId);
    showBrush(start, start);
    event.preventDefault();
  });
  chart.addEventListener('pointermove', (event) => {
    if (start !== null) showBrush(start, indexAt(event));
  });
  const finish = (event) => {
    if (start === null) return;
    const end = indexAt(event);
    const lo = first + Math.min(start, end);
    const hi = first + Math.max(start, end);
    start = null;
    navigate(withFilters({ year: lo === hi ? String(lo) : `${lo}..${hi}` }));
  };
  chart.addEventListener('pointerup', finish);
  chart.addEventListener('pointercancel', () => {
    start = null;
    brush.setAttribute('visibility', 'hidden');
  });

  const readout = el('span', { class: 'year-readout', 'aria-hidden': 'true' },
    filtered ? yearLabel(s.year) : '');
  const axis = el('div', { class: 'year-axis', 'aria-hidden': 'true' },
    el('span', {}, String(first)), readout, el('span', {}, String(last)));

  // The same range by keyboard: two year fields.
  const fromInput = el('input', {
    type: 'number', id: 'year-from', inputmode: 'numeric', min: 0, max: 9999,
    value: selFrom ?? '', placeholder: String(first),
  });
  const toInput = el('input', {
    type: 'number', id: 'year-to', inputmode: 'numeric', min: 0, max: 9999,
    value: selTo ?? '', placeholder: String(last),
  });
  const form = el('form', {
    class: 'year-form',
    onsubmit: (event) => {
      event.preventDefault();
      const from = fromInput.value.trim();
      const to = toInput.value.trim();
      let year = '';
      if (from && to && from === to) year = from;
      else if (from || to) year = `${from}..${to}`;
      navigate(withFilters({ year }));
    },
  },
  el('label', { for: 'year-from' }, 'From'), fromInput,
  el('label', { for: 'year-to' }, 'to'), toInput,
  el('button', { type: 'submit', id: 'year-apply' }, 'Apply'));
  fieldset.append(chart, axis, form);
  return fieldset;
}

function renderHits(s, r) {
  const box = $('results');
  box.replaceChildren(el('h1', { class: 'visually-hidden' }, 'Results'));
  if (r.hits.length === 0) {
    const tips = el('ul', {},
      el('li', {}, 'Check the spelling, or use fewer or more general words.'),
      el('li', {}, 'Use OR between alternatives: ', el('code', {}, 'dam OR reservoir'), '.'));
    if (hasFilters(s)) {
      tips.prepend(el('li', {}, 'Remove a filter, or ',
        navLink(withFilters({ country: [], topic: [], type: [], year: '', dup: '' }), 'search without filters'), '.'));
    }
    const what = s.q ? `“${s.q}”` : 'these filters';
    box.append(el('div', { class: 'empty' },
      el('h2', {}, `No documents match ${what}`),
      s.page > 1 && r.total > 0
        ? el('p', {}, 'This page is past the last result. ', navLink({ ...s, page: 1 }, 'Go to the first page'), '.')
        : tips));
    return;
  }
  const list = el('ol', { class: 'hits', start: r.hits[0].rank });
  for (const hit of r.hits) list.append(el('li', {}, hitNode(s, hit)));
  box.append(list);
}

function metaLine(doc) {
  const parts = [];
  if (doc.date) parts.push(el('time', { datetime: doc.date }, formatDate(doc.date)));
  if (doc.type) parts.push(el('span', { class: 'type' }, slugLabel(doc.type)));
  if (doc.source) parts.push(el('span', { class: 'source' }, doc.source));
  if (doc.speaker) parts.push(el('span', { class: 'speaker' }, doc.speaker));
  const line = el('p', { class: 'meta' });
  parts.forEach((part, i) => {
    if (i) line.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    line.append(part);
  });
  return line;
}

function tagList(doc) {
  const list = el('ul', { class: 'tags' });
  for (const code of doc.countries ?? []) {
    list.append(el('li', { class: 'tag tag-country' }, countryNode(code)));
  }
  for (const topic of doc.topics ?? []) {
    list.append(el('li', { class: 'tag tag-topic' }, slugLabel(topic)));
  }
  return list;
}

function hitNode(s, hit) {
  const article = el('article', { class: 'hit' },
    el('h2', {}, navLink({ ...s, doc: hit.id }, hit.title || hit.id, { class: 'hit-title' })),
    metaLine(hit), tagList(hit));
  if (hit.snippet) article.append(snippetNode(hit.snippet));
  if (hit.duplicates > 0) {
    article.append(el('p', { class: 'duplicates' }, navLink(
      { ...readState(''), q: s.q, dup: hit.id },
      `and ${plural(hit.duplicates, 'similar report')}`)));
  }
  return article;
}

function renderPagination(s, r) {
  const nav = $('pagination');
  const pages = Math.min(MAX_PAGE, Math.ceil(r.total / PAGE_SIZE));
  nav.replaceChildren();
  if (pages <= 1) {
    setHidden(nav, true);
    return;
  }
  const list = el('ul', {});
  const item = (page, text, label) => {
    if (page < 1 || page > pages) {
      return el('li', {}, el('span', { class: 'disabled', 'aria-hidden': 'true' }, text));
    }
    const link = navLink({ ...s, page }, text, {
      'aria-label': label ?? `Page ${page}`,
      'aria-current': page === s.page ? 'page' : false,
      'data-page': page,
    });
    return el('li', {}, link);
  };
  list.append(item(s.page - 1, '‹ Previous', 'Previous page'));
  const around = new Set([1, pages, s.page - 1, s.page, s.page + 1]);
  let previous = 0;
  for (const page of [...around].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b)) {
    if (page - previous > 1) list.append(el('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    list.append(item(page, String(page)));
    previous = page;
  }
  list.append(item(s.page + 1, 'Next ›', 'Next page'));
  nav.append(list);
  setHidden(nav, false);
}

async function renderDocument(s, signal) {
  const path = `documents/${encodeURIComponent(s.doc)}`;
  const [docReply, , similar] = await Promise.all([
    api(path, [], signal),
    loadCountries(),
    api(`${path}/similar`, [['limit', 5], ['facets', 'none'], ['snippet-length', 0]], signal)
      .catch((error) => (error.name === 'AbortError' ? Promise.reject(error) : null)),
  ]);
  if (signal.aborted) return;
  const doc = docReply.document;
  clearNotice();
  for (const id of ['results', 'chips']) $(id).replaceChildren();
  for (const id of ['toolbar', 'pagination', 'spelling', 'welcome']) setHidden($(id), true);

  const back = { ...s, doc: '' };
  const view = $('document');
  const rows = [];
  const row = (name, ...value) => rows.push(el('dt', {}, name), el('dd', {}, ...value));
  if (doc.date) row('Date', el('time', { datetime: doc.date }, formatDate(doc.date)));
  if (doc.countries?.length) row('Countries', joinNodes(doc.countries.map(countryNode)));
  const others = (doc.mentions ?? []).filter((c) => !doc.countries?.includes(c));
  if (others.length) row('Also mentions', joinNodes(others.map(countryNode)));
  if (doc.topics?.length) row('Topics', doc.topics.map(slugLabel).join(', '));
  if (doc.type) row('Type', slugLabel(doc.type));
  if (doc.source) row('Source', doc.source);
  if (doc.speaker) row('Speaker', doc.speaker);
  if (doc.lang) row('Language', doc.lang);
  if (doc.symbols?.length) row('UN symbols', doc.symbols.join(', '));
  if (doc.url && /^https?:\/\//i.test(doc.url)) {
    row('Original', el('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, doc.url));
  }
  row('Id', el('code', {}, doc.id));
  if (doc.extracted?.length) {
    row('Inferred', `${doc.extracted.join(', ')} (read from the text, not given by the source)`);
  }

  const text = el('div', { class: 'doc-text' });
  for (const para of (doc.text ?? '').split(/\n\s*\n/)) {
    if (para.trim()) text.append(el('p', {}, para.trim()));
  }

  const more = el('aside', { class: 'similar', 'aria-labelledby': 'similar-heading' },
    el('h2', { id: 'similar-heading' }, 'More like this'));
  if (!similar) {
    more.append(el('p', {}, 'Similar documents could not be loaded.'));
  } else if (similar.hits.length === 0) {
    more.append(el('p', {}, 'No similar documents.'));
  } else {
    const list = el('ul', {});
    for (const hit of similar.hits) {
      list.append(el('li', {},
        navLink({ ...s, doc: hit.id }, hit.title || hit.id, { class: 'similar-title' }),
        metaLine(hit)));
    }
    more.append(list);
  }

  view.replaceChildren(
    el('p', { class: 'back' }, navLink(back, '← Back to results', { id: 'back-link' })),
    el('h1', { id: 'doc-title' }, doc.title || doc.id),
    el('dl', { class: 'doc-meta' }, rows),
    el('div', { class: 'doc-body' }, text, more));
  setHidden(view, false);
  document.title = `${doc.title || doc.id} – DiploSearch`;
  view.focus({ preventScroll: true });
  window.scrollTo(0, 0);  performance.mark('diplo:document');
}

function joinNodes(nodes) {
  const out = [];
  nodes.forEach((node, i) => {
    if (i) out.push(', ');
    out.push(node);
  });
  return out;
}

// ---------------------------------------------------------------- suggestions

const input = $('q');
const listbox = $('suggestions');
let suggestions = [];
let active = -1;
let suggestTimer = 0;
let suggestSeq = 0;

function closeSuggestions() {
  clearTimeout(suggestTimer);
  suggestSeq += 1;
  suggestions = [];
  active = -1;
  listbox.replaceChildren();
  listbox.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
}

function showSuggestions(items) {
  suggestions = items;
  active = -1;
  listbox.replaceChildren(...items.map((item, i) => el('li', {
    id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', class: `suggestion ${item.kind}`,
    onmousedown: (event) => event.preventDefault(),
    onclick: () => chooseSuggestion(i),
  },
  el('span', { class: 'suggestion-text' }, item.text),
  el('span', { class: 'suggestion-kind' }, item.kind === 'title' ? 'document' : plural(item.documents, 'doc')))));
  listbox.hidden = items.length === 0;
  input.setAttribute('aria-expanded', String(items.length > 0));
  input.removeAttribute('aria-activedescendant');
}

function setActive(index) {
  active = index;
  [...listbox.children].forEach((item, i) => item.setAttribute('aria-selected', String(i === index)));
  if (index >= 0) {
    input.setAttribute('aria-activedescendant', `suggestion-${index}`);
    listbox.children[index].scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

function chooseSuggestion(index) {
  const item = suggestions[index];
  closeSuggestions();
  if (!item) return;
  if (item.kind === 'title' && item.id) {
    navigate({ ...state, doc: item.id });
  } else {
    input.value = item.text;
    navigate(withFilters({ q: item.text, dup: '', exact: false }));
  }
}

input.addEventListener('input', () => {
  clearTimeout(suggestTimer);
  const text = input.value;
  if (!text.trim()) {
    closeSuggestions();
    return;
  }
  suggestTimer = setTimeout(async () => {
    const seq = ++suggestSeq;
    try {
      const reply = await api('suggest', [['q', text], ['limit', 8]]);
      if (seq === suggestSeq && document.activeElement === input) showSuggestions(reply.suggestions ?? []);
    } catch {
      if (seq === suggestSeq) closeSuggestions();
    }
  }, SUGGEST_DELAY_MS);
});

input.addEventListener('keydown', (event) => {
  const open = !listbox.hidden && suggestions.length > 0;
  if (event.key === 'ArrowDown' && open) {
    event.preventDefault();
    setActive((active + 1) % suggestions.length);
  } else if (event.key === 'ArrowUp' && open) {
    event.preventDefault();
    setActive(active <= 0 ? suggestions.length - 1 : active - 1);
  } else if (event.key === 'Enter' && open && active >= 0) {
    event.preventDefault();
    chooseSuggestion(active);
  } else if (event.key === 'Escape' && open) {
    event.preventDefault();
    closeSuggestions();
  } else if (event.key === 'Tab') {
    closeSuggestions();
  }
});

input.addEventListener('blur', () => setTimeout(() => {
  if (document.activeElement !== input) closeSuggestions();
}, 0));

// ---------------------------------------------------------------- wiring

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  closeSuggestions();
  navigate(withFilters({ q: input.value.trim(), dup: '', exact: false }));
});

$('sort').addEventListener('change', (event) => {
  navigate({ ...state, sort: event.target.value, page: 1 });
});

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('token').value = '';
  setHidden($('token-form'), true);
  render();
});

$('filters-toggle').addEventListener('click', () => {
  document.body.classList.toggle('filters-open');
  updateFiltersToggle();
});

// Links to other states of the page are real hrefs (new tab, copy link work); a plain
// click is handled here instead of reloading the page.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-nav]');
  if (!link || event.defaultPrevented || event.button !== 0 ||
      event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const next = readState(new URL(link.href).search);
  const paging = next.page !== state.page && !next.doc;
  navigate(next);
  if (paging) {
    window.scrollTo(0, 0);
    $('results').focus({ preventScroll: true });
  }
});

$('home-link').addEventListener('click', (event) => {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(readState(''));
  input.focus();
});

// "/" focuses the search box, as on many search sites.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const tag = document.activeElement?.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  event.preventDefault();
  input.focus();
  input.select();
});

window.addEventListener('popstate', () => {
  state = readState(location.search);
  render();
});

render();
