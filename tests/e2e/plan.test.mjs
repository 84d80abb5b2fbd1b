// The Plan pane as a manager uses it: optimise the 8-channel preset within
// bounds, apply the plan and see new customers rise, undo it; goal seek at
// a reachable and an unreachable target; the drivers of a KPI as a
// tornado; the paired Monte Carlo check; results kept behind another tab; bad input named by field; and a
// clear message when the worker cannot start.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { artefact, chartPixels, kpiValue, openApp, setInput, startApp, waitForKpiChange, kpiText } from './lib/browser.mjs';

const WORKER = /funnel-lab-worker/;

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** Loads a preset in expected mode and opens the Plan tab. */
async function openPlan(page, preset) {
  if (preset) {
    const before = await kpiText(page, 'new_customers');
    await page.selectOption('#preset', preset);
    await waitForKpiChange(page, 'new_customers', before);
  }
  await page.locator('#mode-expected').check();
  await page.locator('[data-mc-status="off"]').waitFor();
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.locator('#optimise-run').waitFor();
}

/** The row index of a channel in the bounds table. */
async function channelIndex(page, name) {
  const names = await page.locator('.plan-bounds-table tbody th').allTextContents();
  const i = names.indexOf(name);
  assert.ok(i >= 0, `${name} in ${JSON.stringify(names)}`);
  return i;
}

/** "30 % → 12 %" → [0.30, 0.12]. */
function shares(text) {
  return [...text.matchAll(/([\d.]+)\s*%/g)].map((m) => Number(m[1]) / 100);
}

test('optimise the 8-channel preset within bounds, apply it, see new customers rise, undo it', async () => {
  const page = await openApp(app);
  await openPlan(page, 'eight-channels');
  const search = await channelIndex(page, 'Paid search');
  const content = await channelIndex(page, 'Content / SEO');
  await page.fill(`#optimise-min-${search}`, '10');
  await page.fill(`#optimise-max-${content}`, '40');
  const start = await kpiValue(page, 'new_customers');
  const startRaw = await page.locator('[data-kpi="new_customers"]').getAttribute('data-value');
  await page.click('#optimise-run');
  await page.locator('#optimise-result[data-state="done"]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#optimise-headline').textContent(), /New customers: .* → .*\(\+/);

  const rows = page.locator('#optimise-channels tbody tr');
  const row = async (i) => shares(await rows.nth(i).locator('td').first().textContent());
  const all = [];
  for (let i = 0; i < (await rows.count()); i += 1) all.push((await row(i))[1]);
  assert.ok(Math.abs(all.reduce((a, b) => a + b, 0) - 1) < 0.02, `shares sum to 100 %: ${all}`);
  assert.ok(all[search] >= 0.1 - 1e-9, `Paid search keeps its 10 % minimum: ${all[search]}`);
  assert.ok(all[content] <= 0.4 + 1e-9, `Content / SEO stays under its 40 % maximum: ${all[content]}`);
  assert.equal(await rows.nth(content).getAttribute('data-binding'), 'at its maximum');
  assert.match(await page.locator('#optimise-wider').textContent(), /three times wider/);
  assert.ok((await page.locator('#optimise-kpis tbody tr').count()) >= 10, 'a before/after row per KPI');
  assert.ok(await chartPixels(page, 'optimise-weekly'), 'the overlay chart is drawn');
  assert.ok(await chartPixels(page, 'optimise-response'), 'response curves with the feasible range');
  await page.screenshot({ path: artefact('plan-optimise.png'), fullPage: true });

  // Apply: the whole app follows, the address too; Undo brings it back.
  const hash = await page.evaluate(() => location.hash);
  const planned = await page.locator('#optimise-kpis tr[data-kpi-row="new_customers"] td[data-col="plan"]').textContent();
  await page.click('#optimise-apply');
  const applied = await waitForKpiChange(page, 'new_customers', String(start));
  assert.equal(applied, planned.trim(), 'the KPI strip shows the plan’s new customers');
  assert.ok((await kpiValue(page, 'new_customers')) > start, 'new customers rise');
  await page.waitForFunction((h) => location.hash !== h, hash);
  assert.match(await page.locator('#plan-applied').textContent(), /Applied the optimised plan/);
  // Another tab and back: the result and its Undo are still there.
  await page.getByRole('tab', { name: 'Results' }).click();
  await page.locator('#plan-applied').waitFor({ state: 'hidden' });
  await page.getByRole('tab', { name: 'Plan' }).click();
  assert.match(await page.locator('#plan-applied').textContent(), /Applied the optimised plan/);
  await page.locator('#optimise-result[data-state="done"]').waitFor();
  assert.ok(await chartPixels(page, 'optimise-weekly'), 'the overlay chart is drawn again');
  await page.click('#plan-undo');
  await page.waitForFunction((v) => document.querySelector('[data-kpi="new_customers"]').dataset.value === v, startRaw);
  assert.match(await page.locator('#plan-undone').textContent(), /Undone/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('bad bounds are named with their range, and what was typed stays', async () => {
  const page = await openApp(app);
  await openPlan(page, 'eight-channels');
  const search = await channelIndex(page, 'Paid search');
  await page.fill(`#optimise-min-${search}`, 'abc');
  await page.fill(`#optimise-max-${search}`, '150');
  await page.click('#optimise-run');
  const errors = await page.locator('#optimise-errors').textContent();
  assert.match(errors, /Paid search minimum share \(%\): a number from 0 to 100/);
  assert.match(errors, /Paid search maximum share \(%\): a number from 0 to 100/);
  assert.equal(await page.inputValue(`#optimise-min-${search}`), 'abc', 'the typed text stays');
  assert.equal(await page.locator('#optimise-result').getAttribute('data-state'), 'idle', 'nothing ran');

  // Minimums above the whole budget: the engine names the channels.
  await page.fill(`#optimise-max-${search}`, '');
  for (let i = 0; i < 8; i += 1) await page.fill(`#optimise-min-${i}`, '20');
  await page.click('#optimise-run');
  await page.locator('#optimise-result[data-state="done"]').waitFor();
  assert.match(await page.locator('#optimise-failed').textContent(), /infeasible.*Paid search/i);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('goal seek: the cheapest plan for a reachable target, and an honest answer for an unreachable one', async () => {
  const page = await openApp(app);
  await openPlan(page, null);
  await page.fill('#goal-value', '60');
  await page.click('#goal-run');
  await page.locator('#goal-result[data-state="done"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#goal-result .plan-result').getAttribute('data-feasible'), 'yes');
  assert.match(await page.locator('#goal-headline').textContent(), /60 new customers by week 52: budget \$[\d,]+ a week and \d+ reps, total cost/);
  assert.ok((await page.locator('#goal-reverse tr').count()) >= 8, 'the reverse funnel beside it');
  assert.ok((await page.locator('#goal-reasons li').count()) >= 1, 'why the two differ');
  await page.click('#goal-apply');
  await page.waitForFunction(() => Number(document.querySelector('[data-kpi="new_customers"]').dataset.value) >= 59.5);

  await page.fill('#goal-value', '1000000000');
  await page.click('#goal-run');
  await page.locator('#goal-result[data-state="done"] [data-feasible="no"]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('#goal-headline').textContent(), /Not reachable.*best reachable is/);
  assert.ok((await page.locator('#goal-limits li').count()) >= 1, 'what limits it');
  await page.fill('#goal-week', '99');
  await page.click('#goal-run');
  assert.match(await page.locator('#goal-errors').textContent(), /By week: a number from 1 to 52/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('sensitivity draws a tornado and an elasticity table with the signs the model fixes', async () => {
  const page = await openApp(app);
  await openPlan(page, null);
  await page.click('#sens-run');
  await page.locator('#sens-result[data-state="done"]').waitFor({ timeout: 30_000 });
  assert.ok(await chartPixels(page, 'tornado'), 'the tornado is drawn');
  assert.ok((await page.locator('#sens-table tbody tr').count()) >= 10);
  const elasticity = async (field) => Number(await page.locator(`#sens-table tr[data-field="${field}"] td[data-elasticity]`).getAttribute('data-elasticity'));
  assert.ok((await elasticity('budget.per_week')) >= 0, 'more budget never gives fewer customers');
  assert.ok((await elasticity('sales.win_rate')) > 0, 'a higher win rate gives more customers');
  await page.fill('#sens-delta', '0');
  await page.click('#sens-run');
  assert.match(await page.locator('#sens-errors').textContent(), /above 0 and below 100/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('in Monte Carlo mode the plan is checked over paired runs; without workers the pane says why', async () => {
  const page = await openApp(app);
  await openPlan(page, null);
  await setInput(page, '#sim-runs-number', 100);
  await page.locator('#mode-monte-carlo').check();
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.click('#optimise-run');
  await page.locator('#optimise-mc[data-state="done"]').waitFor({ timeout: 60_000 });
  const text = await page.locator('#optimise-mc').textContent();
  assert.match(text, /Over 100 paired Monte Carlo runs: P10–P90 now .* with the plan .*better in \d+ % of the runs/);
  assert.ok(Number(await page.locator('#optimise-mc').getAttribute('data-wins')) > 0.5, 'the optimised plan wins most paired runs');
  assert.match(await page.locator('#optimise-result .note').first().textContent(), /background worker/);
  await page.context().close();

  // The worker script blocked: a clear message and the command line, no freeze.
  const blocked = await openApp(app);
  await blocked.route(WORKER, (route) => route.abort());
  await blocked.getByRole('tab', { name: 'Plan' }).click();
  await blocked.click('#optimise-run');
  await blocked.locator('#optimise-result[data-state="done"]').waitFor({ timeout: 30_000 });
  assert.match(await blocked.locator('#optimise-failed').textContent(), /run on a Web Worker, and .*command line/);
  assert.equal(await blocked.locator('#optimise-run').isEnabled(), true, 'the button works again');
  const own = blocked.problems.filter((p) => !WORKER.test(p));
  assert.deepEqual(own, []);
  await blocked.context().close();
});

test('the Plan pane fits a 360 px phone with every result open', async () => {
  const page = await openApp(app, { viewport: { width: 360, height: 740 } });
  await page.getByRole('tab', { name: 'Plan' }).click();
  for (const id of ['optimise', 'goal', 'sens']) {
    await page.click(`#${id}-run`);
    await page.locator(`#${id}-result[data-state="done"]`).waitFor({ timeout: 30_000 });
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no horizontal scroll');
  const tabs = await page.getByRole('tab').evaluateAll((all) => all.map((t) => t.getBoundingClientRect().height));
  assert.ok(Math.max(...tabs) < 50, `tab labels stay on one line: ${tabs}`);
  await page.screenshot({ path: artefact('plan-360.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('flighting shapes the budget over four quarters, says by how much, and is adopted as the plan over time', async () => {
  const page = await openApp(app);
  await openPlan(page, 'eight-channels');
  const flat = await kpiValue(page, 'new_customers');
  // A total per quarter that is out of range is refused, naming the field.
  await page.fill('#flight-min', '-5');
  await page.click('#flight-run');
  assert.match(await page.locator('#flight-errors').textContent(), /Lowest budget per week: a number from 0/);
  await page.fill('#flight-min', '');
  await page.click('#flight-run');
  await page.locator('#flight-result[data-state="done"]').waitFor({ timeout: 60_000 });
  const headline = await page.locator('#flight-headline').textContent();
  assert.match(headline, /Flighted: .* new customers against .* when spent evenly/);
  assert.equal(await page.locator('#flight-periods-table tbody tr').count(), 4, 'one row per quarter');
  const shares = (await page.locator('#flight-periods-table tbody td:nth-child(5)').allTextContents()).map((t) => Number(t.replace(/[^\d.]/g, '')));
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 1, `the periods spend the whole total: ${shares}`);
  await page.locator('[data-chart="flight-budget"] canvas').waitFor();

  await page.click('#flight-adopt');
  await page.locator('#flight-adopted').waitFor();
  const adopted = await kpiValue(page, 'new_customers');
  assert.ok(adopted >= flat - 1e-6, `the flighted plan does at least as well: ${adopted} vs ${flat}`);
  await page.click('#flight-undo');
  await page.locator('#flight-adopt').waitFor();
  assert.equal(await kpiValue(page, 'new_customers'), flat, 'undo gives the flat plan back');
  await page.click('#flight-adopt');
  await page.locator('#flight-adopted').waitFor();
  await page.getByRole('tab', { name: 'Results' }).click();
  assert.equal(await page.locator('.timeline-phase').count(), 4, 'the timeline shows the four periods');
  await page.click('#plan-clear');
  await page.locator('#plan-start').waitFor();
  assert.equal(await kpiValue(page, 'new_customers'), flat, 'removing the plan gives the flat plan back');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('when to hire: no hire needed, not reachable, then the latest start week, added to the plan', async () => {
  const page = await openApp(app);
  // The launch burst piles up leads: one more rep from week 1 still leaves a few waiting.
  await openPlan(page, 'plan:launch-burst');
  const run = async (reps, limit) => {
    await page.fill('#hire-reps', String(reps));
    await page.fill('#hire-backlog', String(limit));
    await page.click('#hire-run');
    await page.locator('#hire-result[data-state="done"]').waitFor({ timeout: 60_000 });
    return page.locator('#hire-headline').textContent();
  };
  await page.fill('#hire-reps', '0');
  await page.click('#hire-run');
  assert.match(await page.locator('#hire-errors').textContent(), /Reps to hire: a number from 1 to 500/);
  assert.match(await run(1, 1e9), /No hire is needed/);
  assert.match(await run(1, 0), /Not reachable: even starting in week 1, 1 new rep\(s\) cannot keep the backlog within 0 \(lowest peak \d/);
  const found = await run(1, 50);
  const week = Number(found.match(/by week (\d+) at the latest/)?.[1]);
  assert.ok(week > 1 && week <= 52, found);
  assert.equal(await page.locator('#hire-result .plan-result').getAttribute('data-week'), String(week));
  const tighter = Number((await run(1, 10)).match(/by week (\d+) at the latest/)?.[1]);
  assert.ok(tighter <= week, `a tighter limit needs the hire no later: ${tighter} vs ${week}`);
  await run(1, 50);
  await page.locator('[data-chart="hire-peaks"] canvas').waitFor();
  const before = await kpiText(page, 'cost');
  await page.click('#hire-adopt');
  await page.locator('#hire-adopted').waitFor();
  await waitForKpiChange(page, 'cost', before);
  await page.getByRole('tab', { name: 'Results' }).click();
  const phases = await page.locator('.timeline-phase .timeline-weeks').allTextContents();
  assert.ok(phases.some((t) => t.trim().startsWith(`weeks ${week}–`)), `a phase starts in week ${week}: ${phases}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
