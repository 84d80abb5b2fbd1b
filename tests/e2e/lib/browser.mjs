// Shared set-up for the end-to-end tests and the browser benchmark: Debian's
// Chromium driven by playwright-core (which never downloads a browser), the
// release build served by ./server.mjs, and helpers that read the app's DOM
// contract (ids, data-kpi, data-chart, data-mc-status).

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serveStatic } from './server.mjs';
import { parseDisplayed } from './numbers.mjs';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The release build the tests run against (`FUNNEL_DIST` overrides). */
export const DIST = path.resolve(ROOT, process.env.FUNNEL_DIST ?? 'dist');
/** Where screenshots and observations go (gitignored). */
export const RESULTS = path.join(ROOT, 'test-results');
/** Debian's Chromium (`CHROMIUM` overrides). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Chromium flags for a closed network: no background fetches, no updates. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every chart the app draws, by its `data-chart` name. */
export const CHARTS = [
  'funnel',
  'new-customers',
  'revenue-cost',
  'backlog',
  'channels',
  'response',
  'hist-new-customers',
  'hist-roi',
];

/**
 * Starts the static server on dist/ and Chromium. Playwright's `launch`
 * gives the browser a fresh, empty user-data-dir of its own each time.
 * Resolves to `{ server, browser, url, close() }`.
 */
export async function startApp() {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build it with \`make dist\``);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`scripts/setup.sh\``);
  }
  await mkdir(RESULTS, { recursive: true });
  const server = await serveStatic(DIST);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    browser,
    url: server.url,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Opens a page that records console errors, page errors and failed requests
 * in `page.problems` (the tests assert it stays empty). `init` scripts run
 * before the app's own code; `colorScheme` is `'light'` or `'dark'`.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 900 }, deviceScaleFactor = 1, init = [], colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, colorScheme });
  for (const script of init) await context.addInitScript(script);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => page.problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => page.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) page.problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return page;
}

/**
 * Loads the app and waits until it has mounted and drawn its first charts
 * (every canvas of the expected-mode charts has a non-zero size).
 */
export async function loadApp(page, url, { timeout = 30_000 } = {}) {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('main#app [data-kpi="new_customers"]', { timeout });
  await page.waitForFunction(
    () => {
      const canvas = document.querySelector('[data-chart="new-customers"] canvas');
      return canvas && canvas.width > 0 && canvas.height > 0;
    },
    null,
    { timeout },
  );
}

/**
 * Opens a page (`options` as for `openPage`) and loads the app of `app`
 * (from `startApp`) in it, at its address plus `suffix` (a `#s=` link, a
 * query). Resolves to the page.
 */
export async function openApp(app, { suffix = '', ...options } = {}) {
  const page = await openPage(app.browser, options);
  await loadApp(page, app.url + suffix);
  return page;
}

/** The displayed text of a KPI (`data-kpi="<name>"`). */
export async function kpiText(page, name) {
  return (await page.locator(`[data-kpi="${name}"]`).first().textContent())?.trim() ?? '';
}

/** A KPI's displayed value as a number (see numbers.mjs); null for "—". */
export async function kpiValue(page, name) {
  return parseDisplayed(await kpiText(page, name));
}

/** `toDataURL()` of the first canvas inside `[data-chart="<name>"]`, or null. */
export async function chartPixels(page, name) {
  return page.evaluate((chart) => {
    const canvas = document.querySelector(`[data-chart="${chart}"] canvas`);
    return canvas ? canvas.toDataURL() : null;
  }, name);
}

/** `toDataURL()` of every chart present, keyed by name. */
export async function allChartPixels(page) {
  const out = {};
  for (const name of CHARTS) {
    const pixels = await chartPixels(page, name);
    if (pixels !== null) out[name] = pixels;
  }
  return out;
}

/**
 * Sets an input's value as a person dragging or typing would and fires
 * `input` (and `change`), which is what the app listens to.
 */
export async function setInput(page, selector, value) {
  await page.locator(selector).evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** `{ min, max, step, value }` of a range or number input, as numbers. */
export async function rangeOf(page, selector) {
  return page.locator(selector).evaluate((el) => ({
    min: Number(el.min || 0),
    max: Number(el.max || 100),
    step: el.step === 'any' ? 0 : Number(el.step || 1),
    value: Number(el.value),
  }));
}

/** Waits until `[data-kpi=name]` shows something other than `before`. */
export async function waitForKpiChange(page, name, before, timeout = 10_000) {
  await page.waitForFunction(
    ([kpi, prev]) => {
      const el = document.querySelector(`[data-kpi="${kpi}"]`);
      return el && el.textContent.trim() !== prev;
    },
    [name, before],
    { timeout },
  );
  return kpiText(page, name);
}

/** Waits until the chart's pixels differ from `before` (a data URL). */
export async function waitForChartChange(page, name, before, timeout = 10_000) {
  await page.waitForFunction(
    ([chart, prev]) => {
      const canvas = document.querySelector(`[data-chart="${chart}"] canvas`);
      return canvas && canvas.toDataURL() !== prev;
    },
    [name, before],
    { timeout, polling: 'raf' },
  );
}

/** A file name for an artefact in test-results/. */
export function artefact(name) {
  return path.join(RESULTS, name);
}

/**
 * How many distinct colours a chart's canvas holds (sampled on a grid):
 * 0 if the chart is missing, 1 for a blank or flat-filled canvas, more
 * once something is drawn on it.
 */
export async function chartColours(page, name) {
  return page.evaluate((chart) => {
    const canvas = document.querySelector(`[data-chart="${chart}"] canvas`);
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set();
    const stride = 4 * 3; // every third pixel is plenty for lines and labels
    for (let i = 0; i < data.length && colours.size < 64; i += stride) {
      colours.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
    }
    return colours.size;
  }, name);
}

/**
 * An init script (for `openPage({ init })`) that records every long task
 * (main-thread task over 50 ms) in `window.__longTasks` from before the
 * app's own code runs, and whether `#mc-progress` was ever shown.
 */
export function observeLongTasks() {
  window.__longTasks = [];
  window.__longTaskObserver = false;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
      }
    }).observe({ type: 'longtask', buffered: true });
    window.__longTaskObserver = true;
  } catch {
    // Left false: the test then fails rather than passing unobserved.
  }
  window.__mcProgressSeen = false;
  new MutationObserver((_, observer) => {
    if (document.getElementById('mc-progress')) {
      window.__mcProgressSeen = true;
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Resolves after the browser has painted twice (layout and effects settled). */
export async function nextFrames(page, frames = 2) {
  await page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(n);
      }),
    frames,
  );
}

/**
 * Opens the toolbar's scenario menu (sources, saved scenarios, files) if it
 * is closed: its buttons are hidden until then, as for a person.
 */
export async function openScenarioMenu(page) {
  const menu = page.locator('#scenario-menu');
  if (!(await menu.evaluate((d) => d.open))) {
    await menu.locator(':scope > summary').click();
  }
}
