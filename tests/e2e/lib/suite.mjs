// Per-file set-up of the end-to-end tests: node:test hooks that start the
// static server and Chromium (./browser.mjs) before a file's tests and close
// them after. Kept apart from browser.mjs, which the browser benchmark
// imports outside node:test.

import { after, before } from 'node:test';

import { startApp } from './browser.mjs';

/**
 * Starts the app (server and browser) before this file's tests and closes
 * it after them. Returns the object `startApp` resolves to (`browser`,
 * `url`, `server`, `close()`), filled in once the `before` hook has run:
 * call it at the top level of a test file, and read it inside tests.
 * `setup(app)`, if given, runs in the same hook once the app is up (Node 20
 * does not order one file's top-level `before` hooks after each other).
 */
export function appPerFile(setup) {
  const app = {};
  before(async () => {
    Object.assign(app, await startApp());
    await setup?.(app);
  });
  after(async () => {
    await app.close?.();
  });
  return app;
}
