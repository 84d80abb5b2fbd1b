// The results-first layout, checked with element boxes in the viewport:
// on a wide screen the KPI strip and the funnel are on screen at once while
// a slider is dragged, and scenario management waits in the toolbar's menu;
// on a phone the KPI strip and the tabs stay at the top, one pane shows at a
// time, and nothing scrolls sideways.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { artefact, kpiText, openApp, openScenarioMenu, setInput, startApp, waitForKpiChange } from './lib/browser.mjs';

let app;
before(async () => {
  app = await startApp();
});
after(async () => {
  await app?.close();
});

/** The element's box, and whether it lies wholly inside the viewport. */
async function box(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0;
    const inside = visible && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight + 0.5 && r.right <= window.innerWidth + 0.5;
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, visible, inside };
  });
}

async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('at 1280 × 800 the KPI strip and the funnel stay on screen while the budget slider is dragged', async () => {
  const page = await openApp(app, { viewport: { width: 1280, height: 800 } });
  for (const selector of ['.strip .kpis', '[data-chart="funnel"] canvas', '#budget-per-week']) {
    const b = await box(page, selector);
    assert.ok(b.inside, `${selector} on screen without scrolling: ${JSON.stringify(b)}`);
  }
  assert.equal(await page.locator('#save-scenario').isVisible(), false, 'saved scenarios wait in the menu');
  assert.ok(await page.locator('#scenario-menu > summary').isVisible(), 'the menu is in the toolbar');
  assert.ok((await box(page, '#scenario-menu > summary')).bottom < 120, 'the toolbar is compact');

  // Drag the slider with the mouse: the KPIs follow and nothing moves away.
  const before = await kpiText(page, 'new_customers');
  const slider = await box(page, '#budget-per-week');
  const y = (slider.top + slider.bottom) / 2;
  await page.mouse.move(slider.left + 8, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i += 1) {
    await page.mouse.move(slider.left + 8 + i * ((slider.right - slider.left - 16) / 20), y);
  }
  await waitForKpiChange(page, 'new_customers', before);
  for (const selector of ['.strip .kpis', '[data-chart="funnel"] canvas']) {
    assert.ok((await box(page, selector)).inside, `${selector} still on screen during the drag`);
  }
  await page.mouse.up();
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page did not scroll');

  // Monte Carlo adds ranges to the KPIs: the funnel is still on screen.
  await page.locator('#mode-monte-carlo').check();
  await page.locator('[data-mc-status="done"]').waitFor({ timeout: 60_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  assert.ok((await box(page, '.strip .kpis')).inside, 'KPI strip with ranges on screen');
  assert.ok((await box(page, '[data-chart="funnel"] canvas')).inside, 'funnel on screen with Monte Carlo ranges');
  await page.screenshot({ path: artefact('layout-1280x800.png') });

  // The menu opens in place and closes with Escape.
  await openScenarioMenu(page);
  assert.ok(await page.locator('#save-scenario').isVisible());
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#scenario-menu').evaluate((d) => d.open), false, 'Escape closes the menu');
  assert.equal(await horizontalOverflow(page), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('on a 360 px phone the KPI strip sticks, tabs switch panes, and results are one tap away', async () => {
  const page = await openApp(app, { viewport: { width: 360, height: 740 } });
  const tabs = page.getByRole('tab');
  assert.deepEqual(await tabs.allTextContents(), ['Assumptions', 'Results', 'Plan', 'Learn']);
  assert.equal(await page.getByRole('tab', { name: 'Results' }).getAttribute('aria-selected'), 'true', 'results first');
  assert.ok((await box(page, '.strip .kpis')).inside, 'KPI strip on the first screen');
  assert.ok((await box(page, '[data-chart="funnel"]')).top < 740, 'the funnel starts on the first screen');
  assert.equal(await page.locator('#pane-assumptions').isVisible(), false, 'one pane at a time');

  // Scrolling the results keeps the KPI strip at the top.
  await page.evaluate(() => window.scrollTo(0, 1500));
  const strip = await box(page, '.strip');
  assert.ok(strip.inside && strip.top <= 1, `the strip sticks to the top: ${JSON.stringify(strip)}`);

  // Assumptions are one tap away; an edit there shows in the strip.
  await page.getByRole('tab', { name: 'Assumptions' }).click();
  assert.ok(await page.locator('#pane-assumptions').isVisible());
  assert.equal(await page.locator('#pane-results').isVisible(), false);
  const before = await kpiText(page, 'new_customers');
  await setInput(page, '#budget-per-week-number', 20000);
  await waitForKpiChange(page, 'new_customers', before);
  assert.ok((await box(page, '.strip .kpis')).inside, 'the KPIs stay in view while editing');

  // Keyboard: arrow keys move between the tabs.
  await page.getByRole('tab', { name: 'Assumptions' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: 'Results' }).getAttribute('aria-selected'), 'true');
  assert.ok(await page.locator('#pane-results').isVisible());
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-results', 'focus follows the tab');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: artefact('layout-360.png') });
  assert.equal(await horizontalOverflow(page), 0, 'no horizontal scroll');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
