// Splits the page's wasm in dist/ into what the first chart needs and the
// rest (crates/split does the module surgery; this script drives it):
//
//   1. instrument a copy of the page's wasm so every function reports its
//      first call, and patch a copy of dist/ to load it;
//   2. open that copy in headless Chromium (the first views in VISITS, each
//      until its charts are drawn); the functions that ran are the profile;
//   3. split the real wasm by the profile: dist/'s wasm becomes the primary
//      module, the secondary is written beside it under a content hash, and
//      the JS glue learns to load it (prefetched after the first frame, or
//      fetched synchronously if code that is in it runs first).
//
//   node scripts/split-wasm.mjs [--split-tool target/debug/funnel-lab-split] [DIST]
//
// SPLIT_KEEP=1 keeps the working folder (instrumented copy, profile).
// Run by `scripts/test.sh dist` after `trunk build --release`. The dev
// server (`make serve`) is not split.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const toolAt = args.indexOf('--split-tool');
const TOOL = toolAt >= 0 ? args.splice(toolAt, 2)[1] : path.join(ROOT, 'target/debug/funnel-lab-split');
const DIST = path.resolve(ROOT, args[0] ?? 'dist');
const WASM_OPT = path.join(ROOT, 'node_modules/.bin/wasm-opt');
// What rustc's wasm32 output uses (wasm-opt must be told).
const FEATURES = ['--enable-bulk-memory', '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-reference-types', '--enable-multivalue'];

/** The page's glue and wasm: Trunk names them funnel-lab-web-<hash>. */
async function pageFiles(dir) {
  const names = await readdir(dir);
  const wasm = names.find((n) => /^funnel-lab-web-[0-9a-f]+_bg\.wasm$/.test(n));
  if (!wasm) throw new Error(`no funnel-lab-web-*_bg.wasm in ${dir}: build it with \`trunk build --release\``);
  const js = wasm.replace(/_bg\.wasm$/, '.js');
  if (!names.includes(js)) throw new Error(`${js} is missing beside ${wasm}`);
  if (names.some((n) => n.includes('_rest-'))) throw new Error(`${dir} is already split`);
  return { wasm, js };
}

// The glue wasm-bindgen writes lists its imports in one object and starts
// the app in __wbg_finalize_init; both are patched, and the patch fails
// loudly if that shape ever changes.
const IMPORTS_LINE = /^(\s*)"\.\/funnel-lab-web_bg\.js": import0,$/m;
const START_LINE = /^(\s*)wasm\.__wbindgen_start\(\);$/m;

function patch(glue, imports, afterStart, appendix) {
  if (!IMPORTS_LINE.test(glue) || !START_LINE.test(glue)) {
    throw new Error('the wasm-bindgen glue no longer has the shape scripts/split-wasm.mjs patches');
  }
  return (
    glue
      .replace(IMPORTS_LINE, (line, indent) => `${line}\n${indent}"split": ${imports},`)
      .replace(START_LINE, (line, indent) => `${line}\n${indent}${afterStart}`) +
    appendix
  );
}

const PROFILE_GLUE = `
// Profile build (scripts/split-wasm.mjs): functions report their first call.
function __split_profile_imports() {
    const seen = (globalThis.__split_seen ??= new Set());
    return { __proto__: null, mark: (index) => { seen.add(index); } };
}
`;

function loaderGlue(secondary) {
  return `
// The functions the first chart does not need are in a second module
// (${secondary}, written by scripts/split-wasm.mjs and crates/split). It is
// fetched once the app announces its first chart (src/app/canvas.rs), or
// after 3 s on a view without one; code in it that runs before it has
// arrived fetches it synchronously.
const __split_url = new URL(${JSON.stringify(secondary)}, import.meta.url);
let __split_instance = null;
let __split_prefetch = null;
function __split_imports() {
    return { __proto__: null, load: __split_load };
}
function __split_link(module) {
    if (__split_instance) return;
    __split_instance = new WebAssembly.Instance(module, { primary: wasm });
    wasm.__split_ready.value = 1;
}
function __split_load() {
    if (__split_instance) return;
    const xhr = new XMLHttpRequest();
    xhr.open('GET', __split_url, false);
    xhr.overrideMimeType('text/plain; charset=x-user-defined');
    xhr.send();
    if (xhr.status !== 200) throw new Error('Funnel Lab could not load ' + __split_url + ': HTTP ' + xhr.status);
    const text = xhr.responseText;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    __split_link(new WebAssembly.Module(bytes));
}
function __split_after_start() {
    const prefetch = () => setTimeout(() => {
        __split_prefetch ??= fetch(__split_url)
            .then((response) => {
                if (!response.ok) throw new Error('HTTP ' + response.status);
                return response.arrayBuffer();
            })
            .then((bytes) => WebAssembly.compile(bytes))
            .then(__split_link)
            .catch((error) => console.warn('Funnel Lab: the rest of the app will load on first use (' + error + ')'));
    }, 0);
    addEventListener('funnel-lab-first-chart', prefetch, { once: true });
    setTimeout(prefetch, 3000);
}
`;
}

function run(cmd, argv) {
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

/**
 * What the profile opens: the first views people get, each until its charts
 * are drawn. What runs there stays in the first module, so none of these
 * needs the rest before its first chart. Monte Carlo is left out on
 * purpose (docs/build.md): its code would add 38 KB gzip to every first
 * load, and a return visit in Monte Carlo mode reads the rest from the
 * HTTP cache.
 */
const VISITS = [
  { name: 'the full app, then a budget edit', edit: true },
  { name: 'the embed widget', suffix: '?embed' },
  { name: 'a phone in dark mode', viewport: { width: 360, height: 740 }, colorScheme: 'dark' },
];

/** How long each visit stays open after its charts are drawn. */
const SETTLE_MS = 2000;

/** The function indices that ran in the instrumented copy `dir`. */
async function profile(dir) {
  process.env.FUNNEL_DIST = dir;
  const { startApp, openPage, setInput } = await import('../tests/e2e/lib/browser.mjs');
  const drawn = () => {
    const canvas = document.querySelector('[data-chart] canvas');
    return canvas && canvas.width > 0 && canvas.height > 0;
  };
  const app = await startApp();
  const seen = new Set();
  try {
    for (const visit of VISITS) {
      const page = await openPage(app.browser, { viewport: visit.viewport, colorScheme: visit.colorScheme });
      await page.goto(app.url + (visit.suffix ?? ''), { waitUntil: 'load' });
      await page.waitForFunction(drawn);
      if (visit.edit) {
        // A first budget edit redraws the charts without the second module.
        const before = await page.locator('[data-kpi="new_customers"]').first().textContent();
        await setInput(page, '#budget-per-week', '30000');
        await page.waitForFunction((text) => document.querySelector('[data-kpi="new_customers"]')?.textContent !== text, before);
      }
      // What a load does a little later (autosave's debounce, late resizes)
      // belongs to the first module too.
      await page.waitForTimeout(SETTLE_MS);
      for (const index of await page.evaluate(() => [...(globalThis.__split_seen ?? [])])) seen.add(index);
      if (page.problems.length) throw new Error(`profile run, ${visit.name}: ${page.problems.join('; ')}`);
      await page.context().close();
    }
  } finally {
    await app.close();
  }
  return seen;
}

async function main() {
  const { wasm, js } = await pageFiles(DIST);
  const glue = await readFile(path.join(DIST, js), 'utf8');
  const work = await mkdtemp(path.join(tmpdir(), 'funnel-split-'));
  try {
    // 1. The instrumented copy.
    const copy = path.join(work, 'dist');
    await cp(DIST, copy, { recursive: true });
    run(TOOL, ['instrument', path.join(DIST, wasm), path.join(copy, wasm)]);
    await writeFile(path.join(copy, js), patch(glue, '__split_profile_imports()', '', PROFILE_GLUE));

    // 2. The profile.
    if (process.env.SPLIT_KEEP) console.log('work dir', work);
    const seen = await profile(copy);
    if (seen.size === 0) throw new Error('the profile run saw no function run');
    const profileFile = path.join(work, 'profile.txt');
    await writeFile(profileFile, [...seen].sort((a, b) => a - b).join('\n') + '\n');

    // 3. The split, each half optimised for size again.
    const primary = path.join(work, 'primary.wasm');
    const secondary = path.join(work, 'secondary.wasm');
    process.stdout.write(run(TOOL, ['split', path.join(DIST, wasm), profileFile, primary, secondary]));
    for (const file of [primary, secondary]) {
      run(WASM_OPT, ['-Oz', ...FEATURES, file, '-o', file]);
    }
    const rest = await readFile(secondary);
    const hash = createHash('sha256').update(rest).digest('hex').slice(0, 16);
    const restName = wasm.replace(/_bg\.wasm$/, `_rest-${hash}.wasm`);
    await writeFile(path.join(DIST, restName), rest);
    await writeFile(path.join(DIST, wasm), await readFile(primary));
    await writeFile(path.join(DIST, js), patch(glue, '__split_imports()', '__split_after_start();', loaderGlue(restName)));
    const kb = async (f) => ((await readFile(path.join(DIST, f))).length / 1024).toFixed(1);
    console.log(`split: ${wasm} ${await kb(wasm)} KB first, ${restName} ${await kb(restName)} KB after the first chart`);
  } finally {
    if (!process.env.SPLIT_KEEP) await rm(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`split-wasm: ${err.message}`);
  process.exit(1);
});
