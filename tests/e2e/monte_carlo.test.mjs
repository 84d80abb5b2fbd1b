// Monte Carlo mode: switching to it shows P10–P90 bands and the
// histograms, and the runs never block the page, watched with a
// PerformanceObserver installed before the app loads.
//
// The 50 ms long-task target is a speed figure: `make bench` measures and
// reports it (bench/browser.mjs). This test only catches work that blocks:
// the default job run in one main-thread task takes several hundred
// milliseconds, so a task over BLOCKING_LIMIT_MS means the runs, or their
// summary, are no longer sliced or on the workers. Tasks of 40–55 ms are
// the render of a result on a busy CI machine, not blocking work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';

import {
  artefact,
  chartColours,
  chartPixels,
  kpiText,
  nextFrames,
  observeLongTasks,
  openApp,
  rangeOf,
  setInput,
  waitForChartChange,
} from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

const BLOCKING_LIMIT_MS = 150;

const app = appPerFile();

/** Waits for `[data-mc-status="done"]`; Monte Carlo runs in slices, so allow time. */
async function waitForMcDone(page) {
  await page.locator('[data-mc-status="done"]').first().waitFor({ state: 'attached', timeout: 60_000 });
}

test('switching to Monte Carlo shows bands and histograms without long tasks', async (t) => {
  const page = await openApp(app, { init: [observeLongTasks] });
  assert.equal(await page.evaluate(() => window.__longTaskObserver), true, 'longtask observer installed');
  assert.equal(await page.locator('#mode-expected').isChecked(), true, 'the app starts in expected mode');
  assert.equal(await page.locator('[data-mc-status="done"]').count(), 0, 'no Monte Carlo result before switching');
  await nextFrames(page);
  const expectedLine = await chartPixels(page, 'new-customers');
  const runs = await page.locator('#sim-runs').inputValue();

  // Long tasks count while Monte Carlo runs: from the switch (and later the
  // budget change) until the result is shown. The test's own heavy page work
  // (toDataURL, getImageData, full-page screenshots) happens outside these
  // windows, so it is not blamed on the app.
  const now = () => page.evaluate(() => performance.now());
  // Bring the radio into view first: scrolling (and painting what comes into
  // view) is the test's doing, not the simulation's.
  await page.locator('#mode-monte-carlo').scrollIntoViewIfNeeded();
  await nextFrames(page);
  const t0 = await now();
  await page.locator('#mode-monte-carlo').check();
  await waitForMcDone(page);
  const t1 = await now();
  const switchMs = t1 - t0;
  // Bands make the new-customers chart differ from the expected-mode one.
  await waitForChartChange(page, 'new-customers', expectedLine);
  await nextFrames(page);
  for (const name of ['hist-new-customers', 'hist-roi']) {
    assert.ok((await chartColours(page, name)) > 1, `histogram "${name}" is drawn in Monte Carlo mode`);
  }
  await page.screenshot({ path: artefact('desktop-monte-carlo.png'), fullPage: true });

  // Then drag the budget while in Monte Carlo mode: stale runs are dropped
  // and the new ones also stay in small slices.
  const r = await rangeOf(page, '#budget-per-week');
  const beforeKpi = await kpiText(page, 'new_customers');
  const beforeLine = await chartPixels(page, 'new-customers');
  const t2 = await now();
  await setInput(page, '#budget-per-week', r.min + (r.value - r.min) / 2);
  await page.waitForFunction((prev) => document.querySelector('[data-kpi="new_customers"]')?.textContent.trim() !== prev, beforeKpi);
  await waitForMcDone(page);
  const t3 = await now();
  await waitForChartChange(page, 'new-customers', beforeLine);
  await nextFrames(page);

  const { all, progressSeen } = await page.evaluate(() => ({ all: window.__longTasks, progressSeen: window.__mcProgressSeen }));
  const running = (task) => (task.start >= t0 && task.start <= t1) || (task.start >= t2 && task.start <= t3);
  const during = all.filter(running);
  const report = {
    runs: Number(runs),
    switch_to_done_ms: Math.round(switchMs),
    progress_element_seen: progressSeen,
    long_tasks_during_load: all.filter((task) => task.start < t0),
    long_tasks_during_monte_carlo: during,
  };
  await writeFile(artefact('long-tasks.json'), JSON.stringify(report, null, 2) + '\n');
  t.diagnostic(`Monte Carlo: ${runs} runs, switch → done ${report.switch_to_done_ms} ms, progress shown: ${progressSeen}`);
  t.diagnostic(`long tasks during load: ${JSON.stringify(report.long_tasks_during_load)}`);
  t.diagnostic(`long tasks during Monte Carlo: ${JSON.stringify(during)}`);
  const worst = Math.max(0, ...during.map((task) => task.duration));
  assert.ok(worst <= BLOCKING_LIMIT_MS, `a main-thread task took ${worst} ms during Monte Carlo: the runs block the page (limit ${BLOCKING_LIMIT_MS} ms)`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
