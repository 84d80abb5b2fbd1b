// Browser benchmark (run by `make bench`, not by `make test`): measures the
// release build in headless Chromium and prints a table against the
// targets, also written to bench/results.md (with the native figures of
// `make bench-native`, when present).
//
//   node bench/browser.mjs [--moves N] [--loads N]
//
// Figures:
// - slider → charts: a budget-slider `input` event dispatched at the start
//   of an animation frame (where Chromium delivers real pointer input) to
//   the last canvas draw call it causes (canvas 2D methods are wrapped by
//   an init script to time-stamp draws), median and p95 over the moves.
//   Beside it: the start of the first animation frame after that last draw,
//   which is frame-quantised (≈ 16.7 ms whenever the work fits in the frame
//   the input arrived in; a multiple of it when frames are missed).
// - Monte Carlo: the 8-channel preset with 1,000 runs in Monte Carlo mode,
//   an edit of the budget → `data-mc-status="done"` (the runs on the Web
//   Workers, merged and summarised on the page), median of the edits, with
//   the longest main-thread task in those windows; the same on 3 workers and
//   in a 1e10 market with a budget of 5e11 per week (so the edits stay under the 1e12 limit); and the engine alone
//   in the page's wasm (the fallback when workers cannot start), through the
//   app's `bench_monte_carlo_8_channels()` export.
// - first chart: navigation start → first canvas draw call, median of
//   fresh loads (first contentful paint and "all charts drawn" beside it).
// - first-load size: every file of dist/ whose request started before the
//   first canvas draw (the page's resource timing), each gzipped at level 9,
//   summed (and the same with Brotli, for hosts that serve it); beside it,
//   what the load fetched after the first chart (the split-off rest of the
//   page's wasm, scripts/split-wasm.mjs).

import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

import { DIST, ROOT, loadApp, observeLongTasks, openPage, startApp } from '../tests/e2e/lib/browser.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MOVES = Math.max(50, option('--moves', 60));
const LOADS = Math.max(1, option('--loads', 5));
const MC_REPEATS = 5;
/**
 * The wasm export (Trunk puts the app's wasm-bindgen exports on
 * `window.wasmBindings`) that runs 1,000 Monte Carlo runs × 52 weeks of
 * `engine::presets::eight_channel_benchmark()` to completion and returns
 * the elapsed milliseconds (performance.now()).
 */
const HOOK = 'bench_monte_carlo_8_channels';

/** Runs in the page before the app: time-stamps every canvas draw call. */
function instrumentCanvas() {
  const draws = { count: 0, first: null, last: 0, canvases: new Set() };
  window.__draws = draws;
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['clearRect', 'fillRect', 'strokeRect', 'fill', 'stroke', 'fillText', 'strokeText', 'drawImage', 'putImageData']) {
    const original = proto[name];
    proto[name] = function (...a) {
      const now = performance.now();
      draws.count += 1;
      draws.first ??= now;
      draws.last = now;
      draws.canvases.add(this.canvas);
      return original.apply(this, a);
    };
  }
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 2 : 1)} ms` : 'n/a');

/** Loads the app `LOADS` times in fresh contexts; first-chart timings and the files requested. */
async function firstLoads(app) {
  const firstDraw = [];
  const allDrawn = [];
  const fcp = [];
  let firstRequests = null;
  for (let i = 0; i < LOADS; i++) {
    const from = app.server.requests.length;
    const page = await openPage(app.browser, { init: [instrumentCanvas] });
    await loadApp(page, app.url);
    // "All charts drawn": the last draw before two quiet frames.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const t = await page.evaluate(() => ({
      first: window.__draws.first,
      last: window.__draws.last,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      // Paths fetched before the first draw (the document is always).
      early: [location.pathname].concat(
        performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime <= window.__draws.first)
          .map((e) => new URL(e.name).pathname),
      ),
    }));
    firstDraw.push(t.first);
    allDrawn.push(t.last);
    fcp.push(t.fcp);
    if (page.problems.length) throw new Error(`page problems: ${page.problems.join('; ')}`);
    if (!firstRequests) {
      const early = new Set(t.early);
      const all = app.server.requests.slice(from);
      const isEarly = (r) => early.has(new URL(r.path, app.url).pathname);
      firstRequests = { before: all.filter(isEarly), after: all.filter((r) => !isEarly(r)) };
    }
    await page.context().close();
  }
  return { firstDraw: median(firstDraw), allDrawn: median(allDrawn), fcp: median(fcp), requests: firstRequests };
}

/** gzip -9 size of every distinct file the first load fetched. */
async function transferSize(requests) {
  const files = [...new Set(requests.filter((r) => r.status === 200 && r.file).map((r) => r.file))];
  const rows = [];
  for (const file of files) {
    const body = await readFile(path.join(DIST, file));
    const brotli = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
    rows.push({ file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli });
  }
  const sum = (key) => rows.reduce((s, r) => s + r[key], 0);
  return { rows, total: sum('gzip'), brotli: sum('brotli'), raw: sum('raw') };
}

/** Budget slider moves, each timed from `input` to the last chart draw. */
async function sliderMoves(page) {
  return page.evaluate(async (moves) => {
    const el = document.getElementById('budget-per-week');
    const kpi = document.querySelector('[data-kpi="new_customers"]');
    if (!el || !kpi) throw new Error('#budget-per-week or [data-kpi="new_customers"] missing');
    const frame = () => new Promise((r) => requestAnimationFrame((ts) => r(ts)));
    const min = Number(el.min || 0);
    const max = Number(el.max || 100);
    const start = Number(el.value);
    // Alternate between two budgets either side of the start so every move changes the results.
    const low = min + (start - min) * 0.6;
    const high = Math.min(max, start + (max - start) * 0.4);
    const draws = window.__draws;
    const out = [];
    for (let i = 0; i < moves + 5; i++) {
      await frame();
      const before = { count: draws.count, kpi: kpi.textContent };
      draws.canvases = new Set();
      const t0 = performance.now();
      el.value = String(i % 2 ? low : high);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      // Wait for draws to start, then until a whole frame passes with no new draw.
      const frameTimes = [];
      let seen = draws.count;
      for (;;) {
        frameTimes.push(await frame());
        if (draws.count > before.count && draws.count === seen) break;
        seen = draws.count;
        if (frameTimes.length > 120) throw new Error('no chart redraw within 120 frames of a slider move');
      }
      const end = draws.last;
      const nextFrame = frameTimes.find((ts) => ts >= end);
      if (i >= 5) {
        out.push({
          toDraw: end - t0,
          toFrame: nextFrame - t0,
          canvases: draws.canvases.size,
          kpiChanged: kpi.textContent !== before.kpi,
        });
      }
    }
    return out;
  }, MOVES);
}

/**
 * Monte Carlo as a manager meets it: the 8-channel preset with 1,000 runs
 * in Monte Carlo mode, then an edit of the budget; timed from the edit's
 * `input` event to `data-mc-status="done"` (the finished bands drawn a
 * frame later), with the longest main-thread task in that window. `suffix`
 * is added to the address (`?workers=N`); `huge` first sets a 1e10 market
 * with a budget of 5e11 per week.
 */
async function monteCarloEdits(app, { suffix = '', huge = false } = {}) {
  const page = await openPage(app.browser, { init: [observeLongTasks] });
  await loadApp(page, app.url + suffix);
  await page.selectOption('#preset', 'eight-channels');
  const set = (id, v) =>
    page.locator(id).evaluate((el, value) => {
      el.value = String(value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, v);
  await set('#sim-runs-number', 1000);
  if (huge) {
    await set('#market-size-number', 1e10);
    // Half the largest budget, so the ±5 % edits stay valid.
    await set('#budget-per-week-number', 5e11);
  }
  await page.locator('#mode-monte-carlo').check();
  await page.locator('[data-mc-status="done"]').first().waitFor({ state: 'attached', timeout: 120_000 });
  const edits = [];
  for (let i = 0; i < MC_REPEATS; i++) {
    edits.push(
      await page.evaluate(async (step) => {
        const el = document.getElementById('budget-per-week-number');
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        window.__firstBands = undefined;
        const t0 = performance.now();
        el.value = String(Number(el.value) * (1 + step));
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('Monte Carlo not done within 120 s')), 120_000);
          // Done only after the edit's own job ran: a refused edit never
          // shows "running" and times out instead of looking instant.
          let started = false;
          const check = () => {
            const bar = document.querySelector('[data-mc-status]');
            const status = bar?.dataset.mcStatus;
            started ||= status === 'running';
            // First bands: the first interim result (runs so far) or the whole one.
            if (started && window.__firstBands === undefined && (bar?.dataset.mcPartial || status === 'done')) {
              window.__firstBands = performance.now();
            }
            if (started && status === 'done') {
              clearTimeout(timer);
              resolve();
            } else {
              setTimeout(check, 1);
            }
          };
          // The edit's own render must start the new job first.
          setTimeout(check, 0);
        });
        const t1 = performance.now();
        const longest = Math.max(0, ...window.__longTasks.filter((t) => t.start >= t0 && t.start <= t1).map((t) => t.duration));
        return { ms: t1 - t0, first: window.__firstBands - t0, longest };
      }, i % 2 === 0 ? 0.05 : -0.05),
    );
  }
  const runner = await page.locator('[data-mc-runner]').first().textContent();
  if (page.problems.length) throw new Error(`page problems: ${page.problems.join('; ')}`);
  await page.context().close();
  return {
    ms: median(edits.map((e) => e.ms)),
    first: median(edits.map((e) => e.first)),
    longest: Math.max(...edits.map((e) => e.longest)),
    runner: runner.trim(),
  };
}

/** The engine alone in wasm on the page (the fallback path), via the app's bench export. */
async function monteCarloInWasm(app) {
  const page = await openPage(app.browser);
  await loadApp(page, app.url);
  const hook = await page.evaluate((name) => typeof window.wasmBindings?.[name] === 'function', HOOK);
  if (!hook) throw new Error(`the app has no \`${HOOK}\` export`);
  const times = [];
  for (let i = 0; i < MC_REPEATS; i++) times.push(await page.evaluate((name) => window.wasmBindings[name](), HOOK));
  await page.context().close();
  return median(times);
}

/**
 * The Plan pane's tools on the 8-channel preset (expected mode): click →
 * result shown, on the decision worker (warm: the first run, which starts
 * the worker, is timed apart), median of MC_REPEATS.
 */
async function decisionTools(app) {
  const page = await openPage(app.browser, { init: [observeLongTasks] });
  await loadApp(page, app.url);
  await page.selectOption('#preset', 'eight-channels');
  await page.locator('#mode-expected').check();
  await page.locator('[data-mc-status="off"]').waitFor();
  await page.getByRole('tab', { name: 'Plan' }).click();
  const tools = { optimise: 'optimise', goal: 'goal', sens: 'sens' };
  const out = {};
  const t0 = await page.evaluate(() => performance.now());
  for (const [key, id] of Object.entries(tools)) {
    const times = [];
    for (let i = 0; i <= MC_REPEATS; i++) {
      const t = await page.evaluate(
        (id) =>
          new Promise((resolve) => {
            const result = document.getElementById(`${id}-result`);
            const start = performance.now();
            const seen = new MutationObserver(() => {
              if (result.dataset.state === 'done') {
                seen.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }
            });
            seen.observe(result, { attributes: true, attributeFilter: ['data-state'] });
            document.getElementById(`${id}-run`).click();
          }),
        id,
      );
      times.push(t);
    }
    out[key] = { first: times[0], warm: median(times.slice(1)) };
  }
  out.longest = await page.evaluate((t0) => Math.max(0, ...window.__longTasks.filter((t) => t.start >= t0).map((t) => t.duration)), t0);
  await page.context().close();
  return out;
}

function describeMachine(browserVersion) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    // Not a git checkout: leave "unknown".
  }
  return `${new Date().toISOString().slice(0, 10)}, commit ${commit}, Chromium ${browserVersion} headless, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load average ${os.loadavg()[0].toFixed(1)} at the end`;
}

const app = await startApp();
try {
  const loads = await firstLoads(app);
  const size = await transferSize(loads.requests.before);
  const later = await transferSize(loads.requests.after);

  const page = await openPage(app.browser, { init: [instrumentCanvas] });
  await loadApp(page, app.url);
  const moves = await sliderMoves(page);
  if (page.problems.length) throw new Error(`page problems: ${page.problems.join('; ')}`);
  await page.context().close();

  const edit = await monteCarloEdits(app);
  const editThree = await monteCarloEdits(app, { suffix: '?workers=3' });
  const editHuge = await monteCarloEdits(app, { huge: true });
  const onPage = await monteCarloInWasm(app);
  const decide = await decisionTools(app);

  const toDraw = moves.map((m) => m.toDraw);
  const toFrame = moves.map((m) => m.toFrame);
  const rows = [
    ['slider input → charts redrawn, median', ms(median(toDraw)), '', `${moves.length} budget moves; next frame ${ms(median(toFrame))}`],
    ['slider input → charts redrawn, p95', ms(quantile(toDraw, 0.95)), '≤ 16 ms', `next frame p95 ${ms(quantile(toFrame, 0.95))}; ${Math.min(...moves.map((m) => m.canvases))}–${Math.max(...moves.map((m) => m.canvases))} canvases redrawn per move; KPI text changed on ${moves.filter((m) => m.kpiChanged).length}/${moves.length}`, quantile(toDraw, 0.95) <= 16],
    ['Monte Carlo edit → finished bands, 8 channels, 1,000 runs', ms(edit.ms), '≤ 200 ms', `budget edit in Monte Carlo mode → data-mc-status=done, median of ${MC_REPEATS}; ${edit.runner}; longest main-thread task ${ms(edit.longest)}`, edit.ms <= 200],
    ['  the same, edit → first bands (the runs finished so far)', ms(edit.first), '', 'data-mc-partial set (or done), median; bands refine as chunks arrive'],
    ['  the same, longest main-thread task', ms(edit.longest), '≤ 50 ms', 'PerformanceObserver longtask entries during the edits', edit.longest <= 50],
    ['  the same on 3 workers (?workers=3)', ms(editThree.ms), '', `${editThree.runner}; longest task ${ms(editThree.longest)} (a 2-core machine: more workers than cores)`],
    ['  the same, market 1e10, budget 5e11/week', ms(editHuge.ms), '', `${editHuge.runner}; longest main-thread task ${ms(editHuge.longest)}`, editHuge.longest <= 50],
    ['Monte Carlo on the page (fallback), 1,000 runs × 52 weeks, in wasm', ms(onPage), '', `the page bundle's engine (built for size), \`${HOOK}\` export, median of ${MC_REPEATS}`],
    ['Plan: optimise 8 channels (shares only), click → result', ms(decide.optimise.warm), '≤ 200 ms', `on the decision worker, median of ${MC_REPEATS} after the first (${ms(decide.optimise.first)}, which starts the worker)`, decide.optimise.warm <= 200],
    ['Plan: goal seek 60 customers (budget + reps), click → result', ms(decide.goal.warm), '', 'on the decision worker, warm'],
    ['Plan: sensitivity of new customers (±20 %), click → result', ms(decide.sens.warm), '', 'on the decision worker, warm'],
    ['  the Plan pane, longest main-thread task', ms(decide.longest), '≤ 50 ms', 'PerformanceObserver longtask entries while the tools ran', decide.longest <= 50],
    ['time to first chart', ms(loads.firstDraw), '≤ 500 ms', `navigation start → first canvas draw, median of ${LOADS} loads; FCP ${ms(loads.fcp)}, all charts drawn ${ms(loads.allDrawn)}`, loads.firstDraw <= 500],
    ['first load, gzip', `${(size.total / 1024).toFixed(1)} KB`, '≤ 250 KB', size.rows.map((r) => `${r.file} ${(r.gzip / 1024).toFixed(1)} KB`).join(', '), size.total <= 250 * 1024],
    ['  the same, Brotli (quality 11)', `${(size.brotli / 1024).toFixed(1)} KB`, '', `what a host that serves Brotli sends; ${(size.raw / 1024).toFixed(1)} KB uncompressed`],
    ['  fetched after the first chart, gzip', `${(later.total / 1024).toFixed(1)} KB`, '', later.rows.map((r) => `${r.file} ${(r.gzip / 1024).toFixed(1)} KB`).join(', ') || 'nothing'],
  ];
  const table = [
    '| figure | measured | target | met | how |',
    '| --- | ---: | ---: | :---: | --- |',
    ...rows.map(([name, value, target, how, ok]) => `| ${name} | ${value} | ${target} | ${ok === undefined ? '' : ok ? 'yes' : 'no'} | ${how} |`),
  ].join('\n');

  const machine = describeMachine(app.browser.version());
  let native = '';
  try {
    native = (await readFile(path.join(ROOT, 'target/bench-native.txt'), 'utf8')).trim();
  } catch {
    // `make bench-browser` alone: no native figures to include.
  }
  let cli = '';
  try {
    cli = (await readFile(path.join(ROOT, 'target/bench-cli.md'), 'utf8')).trim();
  } catch {
    // No command-line comparison run.
  }
  const md = [
    '# Funnel Lab benchmark results',
    '',
    `Written by \`make bench\` (bench/browser.mjs) on ${machine}.`,
    '',
    '## Browser (release build, headless Chromium)',
    '',
    table,
    '',
    ...(cli ? ['## Native command line against the numpy peer (bench/native.py)', '', cli, ''] : []),
    ...(native ? ['## Native micro-benchmarks (`cargo bench`: crates/samplers/benches, crates/engine/benches)', '', '```text', native, '```', ''] : []),
  ].join('\n');
  await writeFile(path.join(ROOT, 'bench/results.md'), md);
  console.log(`\n${machine}\n\n${table}\n\nwritten to bench/results.md`);
} finally {
  await app.close();
}
