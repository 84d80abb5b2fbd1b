// Pipeline stages as a sales manager sets them: the control takes a stage
// count, a chart of open opportunities per named stage appears (none with
// one stage), fewer deals close inside the horizon than with the
// memoryless cycle, and the address carries the stages to another browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { chartColours, kpiValue, openApp, setInput } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

const app = appPerFile();

test('setting pipeline stages draws the pipeline and survives a link', async () => {
  const page = await openApp(app);
  assert.equal(await page.locator('label[for="sales-pipeline-stages"]').count(), 1, 'the control is labelled');
  await setInput(page, '#sales-pipeline-stages-number', 1);
  await page.locator('[data-chart="pipeline"]').waitFor({ state: 'detached' });
  const before = await kpiValue(page, 'new_customers');
  await setInput(page, '#sales-pipeline-stages-number', 4);
  await page.locator('[data-chart="pipeline"] canvas').waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.querySelector('[data-chart="pipeline"] canvas')?.width > 0);
  assert.ok((await chartColours(page, 'pipeline')) > 1, 'the pipeline chart draws bars');
  const label = await page.locator('[data-chart="pipeline"] canvas').getAttribute('aria-label');
  assert.match(label ?? '', /4 sales pipeline stages/);
  // Same mean cycle, but no deal can close in its first weeks: fewer wins
  // within the horizon, never more.
  const after = await kpiValue(page, 'new_customers');
  assert.ok(after <= before, `new customers ${after} with 4 stages vs ${before} with 1`);

  // A too-short cycle is refused with the field and the rule named.
  await setInput(page, '#sales-pipeline-stages-number', 12);
  const cycle = await page.locator('#sales-cycle-weeks-number').inputValue();
  if (Number(cycle) < 12) {
    await page.locator('.field-error').first().waitFor();
    assert.match(await page.locator('.field-error').first().textContent(), /stage/i);
  }
  await setInput(page, '#sales-pipeline-stages-number', 4);

  // The address follows the scenario after a short pause in editing.
  await page.waitForFunction(() => location.hash.startsWith('#s='), null, { timeout: 10_000 });
  const url = page.url();
  const other = await openApp(app, { suffix: url.slice(url.indexOf('#')) });
  assert.equal(await other.locator('#sales-pipeline-stages-number').inputValue(), '4');
  // And one stage, the memoryless cycle, travels too (the default has four).
  await setInput(page, '#sales-pipeline-stages-number', 1);
  await page.waitForFunction(() => location.hash.startsWith('#s='), null, { timeout: 10_000 });
  await page.waitForFunction((previous) => location.href !== previous, url, { timeout: 10_000 });
  const single = await openApp(app, { suffix: page.url().slice(page.url().indexOf('#')) });
  assert.equal(await single.locator('#sales-pipeline-stages-number').inputValue(), '1');
  assert.equal(await single.locator('[data-chart="pipeline"]').count(), 0, 'one stage: no pipeline chart');
  assert.deepEqual(single.problems, []);
  await single.context().close();
  assert.equal(await other.locator('[data-chart="pipeline"]').count(), 1);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(other.problems, []);
  await page.context().close();
  await other.context().close();
});
