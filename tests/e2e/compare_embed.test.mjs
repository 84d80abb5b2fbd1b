// Compare and embed, as a person uses them: pin a scenario as A, change
// the budget, read A, B and the difference in the compare table; generate
// an embed snippet in the Embed dialog, paste it (and its auto-sizing
// script) into a blog page on another origin, and check the widget at
// 320 px: no horizontal scroll, the chosen chart drawn, its height posted
// to the blog (which resizes the frame), and its link opening the full app
// with the same scenario.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  artefact,
  chartColours,
  chartPixels,
  kpiText,
  nextFrames,
  openApp,
  openPage,
  rangeOf,
  setInput,
  waitForChartChange,
  waitForKpiChange,
} from './lib/browser.mjs';
import { parseDisplayed } from './lib/numbers.mjs';
import { serveStatic } from './lib/server.mjs';
import { appPerFile } from './lib/suite.mjs';

/**
 * Serves `html` as a page on another origin (another loopback port; a
 * routed fake host would be blocked by Chromium's local network access
 * checks from framing a loopback address). Resolves to `{ url, close() }`.
 */
async function serveBlog(html) {
  const dir = await mkdtemp(path.join(tmpdir(), 'funnel-blog-'));
  await writeFile(path.join(dir, 'post.html'), html);
  const server = await serveStatic(dir);
  return {
    url: `${server.url}post.html`,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const app = appPerFile();

/** Text of one cell of the compare table (`col` = a, b, diff, beats, noise). */
async function cell(page, kpi, col) {
  const text = await page.locator(`#compare-table tr[data-compare-kpi="${kpi}"] td[data-col="${col}"]`).textContent();
  // The difference cell ends with a visually hidden "(B better)" for screen readers.
  return text.replace(/\((A|B) better\)/, '').trim();
}

test('the compare table shows A, B and the difference after pinning and changing the budget', async () => {
  const page = await openApp(app);
  assert.equal(await page.locator('#compare-table').count(), 0, 'no compare table before pinning');
  const aCustomers = await kpiText(page, 'new_customers');
  const aCost = await kpiText(page, 'cost');
  const line = await chartPixels(page, 'new-customers');

  await page.locator('#pin-a').click();
  await page.locator('#compare-table').waitFor();
  // Pinned: the weekly chart gains A's dashed line and the A/B legend.
  await waitForChartChange(page, 'new-customers', line);
  const headers = await page.locator('#compare-table thead th[scope="col"]').allTextContents();
  assert.deepEqual(headers.slice(0, 4), ['KPI', 'A', 'B', 'B − A']);
  assert.ok((await page.locator('#compare-table caption').textContent()).trim().length > 0, 'the table has a caption');

  const r = await rangeOf(page, '#budget-per-week');
  await setInput(page, '#budget-per-week', Math.min(r.max, r.value * 2));
  const bCustomers = await waitForKpiChange(page, 'new_customers', aCustomers);
  const bCost = await kpiText(page, 'cost');
  await page.waitForFunction(
    (b) => document.querySelector('#compare-table tr[data-compare-kpi="new_customers"] td[data-col="b"]')?.textContent.trim() === b,
    bCustomers,
  );

  assert.equal(await cell(page, 'new_customers', 'a'), aCustomers, 'A keeps the pinned value');
  assert.equal(await cell(page, 'new_customers', 'b'), bCustomers, 'B is the current value');
  assert.equal(await cell(page, 'cost', 'a'), aCost);
  assert.equal(await cell(page, 'cost', 'b'), bCost);
  for (const kpi of ['new_customers', 'cost']) {
    const [a, b, diff] = await Promise.all(['a', 'b', 'diff'].map((col) => cell(page, kpi, col)));
    const expected = parseDisplayed(b) - parseDisplayed(a);
    const shown = parseDisplayed(diff);
    assert.ok(diff.startsWith('+'), `${kpi}: doubling the budget raises it, shown with a sign: ${diff}`);
    // Both sides are rounded for display (e.g. "$2.1M"): allow that rounding.
    const tolerance = Math.max(1, 0.06 * Math.max(Math.abs(parseDisplayed(a)), Math.abs(parseDisplayed(b))));
    assert.ok(Math.abs(shown - expected) <= tolerance, `${kpi}: ${b} − ${a} ≈ ${expected}, table shows ${diff}`);
  }
  assert.ok(parseDisplayed(bCustomers) > parseDisplayed(aCustomers), `more budget, more customers: ${aCustomers} → ${bCustomers}`);
  await page.locator('.compare').screenshot({ path: artefact('compare-table.png') });

  await page.locator('#unpin-a').click();
  await page.locator('#compare-table').waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an embed snippet from the dialog works in a blog at 320 px: no horizontal scroll, chart, height, link', async () => {
  // 1. The full app: change the win rate, then generate the snippet.
  const page = await openApp(app);
  const defaultCustomers = await kpiText(page, 'new_customers');
  await page.locator('#sales-win-rate-number').fill('35');
  const customers = await waitForKpiChange(page, 'new_customers', defaultCustomers);
  await page.locator('#embed-open').click();
  await page.locator('#embed-dialog[open]').waitFor();
  await page.locator('#embed-width').fill('320');
  await page.locator('#embed-width').press('Tab');
  await page.locator('#embed-control-sales-win-rate').check();
  await page.locator('#embed-chart-1').selectOption('new-customers');
  await page.waitForFunction(() => /width="320"/.test(document.querySelector('#embed-snippet')?.value ?? ''));
  const snippet = await page.locator('#embed-snippet').inputValue();
  const script = await page.locator('#embed-script').inputValue();
  const src = await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').querySelector('iframe')?.getAttribute('src'), snippet);
  assert.ok(src?.startsWith(app.url) && src.includes('?embed') && src.includes('#s='), `snippet src: ${src}`);
  assert.match(src, /controls=[^&#]*sales-win-rate/);
  assert.match(src, /charts=new-customers(#|$)/);
  await page.locator('#embed-close').click();
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // 2. The blog: the snippet and the script pasted into a page on another origin.
  const blog = await openPage(app.browser, { viewport: { width: 360, height: 700 } });
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>A blog post</title><link rel="icon" href="data:,">
    <script>
      window.__heights = [];
      addEventListener('message', (e) => {
        if (e.data && e.data.type === 'funnel-lab:height') {
          const frame = document.querySelector('iframe');
          window.__heights.push({ origin: e.origin, height: e.data.height, fromWidget: !!frame && e.source === frame.contentWindow });
        }
      });
    </script></head>
    <body style="margin:0"><p>Play with the funnel:</p>${snippet}${script}</body></html>`;
  const site = await serveBlog(html);
  after(() => site.close());
  assert.notEqual(new URL(site.url).origin, new URL(app.url).origin, 'the blog is on another origin');
  await blog.goto(site.url);
  // The snippet's frame loads lazily: wait for it to reach the widget.
  const frame = await (await blog.waitForSelector('iframe')).contentFrame();
  assert.ok(frame, 'the widget frame exists');
  await frame.waitForURL((url) => url.href.startsWith(app.url));
  await frame.locator('main#embed [data-kpi="new_customers"]').waitFor();
  assert.equal(await frame.locator('main#app').count(), 0, 'the widget, not the full app');
  assert.equal(await kpiText(frame, 'new_customers'), customers, 'same scenario, same numbers');

  // At 320 px: no horizontal scroll; only the chosen controls and chart.
  const size = await frame.evaluate(() => ({
    viewport: window.innerWidth,
    scroll: document.documentElement.scrollWidth,
    bodyScroll: document.body.scrollWidth,
  }));
  assert.equal(size.viewport, 320, 'the frame is 320 px wide');
  assert.ok(size.scroll <= size.viewport && size.bodyScroll <= size.viewport, `no horizontal scroll: ${JSON.stringify(size)}`);
  const sliders = await frame.locator('input[type="range"]').evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(sliders, ['budget-per-week', 'sales-win-rate']);
  assert.deepEqual(await frame.locator('[data-chart]').evaluateAll((els) => els.map((e) => e.dataset.chart)), ['new-customers']);
  await frame.waitForFunction(() => document.querySelector('[data-chart="new-customers"] canvas')?.width > 0);
  await nextFrames(frame);
  assert.ok((await chartColours(frame, 'new-customers')) > 1, 'the chosen chart is drawn');

  // The widget posted its height; the pasted script sized the frame to it.
  const widgetHeight = () => frame.evaluate(() => Math.ceil(document.querySelector('#embed').getBoundingClientRect().height));
  const frameHeight = () => blog.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height);
  await blog.waitForFunction(() => window.__heights.length > 0);
  const heights = await blog.evaluate(() => window.__heights);
  const origin = new URL(app.url).origin;
  assert.ok(heights.every((h) => h.fromWidget && h.origin === origin), `every message comes from the widget: ${JSON.stringify(heights)}`);
  let expected = await widgetHeight();
  await blog.waitForFunction((h) => window.__heights.at(-1)?.height === h, expected);
  await blog.waitForFunction((h) => Math.round(document.querySelector('iframe').getBoundingClientRect().height) === h, expected);
  assert.ok(expected > 300, `the widget is taller than the snippet's first guess: ${expected}`);

  // When the content grows (an error message appears), the height is sent again.
  const count = heights.length;
  await frame.locator('#sales-win-rate-number').fill('150');
  await frame.locator('[role="alert"]').first().waitFor();
  expected = await widgetHeight();
  await blog.waitForFunction(([n, h]) => window.__heights.length > n && window.__heights.at(-1).height === h, [count, expected]);
  assert.ok((await frameHeight()) > 300);
  await blog.waitForFunction((h) => Math.round(document.querySelector('iframe').getBoundingClientRect().height) === h, expected);
  await blog.screenshot({ path: artefact('embed-in-blog-320.png'), fullPage: true });
  await frame.locator('#sales-win-rate-number').fill('35');
  await frame.locator('[role="alert"]').first().waitFor({ state: 'detached' });

  // "Open in Funnel Lab" opens the full app with the same scenario.
  const [full] = await Promise.all([blog.context().waitForEvent('page'), frame.locator('a#embed-full').click()]);
  await full.waitForLoadState('load');
  assert.ok(!new URL(full.url()).search.includes('embed'), `the full app, not the widget: ${full.url()}`);
  await full.locator('main#app [data-kpi="new_customers"]').waitFor();
  assert.equal(await full.locator('#sales-win-rate-number').inputValue(), '35', 'the same win rate');
  assert.equal(await kpiText(full, 'new_customers'), customers, 'the same numbers');
  assert.deepEqual(blog.problems, []);
  await blog.context().close();
});

test('the widget opened directly at 320 px has no horizontal scroll with several controls and two charts', async () => {
  // Record every message this (unframed) page receives: the widget must not
  // post its height to itself when nobody frames it.
  const recordMessages = () => {
    window.__messages = [];
    addEventListener('message', (e) => window.__messages.push(e.data));
  };
  const page = await openPage(app.browser, { viewport: { width: 320, height: 640 }, init: [recordMessages] });
  const query = '?embed&controls=budget-per-week,channel-0-share,channel-1-share,sales-reps,revenue-deal-value&charts=funnel,channels';
  await page.goto(app.url + query);
  await page.locator('main#embed [data-kpi="new_customers"]').waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-chart] canvas')].every((c) => c.width > 0));
  await nextFrames(page);
  const size = await page.evaluate(() => ({ viewport: window.innerWidth, scroll: document.documentElement.scrollWidth }));
  assert.ok(size.scroll <= size.viewport, `no horizontal scroll at 320 px: ${JSON.stringify(size)}`);
  assert.deepEqual(await page.locator('[data-chart]').evaluateAll((els) => els.map((e) => e.dataset.chart)), ['funnel', 'channels']);
  for (const chart of ['funnel', 'channels']) assert.ok((await chartColours(page, chart)) > 1, `${chart} is drawn`);
  assert.equal(await page.evaluate(() => window.parent === window), true, 'not framed');
  assert.deepEqual(await page.evaluate(() => window.__messages), [], 'no height message when not framed');
  await page.screenshot({ path: artefact('embed-320.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
