// What a person does with the controls: drag a slider and watch the KPIs
// and charts follow in the direction the model says; type a bad number
// and get a message, not a dead page.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  artefact,
  chartPixels,
  kpiText,
  openApp,
  rangeOf,
  setInput,
  waitForChartChange,
  waitForKpiChange,
} from './lib/browser.mjs';
import { parseDisplayed } from './lib/numbers.mjs';
import { appPerFile } from './lib/suite.mjs';

let page;
appPerFile(async (app) => {
  page = await openApp(app);
});

/**
 * Moves a control to `value`, then returns the new-customers KPI before and
 * after, having waited for the KPI text and both charts' pixels to change.
 */
async function move(selector, value) {
  const beforeText = await kpiText(page, 'new_customers');
  const beforeFunnel = await chartPixels(page, 'funnel');
  const beforeLine = await chartPixels(page, 'new-customers');
  assert.ok(beforeFunnel && beforeLine, 'funnel and new-customers charts are on the page');
  await setInput(page, selector, value);
  const afterText = await waitForKpiChange(page, 'new_customers', beforeText);
  await waitForChartChange(page, 'new-customers', beforeLine);
  await waitForChartChange(page, 'funnel', beforeFunnel);
  return { before: parseDisplayed(beforeText), after: parseDisplayed(afterText), beforeText, afterText };
}

test('moving the budget slider up increases new customers and redraws the charts', async () => {
  const slider = '#budget-per-week';
  assert.equal(await page.locator(slider).getAttribute('type'), 'range');
  const r = await rangeOf(page, slider);
  assert.ok(r.value < r.max, `budget starts below its maximum (${r.value} of ${r.max})`);
  // Double the budget, or as far as the slider goes.
  const { before, after, beforeText, afterText } = await move(slider, Math.min(r.max, Math.max(r.value * 2, r.value + r.step)));
  assert.ok(after > before, `new customers should rise with budget: ${beforeText} → ${afterText}`);
  assert.deepEqual(page.problems, []);
});

test('moving the win rate slider down decreases new customers and redraws the charts', async () => {
  const slider = '#sales-win-rate';
  assert.equal(await page.locator(slider).getAttribute('type'), 'range');
  const r = await rangeOf(page, slider);
  assert.ok(r.value > r.min, `win rate starts above its minimum (${r.value}, min ${r.min})`);
  const { before, after, beforeText, afterText } = await move(slider, r.min + (r.value - r.min) / 2);
  assert.ok(after < before, `new customers should fall with win rate: ${beforeText} → ${afterText}`);
  await page.screenshot({ path: artefact('desktop-after-sliders.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
});

test('an invalid number shows an alert and the app keeps working', async () => {
  // Sales reps must be a whole number ≥ 0. A slider cannot hold an invalid
  // value, so type into its number twin (`<id>-number`), or the reps field
  // itself if it is a number box.
  const repsType = await page.locator('#sales-reps').getAttribute('type');
  const field = repsType === 'number' ? '#sales-reps' : '#sales-reps-number';
  assert.equal(await page.locator(field).count(), 1, `${field} is on the page`);
  const valid = await page.locator(field).inputValue();
  await page.locator(field).fill('-1');
  const alert = page.locator('[role="alert"]').filter({ hasText: /\S/ });
  await alert.first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.screenshot({ path: artefact('invalid-input.png'), fullPage: true });

  // Put the valid value back: the message goes and the sliders work again.
  await page.locator(field).fill(valid);
  await page.waitForFunction(
    () => [...document.querySelectorAll('[role="alert"]')].every((el) => !el.textContent.trim() || !el.checkVisibility()),
    null,
    { timeout: 10_000 },
  );
  const r = await rangeOf(page, '#sales-win-rate');
  const { before, after, beforeText, afterText } = await move('#sales-win-rate', r.max);
  assert.ok(after > before, `raising the win rate after the error still raises new customers: ${beforeText} → ${afterText}`);
  assert.deepEqual(page.problems, [], 'no panic or console error from the invalid input');
});
