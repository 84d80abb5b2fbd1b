// Monte Carlo on Web Workers: the worker's wasm is not part of the first
// load, the runs come back from the workers with the same numbers the page
// computes itself for the same seed (on one worker or three), and the same
// as the native command line's; when the worker script cannot load, the app
// falls back to slices on the page and says so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ROOT, kpiText, openApp, openScenarioMenu, setInput } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

const app = appPerFile();

const WORKER = /funnel-lab-worker/;

async function monteCarloDone(page) {
  await page.locator('[data-mc-status="done"]').first().waitFor({ state: 'attached', timeout: 60_000 });
  return page.locator('[data-mc-runner]').first();
}

/** The KPI strip as text, to compare two runs' numbers. */
async function kpis(page) {
  const names = ['new_customers', 'cac', 'revenue', 'roi'];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await kpiText(page, n)])));
}

test('the worker loads only for Monte Carlo, and its numbers equal the page’s own', async () => {
  const page = await openApp(app);
  const requested = [];
  page.on('request', (req) => requested.push(req.url()));
  // Everything of the first load has been requested by now (the app drew).
  assert.equal(requested.filter((u) => WORKER.test(u)).length, 0, 'no worker file in the first load');
  await setInput(page, '#sim-runs-number', 300);
  await page.locator('#mode-monte-carlo').check();
  const runner = await monteCarloDone(page);
  assert.match(await runner.textContent(), /300 runs done/);
  assert.equal(await runner.getAttribute('data-mc-runner'), 'workers', await runner.textContent());
  assert.match(await runner.textContent(), /on \d+ workers?/);
  assert.ok(requested.some((u) => /funnel-lab-worker_bg\.wasm/.test(u)), 'the worker fetched its wasm');
  const onWorkers = await kpis(page);

  // A second edit in Monte Carlo mode is also answered by the workers.
  await setInput(page, '#sim-runs-number', 250);
  await page.waitForFunction(() => document.querySelector('[data-mc-runner]')?.textContent.includes('250 runs done'), null, { timeout: 60_000 });
  assert.equal(await (await monteCarloDone(page)).getAttribute('data-mc-runner'), 'workers');
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // Three workers (asked for in the address) give the same numbers again.
  const three = await openApp(app, { suffix: '?workers=3' });
  await setInput(three, '#sim-runs-number', 300);
  await three.locator('#mode-monte-carlo').check();
  const threeRunner = await monteCarloDone(three);
  assert.match(await threeRunner.textContent(), /on 3 workers/);
  assert.deepEqual(await kpis(three), onWorkers, 'three workers give the numbers of one');
  assert.deepEqual(three.problems, []);
  await three.context().close();

  // The same scenario with the worker script blocked: slices on the page.
  const blocked = await openApp(app);
  await blocked.route(WORKER, (route) => route.abort());
  await setInput(blocked, '#sim-runs-number', 300);
  await blocked.locator('#mode-monte-carlo').check();
  const fallback = await monteCarloDone(blocked);
  assert.equal(await fallback.getAttribute('data-mc-runner'), 'page');
  assert.match(await fallback.textContent(), /on the page \(.*workers.*\)/);
  assert.deepEqual(await kpis(blocked), onWorkers, 'workers and the page give the same numbers for a seed');
  // The blocked request is the test's doing, not the app's.
  const own = blocked.problems.filter((p) => !WORKER.test(p));
  assert.deepEqual(own, []);
  await blocked.context().close();
});

test('a seed gives the browser the numbers of the command line', async () => {
  const cli = path.join(ROOT, 'target/release/funnel-lab');
  assert.ok(existsSync(cli), `${cli} is missing: scripts/test.sh builds it before the end-to-end tests`);
  const page = await openApp(app);
  await setInput(page, '#sim-runs-number', 200);
  await page.locator('#mode-monte-carlo').check();
  assert.equal(await (await monteCarloDone(page)).getAttribute('data-mc-runner'), 'workers');
  await openScenarioMenu(page);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const browser = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  const native = execFileSync(cli, ['simulate', await json.path(), '--format', 'csv']).toString().trim().split('\n');
  // The page keeps weekly percentiles for the total only: compare every
  // mean row and every total row, as text (bit-identical numbers).
  const comparable = (lines) => lines.filter((l) => /^\d+,total,|,mean,/.test(l) || l.startsWith('week,'));
  const b = comparable(browser);
  assert.ok(b.length > 200, `${b.length} comparable rows`);
  assert.deepEqual(b, comparable(native));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a worker that never arrives gives way to the page after a timeout', async () => {
  const page = await openApp(app);
  // The worker's wasm never answers: no error event, only silence.
  await page.route(/funnel-lab-worker_bg\.wasm/, () => {});
  await setInput(page, '#sim-runs-number', 200);
  await page.locator('#mode-monte-carlo').check();
  const runner = page.locator('[data-mc-runner]').first();
  await runner.waitFor({ state: 'attached', timeout: 40_000 });
  assert.equal(await runner.getAttribute('data-mc-runner'), 'page');
  assert.match(await runner.textContent(), /did not start within 10 s/);
  assert.deepEqual(page.problems.filter((p) => !WORKER.test(p)), []);
  await page.context().close();
});

test('bands refine as chunks arrive: the runs so far show with P10–P90 before the last run is in', async () => {
  const page = await openApp(app, { suffix: '?workers=1' });
  await setInput(page, '#sim-runs-number', 4000);
  await page.locator('#mode-monte-carlo').check();
  // While running, the status line says how many runs the shown results hold.
  const partial = page.locator('[data-mc-status="running"][data-mc-partial]');
  await partial.waitFor({ state: 'attached', timeout: 60_000 });
  const runs = Number(await partial.getAttribute('data-mc-partial'));
  assert.ok(runs > 0 && runs < 4000, `an interim result of ${runs} runs`);
  assert.match(await page.locator('.kpis .note').first().textContent(), /runs finished so far/);
  assert.match(await page.locator('[data-kpi="new_customers"] + .kpi-range').first().textContent(), /^P10–P90/);
  await monteCarloDone(page);
  assert.equal(await page.locator('[data-mc-status="done"]').first().getAttribute('data-mc-partial'), null, 'the whole result replaces it');
  assert.match(await page.locator('.kpis .note').first().textContent(), /Mean of 4,000 Monte Carlo runs/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
