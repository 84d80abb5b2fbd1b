// Accessibility: axe-core (node_modules/axe-core, pinned in package.json)
// runs in the page in every view a person meets: light and dark, Monte
// Carlo done, the embed widget, a 360 px phone, the timeline editor, a lesson mid-challenge and
// the glossary with a term open, the challenge form and a teacher's
// challenge mid-play, one lesson as a widget. No serious or critical violation may
// remain; each one found is printed with its elements and the fix axe
// suggests.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { ROOT, artefact, loadApp, openPage, openScenarioMenu } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

const app = appPerFile();
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/** Runs axe on the page; returns the serious and critical violations, readably. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 6).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
      more: Math.max(0, v.nodes.length - 6),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function readable(violations) {
  return violations
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help}`,
        ...v.nodes.map((n) => `    at ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`),
        v.more ? `    … and ${v.more} more` : '',
      ].join('\n'),
    )
    .join('\n');
}

async function check(name, page) {
  const found = await audit(page);
  if (found.length) await page.screenshot({ path: artefact(`a11y-${name}.png`), fullPage: true });
  assert.equal(found.length, 0, `${name}: serious or critical accessibility problems:\n${readable(found)}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
}

async function opened(options = {}, suffix = '') {
  const page = await openPage(app.browser, options);
  await loadApp(page, app.url + suffix);
  return page;
}

/** Opens the scenario menu and its "where these numbers come from" (the `.typical` badge). */
async function openSources(page) {
  await openScenarioMenu(page);
  await page.locator('summary:has(.typical)').evaluate((s) => { s.parentElement.open = true; });
  assert.ok(await page.locator('.typical').isVisible(), 'the "typical" badge is checked too');
}

test('light scheme, wide screen, sources open', async () => {
  const page = await opened();
  await openSources(page);
  await check('light', page);
});

test('dark scheme, sources open', async () => {
  const page = await opened({ colorScheme: 'dark' });
  await openSources(page);
  await check('dark', page);
});

test('Monte Carlo done (ranges on the KPIs, bands on the charts)', async () => {
  const page = await opened();
  await page.locator('#mode-monte-carlo').check();
  await page.locator('[data-mc-status="done"]').first().waitFor({ state: 'attached', timeout: 60_000 });
  await check('monte-carlo', page);
});

test('dark Monte Carlo done', async () => {
  const page = await opened({ colorScheme: 'dark' });
  await page.locator('#mode-monte-carlo').check();
  await page.locator('[data-mc-status="done"]').first().waitFor({ state: 'attached', timeout: 60_000 });
  await check('monte-carlo-dark', page);
});

test('the embed widget', async () => {
  const page = await openPage(app.browser, { viewport: { width: 480, height: 720 } });
  await page.goto(`${app.url}?embed&controls=budget-per-week,sales-win-rate&charts=funnel`);
  await page.locator('main#embed [data-kpi="new_customers"]').waitFor();
  await check('embed', page);
});

test('a 360 px phone', async () => {
  await check('phone', await opened({ viewport: { width: 360, height: 740 } }));
});

for (const colorScheme of ['light', 'dark']) {
  test(`a lesson mid-challenge (${colorScheme}): prediction revealed, a hint, a failed check, a term open`, async () => {
    const page = await opened({ colorScheme }, '?lesson=balance');
    await page.click('#lesson-to-prediction');
    await page.check('#prediction-1');
    await page.click('#lesson-reveal');
    await page.click('#lesson-start');
    await page.click('#lesson-hint');
    await page.click('#lesson-check');
    await page.locator('[data-feedback="missed"]').waitFor();
    await page.locator('.lesson-concepts button.term').first().click();
    await check(`lesson-${colorScheme}`, page);
  });
}

test('a lesson on a phone', async () => {
  const page = await opened({ viewport: { width: 360, height: 740 } }, '?lesson=digital-first');
  await page.click('#lesson-to-prediction');
  await page.check('#prediction-0');
  await page.click('#lesson-reveal');
  await page.click('#lesson-start');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 360 px in a lesson (${overflow} px)`);
  await check('lesson-phone', page);
});

test('the challenge form with a link made, then the challenge played from it with a failed check', async () => {
  const page = await opened({}, '?lesson=nope');
  await page.click('#challenge-maker summary');
  await page.fill('#challenge-title-input', 'Twice the leads');
  await page.fill('#challenge-value-0', '2');
  await page.click('#challenge-add');
  await page.click('#challenge-make');
  const link = await page.locator('#challenge-link').inputValue();
  await page.locator('#challenge-maker').scrollIntoViewIfNeeded();
  const found = await audit(page);
  assert.equal(found.length, 0, `challenge form:\n${readable(found)}`);
  await loadApp(page, link);
  await page.click('#challenge-start');
  await page.click('#lesson-check');
  await page.locator('[data-feedback="missed"]').waitFor();
  await check('challenge', page);
});

test('one lesson as a widget (?embed&lesson=ID)', async () => {
  const page = await openPage(app.browser, { viewport: { width: 360, height: 720 } });
  await page.goto(`${app.url}?embed&lesson=retention`);
  await page.locator('main#embed article.lesson').waitFor();
  await page.click('#lesson-to-prediction');
  await check('embed-lesson', page);
});

test('the glossary, with KPI and control terms open', async () => {
  const page = await opened({}, '?lesson=nope');
  await page.locator('#glossary').scrollIntoViewIfNeeded();
  await page.locator('.kpi:has([data-kpi="cac"]) dt button.term').click();
  await page.locator('#pane-assumptions .field:has(#sales-win-rate) button.term-icon').click();
  await check('glossary', page);
});

for (const colorScheme of ['light', 'dark']) {
  test(`the Plan pane with every result shown (${colorScheme})`, async () => {
    const page = await opened({ colorScheme });
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.fill('#optimise-min-0', '10');
    for (const id of ['optimise', 'goal', 'flight', 'hire', 'sens']) {
      await page.click(`#${id}-run`);
      await page.locator(`#${id}-result[data-state="done"]`).waitFor({ timeout: 30_000 });
    }
    await page.click('#optimise-apply');
    await page.locator('#plan-applied').waitFor();
    await check(`plan-${colorScheme}`, page);
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`the timeline editor of an example plan, with a refused value (${colorScheme})`, async () => {
    const page = await opened({ colorScheme });
    await page.selectOption('#preset', 'plan:launch-burst');
    await page.locator('#timeline-track').waitFor();
    await page.fill('#phase-2-reps', '-1');
    await page.locator('#phase-2-reps-error').waitFor();
    await page.locator('#boundary-1').focus();
    await check(`timeline-${colorScheme}`, page);
  });
}
