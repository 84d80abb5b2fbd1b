// Keeping and sharing scenarios as a person does it: presets and their
// sources, the autosave across reloads, links in the address (round trip
// to identical numbers; damaged, future and hostile links), named saved
// scenarios, importing (picker and drag-and-drop; invalid files change
// nothing) and exporting (JSON, CSV and PNG parse back).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { artefact, kpiText, loadApp, openApp, openPage, openScenarioMenu, setInput, waitForKpiChange } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

const app = appPerFile();

/** Every KPI's raw value (`data-value`), keyed by KPI name. */
async function kpiValues(page) {
  return page.$$eval('[data-kpi]', (all) => Object.fromEntries(all.map((el) => [el.dataset.kpi, el.dataset.value])));
}

/** The scenario a `#s=` address holds, decoded here independently of the app. */
function linkPayload(url) {
  const code = new URL(url).hash.replace(/^#s=/, '');
  return JSON.parse(Buffer.from(code, 'base64url').toString('utf8'));
}

/** A link code for any JSON value (base64url, no padding). */
function linkCode(value) {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** Waits until the address holds a scenario link that satisfies `check(payload)`. */
async function waitForLink(page, check) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const url = page.url();
    if (new URL(url).hash.startsWith('#s=')) {
      // Until the app rewrites it, the address may still hold a damaged link.
      let payload = null;
      try {
        payload = linkPayload(url);
      } catch {}
      if (payload && check(payload)) return url;
    }
    if (Date.now() > deadline) throw new Error(`the address never showed the expected scenario: ${url}`);
    await page.waitForTimeout(50);
  }
}

/** Waits until the app has mounted and drawn (after a reload). */
async function ready(page) {
  await page.waitForSelector('main#app [data-kpi="new_customers"]', { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-chart="new-customers"] canvas')?.width > 0);
}

async function alertTexts(page) {
  return page.locator('[role="alert"]:visible').allTextContents();
}

/** Changes the budget and waits for the results to follow. */
async function setBudget(page, value) {
  const before = await kpiText(page, 'new_customers');
  await setInput(page, '#budget-per-week-number', value);
  await waitForKpiChange(page, 'new_customers', before);
}

test('the preset menu loads each preset and shows where its numbers come from', async () => {
  const page = await openApp(app);
  const options = await page.locator('#preset option').evaluateAll((all) => all.map((o) => [o.value, o.textContent]));
  assert.ok(options.length >= 4, `at least four presets: ${JSON.stringify(options)}`);
  assert.equal(await page.locator('label[for="preset"]').count(), 1, 'the menu is labelled');

  const before = await kpiText(page, 'new_customers');
  await page.selectOption('#preset', 'dtc-shop');
  await waitForKpiChange(page, 'new_customers', before);
  const label = options.find(([value]) => value === 'dtc-shop')[1];
  assert.equal(await page.locator('#scenario-name').textContent(), label);
  assert.equal(await page.locator('#sales-reps-number').inputValue(), '0', 'the shop has no sales team');

  await openScenarioMenu(page);
  await page.locator('#sources summary').click();
  const sources = page.locator('#sources .source-list li');
  assert.ok((await sources.count()) >= 3, 'sources listed');
  for (const text of await sources.allTextContents()) {
    assert.match(text, /\S+ — \S+/, `each source says what it was used for and who published it: ${text}`);
  }
  assert.match(await page.locator('#sources').textContent(), /typical — varies widely/);
  assert.match(await page.locator('#sources cite').first().textContent(), /\d{4}|[A-Z]/);
  await page.screenshot({ path: artefact('scenarios-presets.png'), fullPage: false });
  // Undo brings the previous scenario back.
  const shop = await kpiText(page, 'new_customers');
  await page.getByRole('button', { name: 'Undo' }).click();
  await waitForKpiChange(page, 'new_customers', shop);
  assert.equal(await page.locator('#preset').inputValue(), 'b2b-saas');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a reload restores the scenario, from the address and from the autosave', async () => {
  const page = await openApp(app);
  const historyLength = await page.evaluate(() => history.length);
  for (const budget of [12000, 18000, 25000, 30000]) await setBudget(page, budget);
  await setInput(page, '#sales-win-rate-number', 33);
  await waitForLink(page, (p) => p.budget?.per_week === 30000 && p.sales?.win_rate === 0.33);
  assert.equal(await page.evaluate(() => history.length), historyLength, 'replaceState: no history entry per change');
  const edited = await kpiValues(page);

  await page.reload({ waitUntil: 'load' });
  await ready(page);
  assert.deepEqual(await kpiValues(page), edited, 'reload keeps every KPI');
  assert.equal(await page.locator('#budget-per-week-number').inputValue(), '30000');

  // A reload right after a change, before the address caught up, still
  // shows what the page showed (the tab remembers it).
  await setBudget(page, 31000);
  await page.reload({ waitUntil: 'load' });
  await ready(page);
  assert.equal(await page.locator('#budget-per-week-number').inputValue(), '31000');
  await setBudget(page, 30000);
  await waitForLink(page, (p) => p.budget?.per_week === 30000);

  // The bare address (no link) opens the autosaved scenario.
  await loadApp(page, app.url);
  assert.deepEqual(await kpiValues(page), edited, 'the autosave restores every KPI');
  assert.equal(await page.locator('#sales-win-rate-number').inputValue(), '33');
  assert.deepEqual(await alertTexts(page), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a link opened in another browser gives the same scenario and identical numbers (Monte Carlo, same seed)', async () => {
  const page = await openApp(app);
  await setBudget(page, 21000);
  await setInput(page, '#sim-runs-number', 150);
  await page.locator('#mode-monte-carlo').check();
  await page.locator('[data-mc-status="done"]').waitFor({ state: 'attached', timeout: 60_000 });
  const url = await waitForLink(page, (p) => p.simulation?.mode === 'monte-carlo' && p.simulation?.runs === 150);
  const original = await kpiValues(page);
  assert.equal(linkPayload(url).budget.per_week, 21000);

  // Another browser: a fresh context has no storage at all.
  const other = await openPage(app.browser);
  await other.goto(url, { waitUntil: 'load' });
  await other.locator('[data-mc-status="done"]').waitFor({ state: 'attached', timeout: 60_000 });
  assert.deepEqual(await kpiValues(other), original, 'identical KPI values');
  assert.equal(await other.locator('#mode-monte-carlo').isChecked(), true);
  assert.match(await other.locator('.message.status').first().textContent(), /Opened the scenario in this page's address/);
  assert.deepEqual(other.problems, []);
  await other.context().close();
  await page.context().close();
});

test('a link typed into an open page opens (with undo); a link opened over an autosave keeps the autosave', async () => {
  const page = await openApp(app);
  await setBudget(page, 14000);
  const before = await kpiText(page, 'new_customers');
  await page.evaluate((hash) => {
    location.hash = hash;
  }, '#s=' + linkCode({ version: 1, budget: { per_week: 28000 } }));
  await waitForKpiChange(page, 'new_customers', before);
  assert.equal(await page.locator('#budget-per-week-number').inputValue(), '28000');
  assert.match(await page.locator('.message.status').textContent(), /Opened the scenario in the address/);
  await page.locator('.message.status').getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelector('#budget-per-week-number').value === '14000');
  await waitForLink(page, (p) => p.budget?.per_week === 14000);

  // A full page load of another link: the link wins, the autosave is kept.
  await page.goto('about:blank');
  await loadApp(page, app.url + '#s=' + linkCode({ version: 1, budget: { per_week: 3000 } }));
  assert.equal(await page.locator('#budget-per-week-number').inputValue(), '3000', 'the link wins');
  assert.match(await page.locator('.message.status').first().textContent(), /kept under Saved scenarios as “Before opening a link/);
  const kept = page.locator('.saved-item', { hasText: 'Before opening a link' });
  assert.equal(await kept.count(), 1);
  await openScenarioMenu(page);
  await kept.getByRole('button', { name: /^Open/ }).click();
  await page.waitForFunction(() => document.querySelector('#budget-per-week-number').value === '14000');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('damaged, cut, future-version and hostile links show an alert, open the default and the app keeps working', async () => {
  const reference = await openApp(app);
  const defaults = await kpiValues(reference);
  await reference.context().close();

  const valid = linkCode({ version: 1, budget: { per_week: 20000 } });
  const cases = [
    ['#s=' + valid.slice(0, -5), /could not be opened: it is (damaged|cut|damaged or cut short)/],
    ['#s=' + valid.slice(0, 8) + '*!' + valid.slice(10), /damaged: character '\*' at position 9 is not part of a link/],
    ['#s=' + linkCode('not json at all'), /damaged or cut short/],
    ['#s=' + linkCode({ version: 3, budget: { per_week: 20000 } }), /newer version of Funnel Lab/],
    ['#s=' + linkCode({ version: 2, budget: { per_week: 20000 } }), /invalid.*version 2 is not supported without a "plan"/],
    ['#s=' + linkCode({ version: 2, plan: { phases: [{ from_week: 1, to_week: 99 }] } }), /invalid.*plan\.phases\[0\]\.to_week/],
    ['#s=' + linkCode({ version: 1, sales: { win_rate: 7 }, weeks: 0 }), /invalid/],
    ['#s=' + 'A'.repeat(70_000), /too long/],
    ['#s=' + linkCode(`{"version":1,"name":${'['.repeat(5000)}${']'.repeat(5000)}}`), /damaged or cut short/],
  ];
  for (const [fragment, message] of cases) {
    const page = await openApp(app, { suffix: fragment });
    const alerts = await alertTexts(page);
    assert.equal(alerts.length, 1, `${fragment.slice(0, 40)}: one alert: ${JSON.stringify(alerts)}`);
    assert.match(alerts[0], message, fragment.slice(0, 40));
    assert.match(alerts[0], /default scenario is shown/);
    assert.deepEqual(await kpiValues(page), defaults, 'the default scenario is open');
    if (fragment.includes(linkCode({ version: 1, sales: { win_rate: 7 }, weeks: 0 }))) {
      const items = await page.locator('[role="alert"] li').allTextContents();
      assert.ok(items.some((i) => i.startsWith('sales.win_rate')) && items.some((i) => i.startsWith('weeks')), items.join(' | '));
    }
    // Still working: a change moves the numbers, and the address follows it.
    await setBudget(page, 15000);
    await waitForLink(page, (p) => p.budget?.per_week === 15000);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('a scenario name with markup is shown as text', async () => {
  const name = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  const page = await openPage(app.browser);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss().catch(() => {});
  });
  await loadApp(page, app.url + '#s=' + linkCode({ version: 1, name }));
  assert.equal(await page.locator('#scenario-name').textContent(), name);
  assert.equal(await page.locator('#scenario-name img, #scenario-name b').count(), 0, 'no element made from the name');
  assert.equal(await page.locator('#save-name').inputValue(), name);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script ran');
  assert.equal(dialogs, 0);
  await page.context().close();
});

test('an invalid import lists every problem by field and changes nothing; a valid one (picker or drop) loads', async () => {
  const page = await openApp(app);
  const before = await kpiValues(page);
  const bad = { version: 1, weeks: 0, sales: { win_rate: 3 }, revenue: { gross_margin: -1 } };
  await page.setInputFiles('#import-file', {
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const alert = page.locator('[role="alert"]', { hasText: 'bad.json' });
  await alert.waitFor();
  const items = await alert.locator('li').allTextContents();
  for (const field of ['weeks', 'sales.win_rate', 'revenue.gross_margin']) {
    assert.ok(items.some((i) => i.startsWith(field)), `${field} named: ${items.join(' | ')}`);
  }
  assert.match(await alert.textContent(), /nothing was changed: 3 problems/);
  assert.deepEqual(await kpiValues(page), before, 'nothing changed');

  await page.setInputFiles('#import-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1,') });
  await page.locator('[role="alert"]', { hasText: 'broken.json' }).waitFor();
  assert.deepEqual(await kpiValues(page), before, 'nothing changed');

  const good = { version: 1, name: 'Imported plan', budget: { per_week: 5000 } };
  await page.setInputFiles('#import-file', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.locator('#scenario-name', { hasText: 'Imported plan' }).waitFor();
  assert.equal(await page.locator('#budget-per-week-number').inputValue(), '5000');

  // Drag and drop a file onto the page.
  const dropped = { version: 1, name: 'Dropped plan', budget: { per_week: 7000 } };
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, JSON.stringify(dropped));
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await page.locator('#scenario-name', { hasText: 'Dropped plan' }).waitFor();
  assert.equal(await page.locator('#budget-per-week-number').inputValue(), '7000');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('named scenarios: save, list, open, rename, delete, kept across reloads', async () => {
  const page = await openApp(app);
  const defaults = await kpiValues(page);
  await openScenarioMenu(page);
  await page.fill('#save-name', 'Plan A');
  await page.click('#save-scenario');
  await page.locator('.saved-item[data-name="Plan A"]').waitFor();
  assert.equal(await page.locator('#scenario-name').textContent(), 'Plan A', 'the scenario takes the saved name');

  await setBudget(page, 40000);
  const bigger = await kpiValues(page);
  await page.fill('#save-name', 'Plan B');
  await page.click('#save-scenario');
  await page.locator('.saved-item[data-name="Plan B"]').waitFor();

  await page.getByRole('button', { name: 'Rename “Plan A”' }).click();
  await page.fill('#rename-name', 'Plan A (cheap)');
  await page.click('#rename-confirm');
  await page.locator('.saved-item[data-name="Plan A (cheap)"]').waitFor();
  assert.equal(await page.locator('.saved-item[data-name="Plan A"]').count(), 0);

  // A taken name is refused with a message, and nothing changes.
  await page.getByRole('button', { name: 'Rename “Plan B”' }).click();
  await page.fill('#rename-name', 'Plan A (cheap)');
  await page.click('#rename-confirm');
  assert.match((await alertTexts(page)).join(' '), /already called “Plan A \(cheap\)”/);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Open “Plan A (cheap)”' }).click();
  await page.locator('#scenario-name', { hasText: 'Plan A (cheap)' }).waitFor();
  const reopened = await kpiValues(page);
  assert.deepEqual(reopened, defaults, 'the saved numbers come back');

  await page.getByRole('button', { name: 'Delete “Plan B”' }).click();
  await page.locator('.saved-item[data-name="Plan B"]').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.locator('.saved-item[data-name="Plan B"]').waitFor();
  await page.getByRole('button', { name: 'Delete “Plan B”' }).click();
  await page.locator('.saved-item[data-name="Plan B"]').waitFor({ state: 'detached' });

  await page.reload({ waitUntil: 'load' });
  await ready(page);
  const names = await page.locator('.saved-item').evaluateAll((all) => all.map((li) => li.dataset.name));
  assert.deepEqual(names, ['Plan A (cheap)']);
  assert.notDeepEqual(bigger, defaults);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('JSON, CSV and PNG exports parse back', async () => {
  const page = await openApp(app);
  await setBudget(page, 16000);
  const kpis = await kpiValues(page);

  await openScenarioMenu(page);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.equal(json.suggestedFilename(), 'B2B-SaaS-sales-led.json');
  const scenario = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(scenario.version, 1);
  assert.equal(scenario.budget.per_week, 16000);
  assert.equal(scenario.name, 'B2B SaaS, sales-led');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\n');
  const header = lines[0].split(',');
  assert.deepEqual(header.slice(0, 2), ['week', 'source']);
  const rows = lines.slice(1).map((l) => l.split(','));
  const totals = rows.filter((r) => r[1] === 'total');
  assert.equal(totals.length, scenario.weeks, 'one total row per week');
  const column = header.indexOf('new_customers');
  const sum = totals.reduce((s, r) => s + Number(r[column]), 0);
  const shown = Number(kpis.new_customers);
  assert.ok(Math.abs(sum - shown) <= 1e-6 * Math.max(1, shown), `CSV new customers ${sum} = KPI ${shown}`);

  // The exported file imports back to the same numbers.
  await setBudget(page, 9000);
  await page.setInputFiles('#import-file', await json.path());
  await page.waitForFunction(() => document.querySelector('#budget-per-week-number').value === '16000');
  assert.deepEqual(await kpiValues(page), kpis);

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download funnel chart as PNG' }).click(),
  ]);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(bytes.length > 2000, `the PNG has a chart in it (${bytes.length} bytes)`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the preset check shows every figure inside its range and fits a phone', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    const page = await openApp(app, { viewport });
    await openScenarioMenu(page);
    await page.locator('#sources > summary').click();
    assert.ok(await page.locator('#preset-check').isVisible(), 'the check is shown once opened');
    const rows = page.locator('#preset-check tbody tr');
    assert.ok((await rows.count()) >= 8, 'a row per headline figure');
    assert.equal(await page.locator('#preset-check tr[data-inside="no"]').count(), 0, 'every figure inside its range');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, `no horizontal scroll at ${viewport.width} px with the check open`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
