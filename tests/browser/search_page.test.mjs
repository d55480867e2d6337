// @brief The analyst search page (web/) end to end: the sample corpus indexed with the
// built diplo-index, served by the built diplo-serve, driven in headless Chromium.
//
// Environment (tests/browser/run.sh sets it): DIPLO_INDEX_BIN, DIPLO_SERVE_BIN,
// DIPLOSEARCH_BROWSER_ARTIFACTS (screenshots), CHROMIUM (default /usr/bin/chromium).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(here, '../..');
const indexBin = process.env.DIPLO_INDEX_BIN;
const serveBin = process.env.DIPLO_SERVE_BIN;
const artifacts = process.env.DIPLOSEARCH_BROWSER_ARTIFACTS ?? path.join(sourceDir, 'build/browser-artifacts');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TOKEN = 'browser-test-token';

let workDir;
let browser;
let service; // the main diplo-serve
const cspViolations = [];

// ------------------------------------------------------------------ fixtures

// A syndicated copy of one sample article, so that a result collapses a near-duplicate.
function writeDuplicate(dir) {
  const original = readFileSync(path.join(sourceDir, 'corpus/documents/news/pk-cn-2015-gwadar-talks.md'), 'utf8');
  const body = original.split(/^---$/m)[2];
  writeFileSync(path.join(dir, 'wire-2015-gwadar-copy.md'), [
    '---', 'id: wire-2015-gwadar-copy', 'title: Gwadar agreements signed in Islamabad (wire copy)',
    'date: 2015-04-21', 'country: [PAK, CHN]', 'type: article', 'source: Wire (test copy)', '---', body,
  ].join('\n'));
}

async function startService(db, env = {}) {
  const child = spawn(serveBin, ['--db', db, '--listen', '127.0.0.1:0', '--threads', '2'], {
    env: { ...process.env, DIPLOSEARCH_TOKEN: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`diplo-serve did not start:\n${log}`)), 10000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(`${match[1]}/`);
      }
    });
    child.on('exit', (code) => reject(new Error(`diplo-serve exited with ${code}:\n${log}`)));
  });
  child.stderr.resume();
  return {
    base,
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}

before(async () => {
  assert.ok(indexBin && serveBin, 'DIPLO_INDEX_BIN and DIPLO_SERVE_BIN must name the built binaries');
  mkdirSync(artifacts, { recursive: true });
  workDir = mkdtempSync(path.join(tmpdir(), 'diplosearch-browser-'));
  const extra = path.join(workDir, 'extra');
  mkdirSync(extra);
  writeDuplicate(extra);
  execFileSync(indexBin, ['--db', path.join(workDir, 'db'), '-q',
    path.join(sourceDir, 'corpus/documents'), extra], { stdio: ['ignore', 'ignore', 'inherit'] });
  service = await startService(path.join(workDir, 'db'));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Root in containers and CI cannot use Chromium's sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  await service?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      cspViolations.push(message.text());
    }
  });
  page.on('pageerror', (error) => cspViolations.push(`page error: ${error.message}`));
  return page;
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), ...options });
}

// The page marks each finished render (`diplo:results`, `diplo:document`).
const renders = (page, mark) => page.evaluate((m) => performance.getEntriesByName(m).length, mark);

async function after_render(page, action, mark = 'diplo:results') {
  const before_count = await renders(page, mark);
  await action();
  await page.waitForFunction(([m, n]) => performance.getEntriesByName(m).length > n,
    [mark, before_count], { timeout: 10000 });
}

async function open(page, search = '', mark = 'diplo:results') {
  await page.goto(service.base + search);
  await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 10000 });
}

function params(page) {
  return new URL(page.url()).searchParams;
}

const hitIds = (page) => page.$$eval('.hit .hit-title', (links) =>
  links.map((a) => new URL(a.href).searchParams.get('doc')));

const resultCount = (page) => page.textContent('#result-count');

async function facetCount(page, facet, value) {
  const text = await page.textContent(`#facets [data-facet=${facet}] li:has(input[value="${value}"]) .count`);
  return Number(text.replaceAll(',', ''));
}

// What the API says for the page's current filters (those are the URL's parameters here).
function totals(page) {
  return page.evaluate(async () => (await fetch(`search${location.search}&limit=0`)).json());
}

// ------------------------------------------------------------------ tests

test('the page is served with its own strict headers and renders first results fast', async () => {
  const page = await newPage();
  const response = await page.goto(`${service.base}?q=security`);
  assert.equal(response.status(), 200);
  const headers = response.headers();
  assert.match(headers['content-type'], /^text\/html/);
  assert.match(headers['content-security-policy'], /default-src 'self'/);
  assert.equal(headers['cache-control'], 'no-cache');
  await page.waitForFunction(() => performance.getEntriesByName('diplo:results').length > 0);
  const ms = await page.evaluate(() => performance.getEntriesByName('diplo:results')[0].startTime);
  console.log(`first results painted ${ms.toFixed(0)} ms after navigation`);
  assert.ok(ms < 1500, `first results took ${ms} ms`);
  const script = await page.request.get(`${service.base}app.js`);
  assert.match(script.headers()['content-type'], /^text\/javascript/);
  await page.context().close();
});

test('typing a query shows hits with highlighted snippets', async () => {
  const page = await newPage();
  await open(page);
  await shot(page, '00-home');
  await page.fill('#q', 'gwadar port');
  await after_render(page, () => page.press('#q', 'Enter'));
  assert.equal(params(page).get('q'), 'gwadar port');
  assert.match(await resultCount(page), /^\d+ results? for “gwadar port”/);
  const hits = await page.locator('.hit').count();
  assert.ok(hits > 0 && hits <= 10, `${hits} hits`);
  const marks = await page.$$eval('.hit .snippet mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert.ok(marks.includes('gwadar'), `highlights: ${marks}`);
  // The highlight tags became elements, and nothing else did.
  assert.equal(await page.locator('.snippet :not(mark)').count(), 0);
  assert.doesNotMatch(await page.textContent('#results'), /<\/?b>|&amp;|&#39;/);
  const first = page.locator('.hit').first();
  assert.match(await first.locator('.meta').textContent(), /2015/);
  assert.match(await first.locator('.tags').textContent(), /Pakistan/);
  await shot(page, '01-results', { fullPage: true });
  await page.context().close();
});

test('a suggestion is chosen with the arrow keys and Enter', async () => {
  const page = await newPage();
  await open(page);
  await page.click('#q');
  await page.keyboard.type('secu', { delay: 30 });
  await page.waitForSelector('#suggestions:not([hidden]) [role=option]');
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
  const options = await page.$$eval('#suggestions [role=option] .suggestion-text', (os) => os.map((o) => o.textContent));
  assert.equal(options[0], 'security');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.getAttribute('#q', 'aria-activedescendant'), 'suggestion-0');
  assert.equal(await page.getAttribute('#suggestion-0', 'aria-selected'), 'true');
  await shot(page, '02-suggestions');
  await after_render(page, () => page.keyboard.press('Enter'));
  assert.equal(params(page).get('q'), 'security');
  assert.equal(await page.inputValue('#q'), 'security');
  assert.ok(await page.isHidden('#suggestions'));
  assert.ok(await page.locator('.hit').count() > 0);
  await page.context().close();
});

test('facets: counts, multi-select, the URL and removable chips', async () => {
  const page = await newPage();
  await open(page, '?q=security');
  const pakistan = await facetCount(page, 'country', 'PAK');
  const china = await facetCount(page, 'country', 'CHN');
  await after_render(page, () => page.click('#facets input[value=PAK]'));
  assert.deepEqual(params(page).getAll('country'), ['PAK']);
  let results = await totals(page);
  assert.equal(results.total + results.collapsed, pakistan, 'facet count = documents after filtering');
  assert.match(await resultCount(page), new RegExp(`^${results.total} results?`));
  // Multi-select: the country facet is counted without its own filter.
  assert.equal(await facetCount(page, 'country', 'CHN'), china);
  assert.ok(await page.isChecked('#facets input[value=PAK]'));
  // The second value by keyboard: focus stays on the checkbox across the re-render.
  await page.focus('#facets input[value=CHN]');
  await after_render(page, () => page.keyboard.press('Space'));
  assert.deepEqual(params(page).getAll('country'), ['PAK', 'CHN']);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'CHN');
  results = await totals(page);
  assert.ok(results.total + results.collapsed >= pakistan);
  const chips = await page.$$eval('#chips .chip', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  assert.deepEqual(chips, ['Remove filter Country: Pakistan', 'Remove filter Country: China']);
  await shot(page, '03-facets', { fullPage: true });
  await after_render(page, () => page.click('#chips .chip[aria-label="Remove filter Country: Pakistan"]'));
  assert.deepEqual(params(page).getAll('country'), ['CHN']);
  assert.ok(!(await page.isChecked('#facets input[value=PAK]')));
  await page.context().close();
});

test('brushing the year histogram sets a year range', async () => {
  const page = await newPage();
  await open(page);
  const axis = await page.$$eval('.year-axis span', (ss) => ss.map((s) => s.textContent));
  const first = Number(axis[0]);
  const last = Number(axis[2]);
  const n = last - first + 1;
  await page.locator('svg.histogram').scrollIntoViewIfNeeded();
  const box = await page.locator('svg.histogram').boundingBox();
  const x = (year) => box.x + ((year - first + 0.5) / n) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x(2003), y);
  await page.mouse.down();
  await page.mouse.move(x(2006), y, { steps: 4 });
  await page.mouse.move(x(2008), y, { steps: 4 });
  await page.locator('.facet-year').screenshot({ path: path.join(artifacts, '04-year-brushing.png') });
  await after_render(page, () => page.mouse.up());
  assert.equal(params(page).get('year'), '2003..2008');
  assert.match(await page.textContent('#chips'), /Year: 2003–2008/);
  const years = await page.$$eval('.hit time', (ts) => ts.map((t) => Number(t.getAttribute('datetime').slice(0, 4))));
  assert.ok(years.length > 0 && years.every((yr) => yr >= 2003 && yr <= 2008), `years ${years}`);
  const selected = await page.$$eval('svg.histogram .bar.selected', (bs) => bs.map((b) => Number(b.dataset.year)));
  assert.ok(selected.length > 0 && selected.every((yr) => yr >= 2003 && yr <= 2008));
  assert.equal(await page.inputValue('#year-from'), '2003');
  await shot(page, '04-year-range', { fullPage: true });
  // The same by keyboard: the year fields.
  await page.fill('#year-from', '2015');
  await page.fill('#year-to', '2015');
  await after_render(page, () => page.press('#year-to', 'Enter'));
  assert.equal(params(page).get('year'), '2015');
  await page.context().close();
});

test('pages forward, then back and forward through the history', async () => {
  const page = await newPage();
  await open(page);
  const firstPage = await hitIds(page);
  await after_render(page, () => page.click('#pagination a[aria-label="Next page"]'));
  assert.equal(params(page).get('page'), '2');
  assert.equal(await page.getAttribute('.hits', 'start'), '11');
  const secondPage = await hitIds(page);
  assert.equal(secondPage.filter((id) => firstPage.includes(id)).length, 0);
  assert.equal(await page.getAttribute('#pagination a[aria-current=page]', 'data-page'), '2');
  await shot(page, '05-page-2', { fullPage: true });
  await after_render(page, () => page.click('#pagination a[data-page="3"]'));
  assert.equal(params(page).get('page'), '3');
  await after_render(page, () => page.goBack());
  assert.equal(params(page).get('page'), '2');
  assert.deepEqual(await hitIds(page), secondPage);
  await after_render(page, () => page.goBack());
  assert.equal(params(page).get('page'), null);
  assert.deepEqual(await hitIds(page), firstPage);
  await after_render(page, () => page.goForward());
  assert.deepEqual(await hitIds(page), secondPage);
  await page.context().close();
});

test('sorts by date, newest and oldest first', async () => {
  const page = await newPage();
  await open(page, '?q=security');
  const dates = () => page.$$eval('.hit time', (ts) => ts.map((t) => t.getAttribute('datetime')));
  await after_render(page, () => page.selectOption('#sort', '-date'));
  assert.equal(params(page).get('sort'), '-date');
  const newest = await dates();
  assert.deepEqual(newest, [...newest].sort().reverse());
  await shot(page, '06-sorted-newest', { fullPage: true });
  await after_render(page, () => page.selectOption('#sort', 'date'));
  const oldest = await dates();
  assert.deepEqual(oldest, [...oldest].sort());
  assert.ok(oldest[0] < newest[0]);
  await page.context().close();
});

test('opens a document, its similar documents, and returns', async () => {
  const page = await newPage();
  await open(page, '?q=gwadar');
  const title = await page.textContent('.hit .hit-title');
  await after_render(page, () => page.click('.hit .hit-title'), 'diplo:document');
  assert.equal(params(page).get('q'), 'gwadar');
  const id = params(page).get('doc');
  assert.ok(id);
  assert.equal(await page.textContent('#doc-title'), title);
  assert.ok(await page.locator('.doc-text p').count() >= 2);
  assert.match(await page.textContent('.doc-meta'), /Countries/);
  const similar = await page.$$eval('.similar .similar-title', (as) => as.map((a) => a.textContent));
  assert.ok(similar.length > 0, 'more like this lists documents');
  await shot(page, '07-document', { fullPage: true });
  await after_render(page, () => page.click('.similar .similar-title'), 'diplo:document');
  assert.notEqual(params(page).get('doc'), id);
  assert.equal(await page.textContent('#doc-title'), similar[0]);
  await after_render(page, () => page.goBack(), 'diplo:document');
  assert.equal(params(page).get('doc'), id);
  await after_render(page, () => page.click('#back-link'));
  assert.equal(params(page).get('doc'), null);
  assert.equal(await page.textContent('.hit .hit-title'), title);
  await page.context().close();
});

test('a shared URL opens the same view in a fresh browser', async () => {
  const page = await newPage();
  await open(page, '?q=security');
  await after_render(page, () => page.click('#facets input[value=CHN]'));
  await after_render(page, () => page.selectOption('#sort', '-date'));
  const shared = page.url();
  const ids = await hitIds(page);
  await page.context().close();

  const fresh = await newPage();
  await fresh.goto(shared);
  await fresh.waitForSelector('.hit');
  assert.equal(await fresh.inputValue('#q'), 'security');
  assert.equal(await fresh.inputValue('#sort'), '-date');
  assert.ok(await fresh.isChecked('#facets input[value=CHN]'));
  assert.match(await fresh.textContent('#chips'), /Country: China/);
  assert.deepEqual(await hitIds(fresh), ids);
  await shot(fresh, '08-shared-url', { fullPage: true });
  // A shared document link opens the document directly.
  await open(fresh, `?q=security&doc=${encodeURIComponent(ids[0])}`, 'diplo:document');
  assert.ok(await fresh.isVisible('#doc-title'));
  await fresh.context().close();
});

test('near-duplicates collapse into "and N similar reports", which lists the cluster', async () => {
  const page = await newPage();
  await open(page, '?q=gwadar+agreements');
  const link = page.locator('.hit .duplicates a').first();
  assert.equal(await link.textContent(), 'and 1 similar report');
  await after_render(page, () => link.click());
  assert.ok(params(page).get('duplicates-of'));
  const ids = await hitIds(page);
  assert.ok(ids.includes('wire-2015-gwadar-copy') && ids.includes('pk-cn-2015-gwadar-talks'), `${ids}`);
  assert.match(await page.textContent('#chips'), /Copies of/);
  await shot(page, '09-near-duplicates', { fullPage: true });
  await page.context().close();
});

test('"Did you mean" offers the corrected query', async () => {
  const page = await newPage();
  await open(page, '?q=gwadr');
  const suggestion = page.locator('#spelling a.did-you-mean');
  assert.equal(await suggestion.textContent(), 'gwadar');
  await shot(page, '10-did-you-mean');
  await after_render(page, () => suggestion.click());
  assert.equal(params(page).get('q'), 'gwadar');
  await page.context().close();
});

test('clear messages: no results, a query syntax error', async () => {
  const page = await newPage();
  await open(page, '?q=%22xylophonic+quaternions%22');
  assert.equal(await page.locator('.hit').count(), 0);
  assert.match(await page.textContent('#results .empty h2'), /No documents match/);
  assert.match(await resultCount(page), /^0 results/);
  await shot(page, '11-no-results');

  await page.fill('#q', '(sanctions OR');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#notice:not([hidden])');
  const notice = await page.textContent('#notice');
  assert.match(notice, /This query cannot be searched/);
  assert.match(notice, /syntax/i);
  assert.equal(await page.getAttribute('#notice', 'role'), 'alert');
  await shot(page, '12-syntax-error');
  // The next good query clears the message.
  await page.fill('#q', 'sanctions');
  await after_render(page, () => page.press('#q', 'Enter'));
  assert.ok(await page.isHidden('#notice'));
  await page.context().close();
});

test('a narrow screen gets one column with folding filters', async () => {
  const page = await newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await open(page, '?q=security&country=CHN');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.ok(await page.isHidden('#facets'));
  assert.equal(await page.textContent('#filters-toggle'), 'Show filters (1)');
  await shot(page, '13-narrow', { fullPage: true });
  await page.click('#filters-toggle');
  assert.ok(await page.isVisible('#facets'));
  assert.equal(await page.getAttribute('#filters-toggle', 'aria-expanded'), 'true');
  await shot(page, '13-narrow-filters');
  await open(page, `?doc=pk-cn-2015-gwadar-talks`, 'diplo:document');
  const docOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(docOverflow <= 0, `document view is ${docOverflow}px too wide`);
  await shot(page, '13-narrow-document');
  await page.context().close();
});

test('with a bearer token required, the page asks for it', async () => {
  const secured = await startService(path.join(workDir, 'db'), { DIPLOSEARCH_TOKEN: TOKEN });
  try {
    const page = await newPage();
    const response = await page.goto(`${secured.base}?q=gwadar`);
    assert.equal(response.status(), 200, 'the page itself needs no token');
    await page.waitForSelector('#token-form:not([hidden])');
    assert.match(await page.textContent('#token-message'), /needs an access token/);
    await page.fill('#token', 'wrong-token');
    await page.press('#token', 'Enter');
    await page.waitForFunction(() => /not accepted/.test(document.getElementById('token-message').textContent));
    await shot(page, '14-token');
    await page.fill('#token', TOKEN);
    await after_render(page, () => page.press('#token', 'Enter'));
    assert.ok(await page.isHidden('#token-form'));
    assert.ok(await page.locator('.hit').count() > 0);
    await page.context().close();
  } finally {
    await secured.stop();
  }
});

test('an unreachable service is reported', async () => {
  const page = await newPage();
  await open(page, '?q=security');
  // Killed, not stopped: a graceful stop would wait for the page's keep-alive connection.
  await service.stop('SIGKILL');
  await page.fill('#q', 'climate');
  await page.press('#q', 'Enter');
  await page.waitForSelector('#notice:not([hidden])');
  assert.match(await page.textContent('#notice'), /cannot be reached/);
  assert.equal(params(page).get('q'), 'climate');
  await shot(page, '15-service-down');
  await page.context().close();
});

test('no Content-Security-Policy violations or script errors', () => {
  assert.deepEqual(cspViolations, []);
});
