// Learn mode, played as a student: every lesson from its link (?lesson=ID)
// through the prediction, a failed check, the reference solution typed into
// the lesson's dials (tests/e2e/learn_solutions.json, which a native test
// in crates/engine/tests/learn.rs holds against the engine's solutions),
// the goal met and the debrief in the learner's numbers; progress kept
// after a reload; an unknown lesson's notice; the glossary and its inline
// terms with the keyboard; the result card (text and PNG) of a goal met; a
// teacher's challenge link made in the pane and played from its address
// (and a damaged one); one lesson as a widget (?embed&lesson=ID) at 360 px.

import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { ROOT, kpiText, loadApp, openApp, openPage, setInput } from './lib/browser.mjs';
import { appPerFile } from './lib/suite.mjs';

const app = appPerFile();
const { lessons: SOLUTIONS } = JSON.parse(await readFile(path.join(ROOT, 'tests/e2e/learn_solutions.json'), 'utf8'));

async function openLesson(page, id) {
  await loadApp(page, `${app.url}?lesson=${id}`);
  await page.waitForSelector(`article.lesson[data-lesson="${id}"]`);
}

async function text(page, selector) {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Plays one lesson from its link to the debrief. */
async function play(page, id) {
  await openLesson(page, id);
  assert.equal(await page.locator('#tab-learn').getAttribute('aria-selected'), 'true', 'the link opens the Learn tab');
  assert.equal(await page.locator(`.lesson-list li[data-lesson="${id}"]`).getAttribute('data-done'), 'false');
  const own = await page.locator('#lesson-link').getAttribute('href');
  assert.equal(new URL(own, page.url()).href, `${app.url}?lesson=${id}`, 'the lesson links to its own address');

  // The prediction: no reveal before an answer.
  await page.click('#lesson-to-prediction');
  assert.ok(await page.locator('#lesson-reveal').isDisabled(), 'must answer before the reveal');
  await page.check('#prediction-0');
  await page.click('#lesson-reveal');
  const verdict = await page.locator('.verdict').getAttribute('data-verdict');
  const right = await page.locator('.prediction .choice').evaluateAll((all) => all.findIndex((c) => c.classList.contains('right')));
  assert.ok(right >= 0, `${id}: the reveal marks the model's answer`);
  assert.equal(verdict, right === 0 ? 'right' : 'wrong', `${id}: the verdict agrees with the marked answer`);
  const reveal = await text(page, '#lesson-reveal-text');
  assert.match(reveal, /\d/, `${id}: the reveal gives the model's numbers: ${reveal}`);
  assert.ok(await page.locator('#prediction-1').isDisabled(), 'the answer is locked once revealed');

  // The challenge: the start is loaded, only the lesson's dials show.
  await page.click('#lesson-start');
  await page.waitForSelector('.goal-panel[data-goal-met="false"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson-challenge-title', 'the focus follows to the challenge');
  const dials = await page.locator('.dials input[type="number"]').evaluateAll((all) => all.map((i) => i.id));
  for (const step of SOLUTIONS[id]) {
    assert.ok(dials.includes(`learn-${step.field}-number`), `${id}: ${step.field} is a dial (${dials})`);
  }
  await page.click('#lesson-check');
  const missed = page.locator('[data-feedback="missed"] li');
  assert.ok((await missed.count()) >= 1, `${id}: a wrong attempt gets feedback`);
  const first = (await missed.first().textContent()) ?? '';
  assert.match(first, /short of|over the goal|no value/, `${id}: the feedback says by how much: ${first}`);

  // The solution, typed into the dials as a student would.
  const kpiBefore = await kpiText(page, 'new_customers');
  for (const step of SOLUTIONS[id]) {
    await setInput(page, `#learn-${step.field}-number`, step.value);
    if (step.lock) await page.check(`#learn-${step.field.replace(/-share$/, '')}-lock`);
  }
  await page.waitForSelector('.goal-panel[data-goal-met="true"]', { timeout: 10_000 });
  assert.equal(await page.locator('.goal-condition[data-met="false"]').count(), 0);
  await page.click('#lesson-check');
  await page.waitForSelector('[data-feedback="met"]');

  // The debrief uses the learner's numbers: the goal panel's values.
  const debrief = await text(page, '#lesson-debrief');
  assert.match(debrief, /You met the goal/);
  const kpi = await text(page, '.goal-condition[data-condition="0"] .condition-kpi');
  const values = await text(page, '.goal-condition[data-condition="0"] .condition-values');
  assert.ok(debrief.includes(`${kpi}: ${values}`), `${id}: the debrief quotes "${kpi}: ${values}": ${debrief}`);
  assert.equal(await page.locator(`.lesson-list li[data-lesson="${id}"]`).getAttribute('data-done'), 'true');
  return { kpiBefore };
}

for (const id of Object.keys(SOLUTIONS)) {
  test(`lesson ${id}: predict, fail a check, solve with the dials, read the debrief; progress survives a reload`, async () => {
    const page = await openPage(app.browser);
    await play(page, id);
    await page.reload();
    await page.waitForSelector(`.lesson-list li[data-lesson="${id}"][data-done="true"]`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('the next-lesson button opens the next lesson, and the stored progress is a JSON list of ids', async () => {
  const page = await openPage(app.browser);
  await play(page, 'top-of-funnel');
  await page.click('#lesson-next');
  await page.waitForSelector('article.lesson[data-lesson="diminishing-returns"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'lesson-title', 'the focus moves to the new lesson');
  const stored = await page.evaluate(() => localStorage.getItem('funnel-lab.learn.v1'));
  assert.deepEqual(JSON.parse(stored), ['top-of-funnel']);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('unreadable progress in storage shows a note and nothing breaks', async () => {
  const page = await openPage(app.browser, { init: [() => localStorage.setItem('funnel-lab.learn.v1', '{oops')] });
  await openLesson(page, 'retention');
  assert.match(await text(page, '#lesson-storage'), /not a JSON list/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an unknown lesson link shows a notice and the app still works', async () => {
  const page = await openPage(app.browser);
  await loadApp(page, `${app.url}?lesson=nope`);
  const notice = page.locator('#lesson-unknown');
  await notice.waitFor();
  assert.match(await text(page, '#lesson-unknown'), /no lesson called “nope”/);
  assert.equal(await page.locator('.lesson-list li').count(), Object.keys(SOLUTIONS).length);
  await page.click('.lesson-list li[data-lesson="balance"] button');
  await page.waitForSelector('article.lesson[data-lesson="balance"]');
  assert.equal(await notice.count(), 0, 'opening a lesson clears the notice');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the glossary lists every term, and a KPI label opens its definition inline with the keyboard', async () => {
  const page = await openApp(app, { suffix: '?lesson=balance' });
  const entries = await page.locator('.glossary-entry').evaluateAll((all) => all.map((e) => e.id));
  assert.ok(entries.length >= 40, `every term is listed (${entries.length})`);
  assert.ok(entries.every((id) => id.startsWith('term-')), 'each entry has its term-<id> anchor');
  assert.equal(new Set(entries).size, entries.length, 'anchors are unique');
  assert.ok(entries.includes('term-cac'));
  assert.match(await text(page, '#term-cac'), /Formula/);

  // The CAC card's label is a term button: Enter opens it, Escape closes it.
  const label = page.locator('.kpi:has([data-kpi="cac"]) dt button.term');
  assert.equal(await label.getAttribute('aria-expanded'), 'false');
  await label.focus();
  await page.keyboard.press('Enter');
  assert.equal(await label.getAttribute('aria-expanded'), 'true');
  const pop = page.locator(`#${await label.getAttribute('aria-controls')}`);
  assert.ok(await pop.isVisible(), 'the definition shows inline');
  assert.match((await pop.textContent()) ?? '', /CAC/);
  await page.keyboard.press('Escape');
  assert.equal(await label.getAttribute('aria-expanded'), 'false');
  assert.equal(await pop.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('term')), true, 'focus stays on the term');
  // The KPI value is still the number alone.
  assert.match(await kpiText(page, 'cac'), /^\$[\d,.]+k?$|^—$/);

  // A control's ⓘ sits beside its label (not inside it) and opens the same way.
  const info = page.locator('#pane-assumptions .field:has(#sales-win-rate) button.term-icon');
  assert.equal(await page.locator('#pane-assumptions label button').count(), 0, 'no button inside a label');
  await info.focus();
  await page.keyboard.press('Enter');
  assert.equal(await info.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await info.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('every control names the team that decides it and KPI cards are grouped by team', async () => {
  const page = await openApp(app);
  const missing = await page.locator('#pane-assumptions .field').evaluateAll((all) => all.filter((f) => !f.querySelector('.team-tag')).length);
  assert.equal(missing, 0, 'every field has a team tag');
  assert.match(await text(page, '.field:has(#sales-win-rate) .team-tag'), /Sales/);
  assert.match(await text(page, '.field:has(#budget-per-week) .team-tag'), /Marketing/);
  const teams = await page.locator('.strip .kpi').evaluateAll((all) => all.map((k) => [...k.classList].find((c) => c.startsWith('team-') && c !== 'team-first')));
  const groups = teams.filter((t, i) => i === 0 || teams[i - 1] !== t);
  assert.equal(new Set(groups).size, groups.length, `cards of one team sit together: ${teams}`);
  assert.equal(await page.locator('.strip .kpi.team-first').count(), groups.length, 'one visible team label per group');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('switching to the Results tab and back keeps the lesson where it was', async () => {
  const page = await openPage(app.browser, { viewport: { width: 360, height: 740 } });
  await openLesson(page, 'sales-capacity');
  await page.click('#lesson-to-prediction');
  await page.check('#prediction-0');
  await page.click('#lesson-reveal');
  await page.click('#lesson-start');
  await page.click('#lesson-hint');
  await page.click('#tab-results');
  await page.locator('[data-chart="funnel"] canvas').waitFor();
  await page.click('#tab-learn');
  await page.waitForSelector('.goal-panel');
  assert.equal(await page.locator('.hints li').count(), 1, 'the hint shown is still shown');
  assert.ok(await page.locator('#prediction-0').isChecked(), 'the answer is kept');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll at 360 px (${overflow} px)`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a goal met shows the result card: the numbers as text, and a PNG that downloads', async () => {
  const page = await openPage(app.browser);
  await play(page, 'top-of-funnel');
  const card = page.locator('#result-card');
  await card.waitFor();
  const textCard = await page.locator('#result-card-text').inputValue();
  assert.match(textCard, /Marketing fills the top of the funnel/);
  assert.match(textCard, /Goal met on \d{4}-\d{2}-\d{2}/);
  const kpi = await text(page, '.goal-condition[data-condition="0"] .condition-kpi');
  const values = await text(page, '.goal-condition[data-condition="0"] .condition-values');
  assert.ok(textCard.includes(`✓ ${kpi}: ${values}`), `the card quotes the goal panel (${kpi}: ${values}): ${textCard}`);
  assert.match(textCard, /What I changed\n• Budget per week: \$[\d,]+ → \$16,000/);
  await page.waitForFunction(() => document.querySelector('[data-chart="result-card"] canvas')?.width > 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-chart="result-card"] .png-button')]);
  assert.equal(download.suggestedFilename(), 'funnel-lab-result-card.png');
  const file = await download.path();
  assert.ok((await stat(file)).size > 1000, 'the PNG has content');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a teacher makes a challenge link from the current scenario; the learner plays it from the link', async () => {
  const teacher = await openApp(app);
  await setInput(teacher, '#sales-reps-number', 7);
  await teacher.click('#tab-learn');
  await teacher.click('#challenge-maker summary');
  await teacher.fill('#challenge-title-input', 'Grow leads on a budget');
  await teacher.selectOption('#challenge-kpi-0', 'leads');
  await teacher.fill('#challenge-value-0', '1.2');
  await teacher.click('#challenge-add');
  await teacher.selectOption('#challenge-kpi-1', 'marketing_spend');
  await teacher.selectOption('#challenge-compare-1', 'most');
  await teacher.fill('#challenge-value-1', '3');
  await teacher.click('#challenge-add');
  await teacher.selectOption('#challenge-kpi-2', 'cost_per_lead');
  await teacher.selectOption('#challenge-compare-2', 'most');
  await teacher.selectOption('#challenge-kind-2', 'value');
  await teacher.fill('#challenge-value-2', '100000');
  assert.equal(await teacher.locator('#challenge-add').count(), 0, 'at most three conditions');
  await teacher.fill('#challenge-weeks', '26');
  await teacher.check('#challenge-dial-budget-per-week');
  await teacher.click('#challenge-make');
  const link = await teacher.locator('#challenge-link').inputValue();
  assert.ok(link.startsWith(`${app.url}?challenge=`), link);
  assert.match(link.split('?challenge=')[1], /^[A-Za-z0-9_-]+$/, 'URL-safe');
  assert.deepEqual(teacher.problems, []);
  await teacher.context().close();

  const page = await openPage(app.browser);
  await loadApp(page, link);
  await page.waitForSelector('article.challenge');
  assert.equal(await page.locator('#tab-learn').getAttribute('aria-selected'), 'true', 'the link opens the Learn tab');
  assert.equal(await text(page, '#challenge-title'), 'Challenge: Grow leads on a budget');
  const self = await page.locator('#challenge-self-link').getAttribute('href');
  assert.equal(new URL(self, page.url()).href, link, 'the challenge read from the link writes the same link');
  const goal = await text(page, '#challenge-goal');
  assert.match(goal, /Leads ≥ 1\.2 × the start and Marketing spend ≤ 3 × the start and Cost per lead ≤ \$100,000, by week 26/);
  await page.click('#challenge-start');
  await page.waitForSelector('.goal-panel[data-goal-met="false"]');
  assert.equal(await page.locator('#sales-reps-number').inputValue(), '7', 'the start is the teacher\'s scenario');
  await page.click('#lesson-check');
  assert.match(await text(page, '[data-feedback="missed"] li'), /Leads is .* short of the goal/);
  assert.deepEqual(await page.locator('.dials input[type="number"]').evaluateAll((all) => all.map((i) => i.id)),
    ['learn-budget-per-week-number'], 'only the dial the teacher allowed');
  await setInput(page, '#sales-win-rate-number', 40);
  await page.locator('#lesson-rules').waitFor();
  assert.match(await text(page, '#lesson-rules'), /Win rate was changed .* only its dials may change/);
  await page.click('#lesson-restart');
  await page.waitForSelector('#lesson-rules', { state: 'detached' });
  const budget = Number(await page.locator('#learn-budget-per-week-number').inputValue());
  await setInput(page, '#learn-budget-per-week-number', budget * 2);
  await page.waitForSelector('.goal-panel[data-goal-met="true"]', { timeout: 10_000 });
  await page.click('#lesson-check');
  await page.waitForSelector('[data-feedback="met"]');
  const debrief = await text(page, '#lesson-debrief');
  assert.match(debrief, /You met the goal over 26 weeks: Leads: [\d,.k]+ \(goal ≥ [\d,.k]+\); Marketing spend: /);
  assert.match(debrief, /What you changed: Budget per week: /);
  const card = await page.locator('#result-card-text').inputValue();
  assert.match(card, /Funnel Lab · Grow leads on a budget/);
  assert.match(card, /✓ Cost per lead: \$[\d,.]+ \(goal ≤ \$100,000\)/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a damaged challenge link shows a notice and the lessons still work', async () => {
  const page = await openPage(app.browser);
  await loadApp(page, `${app.url}?challenge=eyJjaGFsbGVuZ2UiOjEsInRpdGxlIjoiVCI`);
  await page.locator('#challenge-damaged').waitFor();
  assert.match(await text(page, '#challenge-damaged'), /The challenge link could not be opened: it is damaged/);
  assert.equal(await page.locator('article.challenge').count(), 0);
  await page.click('#challenge-damaged button');
  assert.equal(await page.locator('#challenge-damaged').count(), 0, 'the notice can be dismissed');
  await page.click('.lesson-list li[data-lesson="balance"] button');
  await page.waitForSelector('article.lesson[data-lesson="balance"]');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('?embed&lesson=ID plays one lesson in a 360 px frame: no horizontal scroll, height messages, debrief', async () => {
  const page = await openPage(app.browser, { viewport: { width: 360, height: 740 } });
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">
    <script>window.__heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'funnel-lab:height') window.__heights.push(e.data.height); });</script>
    </head><body style="margin:0"><iframe src="${app.url}?embed&lesson=balance" title="Funnel Lab lesson" width="360" height="600" style="border:0"></iframe></body></html>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.locator('main#embed article.lesson[data-lesson="balance"]').waitFor();
  assert.equal(await frame.locator('main#app').count(), 0, 'the widget, not the full app');
  await frame.click('#lesson-to-prediction');
  await frame.check('#prediction-0');
  await frame.click('#lesson-reveal');
  await frame.click('#lesson-start');
  await frame.locator('.goal-panel[data-goal-met="false"]').waitFor();
  for (const step of SOLUTIONS.balance) await setInput(frame, `#learn-${step.field}-number`, step.value);
  await frame.locator('.goal-panel[data-goal-met="true"]').waitFor({ timeout: 10_000 });
  await frame.locator('#lesson-debrief').waitFor();
  await frame.locator('#result-card').waitFor();
  const size = await frame.evaluate(() => ({ viewport: window.innerWidth, scroll: document.documentElement.scrollWidth }));
  assert.equal(size.viewport, 360);
  assert.ok(size.scroll <= size.viewport, `no horizontal scroll: ${JSON.stringify(size)}`);
  await page.waitForFunction(() => window.__heights.length >= 2);
  const heights = await page.evaluate(() => window.__heights);
  assert.ok(heights.at(-1) > heights[0], `the height grows as the lesson unfolds: ${heights}`);
  const href = await frame.locator('a#embed-full').getAttribute('href');
  assert.ok(href.endsWith('?lesson=balance'), href);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('?embed&lesson= with an unknown id shows the notice, then the normal widget', async () => {
  const page = await openPage(app.browser, { viewport: { width: 360, height: 740 } });
  await page.goto(`${app.url}?embed&lesson=nope`);
  await page.locator('main#embed [data-kpi="new_customers"]').waitFor();
  assert.match(await text(page, 'main#embed .notice'), /There is no lesson called “nope”/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the glossary has its own link, and a term link opens the Learn tab at that term', async () => {
  const page = await openApp(app, { suffix: '?glossary=sla' });
  assert.equal(await page.getByRole('tab', { name: 'Learn' }).getAttribute('aria-selected'), 'true');
  const entry = page.locator('#term-sla');
  await page.waitForFunction(() => document.activeElement?.id === 'term-sla');
  const box = await entry.boundingBox();
  const height = page.viewportSize().height;
  assert.ok(box && box.y >= 0 && box.y < height, `the SLA entry is on screen: ${JSON.stringify(box)}`);
  assert.match(await entry.textContent(), /service-level agreement/i);
  assert.equal(await entry.locator('a.term-link').getAttribute('href'), '?glossary=sla', 'each term links to itself');
  assert.equal(await page.locator('#glossary-link').getAttribute('href'), '?glossary');
  // Following the link is a full page load: wait for it, then for the app.
  await Promise.all([page.waitForURL(/\?glossary$/, { waitUntil: 'load' }), page.click('#glossary-link')]);
  await page.waitForSelector('main#app [data-kpi="new_customers"]');
  await page.waitForFunction(() => document.activeElement?.id === 'glossary-title');
  assert.equal(new URL(page.url()).search, '?glossary');
  // An unknown term opens the glossary at its top.
  await loadApp(page, new URL('?glossary=nope', page.url()).href);
  await page.waitForFunction(() => document.activeElement?.id === 'glossary-title');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
