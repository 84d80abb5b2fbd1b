// First load of the release build: no errors, every chart drawn and
// labelled, and a phone-width layout with no sideways scrolling.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { artefact, chartColours, kpiValue, openApp } from './lib/browser.mjs';
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
