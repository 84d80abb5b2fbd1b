// Plans over time, as a manager builds one: start a plan, drag across the
// weeks to add a burst, type its budget, drag a boundary; the weekly
// charts and the weekly table change exactly at the phase boundaries;
// the plan survives a reload and opens from its link in a fresh browser.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { ROOT, artefact, chartPixels, kpiText, kpiValue, loadApp, openApp, openPage, openScenarioMenu, waitForChartChange, waitForKpiChange } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';
import { parseDisplayed } from './lib/numbers.mjs';

const app = appPerFile();

/** Drags with the mouse on the track from the middle of week `a` to the middle of week `b`. */
async function dragWeeks(page, a, b, weeks = 52) {
  const track = page.locator('#timeline-track');
  await track.scrollIntoViewIfNeeded();
  const box = await track.boundingBox();
  const x = (w) => box.x + (box.width * (w - 0.5)) / weeks;
  const y = box.y + box.height / 2;
  await page.mouse.move(x(a), y);
  await page.mouse.down();
  await page.mouse.move((x(a) + x(b)) / 2, y, { steps: 4 });
  await page.mouse.move(x(b), y, { steps: 4 });
  await page.mouse.up();
}

/** Drags boundary handle `n` (after phase n) to the boundary after week `week`. */
async function dragBoundary(page, n, week, weeks = 52) {
  const handle = page.locator(`#boundary-${n}`);
  const hb = await handle.boundingBox();
  const tb = await page.locator('#timeline-track').boundingBox();
  const y = hb.y + hb.height / 2;
  await page.mouse.move(hb.x + hb.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(tb.x + (tb.width * week) / weeks, y, { steps: 6 });
  await page.mouse.up();
}

/** The weekly table's cost per week (opens the table). */
async function weeklyCost(page) {
  const details = page.locator('details.results-table');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return page.evaluate(() => {
    const head = [...document.querySelectorAll('details.results-table thead th')].map((th) => th.textContent.trim());
    const column = head.indexOf('Cost');
    return [...document.querySelectorAll('details.results-table tbody tr')].map((tr) => tr.children[column].textContent.trim());
  }).then((cells) => cells.map(parseDisplayed));
}

async function phases(page) {
  return page.locator('.timeline-phase').evaluateAll((els) => els.map((e) => e.querySelector('.timeline-weeks').textContent.trim()));
}

test('a two-phase plan built in the timeline editor changes the charts at the boundary, survives a reload and opens from its link', async () => {
  const page = await openApp(app);
  const flatCost = await weeklyCost(page);
  assert.ok(flatCost.every((c) => Math.abs(c - flatCost[0]) < 1e-6), 'without a plan every week costs the same');
  const before = {
    customers: await kpiValue(page, 'new_customers'),
    text: await kpiText(page, 'new_customers'),
    chart: await chartPixels(page, 'new-customers'),
  };

  await page.click('#plan-start');
  assert.deepEqual(await phases(page), ['weeks 1–52']);
  // Drag across weeks 20–27: a burst phase (and the weeks after keep the old numbers).
  await dragWeeks(page, 20, 27);
  assert.deepEqual(await phases(page), ['weeks 1–19', 'weeks 20–27', 'weeks 28–52']);
  assert.equal(await kpiValue(page, 'new_customers'), before.customers, 'adding a phase changes nothing yet');

  await page.fill('#phase-2-budget', '30000');
  await page.fill('#phase-2-name', 'Summer burst');
  await waitForKpiChange(page, 'new_customers', before.text);
  assert.ok((await kpiValue(page, 'new_customers')) > before.customers, 'the burst wins customers');
  await waitForChartChange(page, 'new-customers', before.chart);
  const cost = await weeklyCost(page);
  assert.ok(cost[19] > cost[18] + 15_000, `cost jumps in week 20: ${cost[18]} → ${cost[19]}`);
  assert.ok(Math.abs(cost[27] - cost[18]) < 1, `and is back in week 28: ${cost[27]} vs ${cost[18]}`);
  const label = await page.locator('[data-chart="new-customers"] canvas').getAttribute('aria-label');
  assert.match(label, /budget per week of the plan.*phases starting in week 20, 28/);

  // Drag the end of the burst out to week 30: two more weeks of it.
  await dragBoundary(page, 2, 30);
  assert.deepEqual(await phases(page), ['weeks 1–19', 'weeks 20–30', 'weeks 31–52']);
  const longer = await weeklyCost(page);
  assert.ok(longer[29] > longer[30] + 15_000, 'week 30 is in the burst now, week 31 is not');
  // Then drag phase 3's start onto the end of the horizon: the burst runs to the end (two phases).
  await dragBoundary(page, 2, 52);
  assert.deepEqual(await phases(page), ['weeks 1–19', 'weeks 20–52']);
  const customers = await kpiValue(page, 'new_customers');
  await page.locator('#timeline').screenshot({ path: artefact('timeline-two-phases.png') });

  // The exported file is version 2 with the plan, and the command line gets the same numbers from it.
  await openScenarioMenu(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.version, 2);
  assert.deepEqual(exported.plan.phases.map((p) => [p.from_week, p.to_week, p.budget_per_week ?? null]), [[1, 19, null], [20, 52, 30000]]);
  const cli = path.join(ROOT, 'target/release/funnel-lab');
  const native = JSON.parse(execFileSync(cli, ['simulate', file, '--format', 'json']).toString());
  const raw = Number(await page.locator('[data-kpi="new_customers"]').first().getAttribute('data-value'));
  assert.equal(native.kpis.new_customers, raw, 'the command line and the page agree to the bit');
  await page.keyboard.press('Escape');

  // Reload: the tab shows what it showed.
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  await page.waitForTimeout(400); // the address is rewritten 250 ms after the last change
  const link = page.url();
  await page.reload();
  await page.locator('#timeline-track').waitFor();
  assert.deepEqual(await phases(page), ['weeks 1–19', 'weeks 20–52']);
  assert.equal(await page.locator('#phase-2-budget').inputValue(), '30000');
  assert.equal(await page.locator('#phase-2-name').inputValue(), 'Summer burst');
  assert.equal(await kpiValue(page, 'new_customers'), customers);
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // Its link in a fresh browser context (no storage): the same plan, the same numbers.
  const elsewhere = await openPage(app.browser);
  await loadApp(elsewhere, link);
  await elsewhere.locator('#timeline-track').waitFor();
  assert.deepEqual(await phases(elsewhere), ['weeks 1–19', 'weeks 20–52']);
  assert.equal(await kpiValue(elsewhere, 'new_customers'), customers);
  assert.deepEqual(elsewhere.problems, []);
  await elsewhere.context().close();
});

test('an example plan opens from the presets, and the keyboard moves a boundary', async () => {
  const page = await openApp(app);
  await page.selectOption('#preset', 'plan:two-hiring-waves');
  await page.locator('#timeline-track').waitFor();
  const count = await page.locator('.timeline-phase').count();
  assert.ok(count >= 2, `the hiring plan has phases (${count})`);
  const handle = page.locator('#boundary-1');
  const now = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((n) => Number(document.querySelector('#boundary-1')?.getAttribute('aria-valuenow')) === n + 1, now);
  assert.equal(await page.locator('#phase-1-to').inputValue(), String(now + 1));
  // A quota is part of the example: the sales scorecard shows attainment per quarter.
  if (await page.locator('#plan-quota').inputValue()) {
    assert.match(await page.locator('#quota-quarters').textContent(), /Q1 .*%/);
  }
  // Typing a week outside the allowed range is refused with the range, nothing lost.
  await page.fill('#phase-1-to', '400');
  const error = page.locator('#phase-1-to-error');
  await error.waitFor();
  assert.match(await error.textContent(), /Phase 1 last week must be a whole number from \d+ to \d+/);
  assert.equal(await page.locator('#phase-1-to').inputValue(), '400', 'the typed text stays');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
