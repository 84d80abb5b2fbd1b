// First load of the release build: no errors, every chart drawn and
// labelled, a phone-width layout with no sideways scrolling, and the page's
// wasm split at the first chart (scripts/split-wasm.mjs): the rest of the
// code arrives after the first chart, or on the spot if it is needed first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

import { DIST, artefact, chartColours, kpiValue, loadApp, openApp, openPage } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

/** Charts drawn in expected mode (the histograms belong to Monte Carlo). */
const EXPECTED_MODE_CHARTS = ['funnel', 'new-customers', 'revenue-cost', 'backlog', 'channels', 'response'];

const app = appPerFile();

test('the page loads with no console or page errors and draws every chart', async () => {
  const page = await openApp(app);
  await page.screenshot({ path: artefact('desktop-expected.png'), fullPage: true });

  assert.equal(await page.locator('main#app').count(), 1, 'one <main id="app">');
  assert.ok((await kpiValue(page, 'new_customers')) > 0, 'new customers shown and positive');
  for (const name of ['cac', 'roi']) {
    assert.equal(await page.locator(`[data-kpi="${name}"]`).count() > 0, true, `data-kpi="${name}" present`);
  }
  for (const name of EXPECTED_MODE_CHARTS) {
    assert.ok((await chartColours(page, name)) > 1, `chart "${name}" has something drawn on it`);
  }
  const unlabelled = await page.$$eval('canvas', (all) =>
    all.filter((c) => !(c.getAttribute('aria-label') ?? '').trim()).map((c) => c.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], 'every <canvas> has an aria-label');
  assert.equal(await page.locator('[role="alert"]:visible').count(), 0, 'no error shown on load');
  assert.deepEqual(page.problems, [], 'no console errors, page errors or failed requests');
  await page.context().close();
});

test('a 360 px wide viewport has no horizontal scroll', async () => {
  const page = await openApp(app, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  // Charts size themselves from their container after layout: let them settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: artefact('mobile-360.png'), fullPage: true });
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    // Name the widest element that sticks out, to make a failure easy to fix.
    let widest = null;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > root.clientWidth + 0.5 && (!widest || r.right > widest.right)) {
        widest = { right: r.right, tag: el.tagName.toLowerCase(), id: el.id, cls: el.className?.toString() ?? '' };
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
  assert.ok(
    scrollWidth <= clientWidth,
    `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}; widest overflow: ${JSON.stringify(widest)}`,
  );
  assert.ok((await chartColours(page, 'new-customers')) > 1, 'charts still drawn at 360 px');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** The split-off rest of the page's wasm in dist/ (there is exactly one). */
function restFile() {
  const rest = readdirSync(DIST).filter((f) => /^funnel-lab-web-[0-9a-f]+_rest-[0-9a-f]+\.wasm$/.test(f));
  assert.equal(rest.length, 1, `one split-off module in ${DIST}: ${JSON.stringify(rest)} (make dist splits it)`);
  return rest[0];
}

/** Records when the app announces its first chart (src/app/canvas.rs). */
function recordFirstChart() {
  addEventListener('funnel-lab-first-chart', () => {
    window.__firstChartAt = performance.now();
  });
}

test('the first chart needs only the first module; the rest is fetched after it', async () => {
  const rest = restFile();
  const page = await openPage(app.browser, { init: [recordFirstChart] });
  await loadApp(page, app.url);
  await page.waitForFunction((name) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(name)), rest);
  const { firstChart, restStart } = await page.evaluate(
    (name) => ({
      firstChart: window.__firstChartAt,
      restStart: performance.getEntriesByType('resource').find((e) => e.name.endsWith(name)).startTime,
    }),
    rest,
  );
  assert.ok(firstChart > 0, 'the app announced its first chart');
  assert.ok(restStart >= firstChart, `the rest was requested at ${restStart} ms, before the first chart at ${firstChart} ms`);
  // Code from the rest runs: the Plan tab and its tools.
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.locator('#optimise-run').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('code from the rest that is needed before it arrives is fetched on the spot', async () => {
  const rest = restFile();
  // Hold back the app's announcement, so the prefetch waits for its 3 s
  // fallback; the Plan tab is opened well before that.
  const silence = () => addEventListener('funnel-lab-first-chart', (e) => e.stopImmediatePropagation());
  const page = await openPage(app.browser, { init: [silence] });
  await loadApp(page, app.url);
  const fetched = () =>
    page.evaluate((name) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith(name)).length, rest);
  assert.equal(await fetched(), 0, 'the rest is not fetched yet');
  await page.getByRole('tab', { name: 'Plan' }).click();
  await page.locator('#optimise-run').waitFor();
  assert.ok((await fetched()) >= 1, 'opening the Plan tab fetched the rest');
  await page.locator('#optimise-run').click();
  await page.locator('.plan-result').first().waitFor({ timeout: 20_000 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
