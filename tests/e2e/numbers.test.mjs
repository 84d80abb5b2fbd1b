// The parser the end-to-end tests use to read KPI values: if it misreads,
// the direction checks in the other tests mean nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { parseDisplayed } from './lib/numbers.mjs';

test('reads counts, money, shares and multiples as crates/engine/src/format.rs writes them', () => {
  const cases = [
    ['950', 950],
    ['1.2k', 1200],
    ['48k', 48_000],
    ['3.4M', 3_400_000],
    ['2.5', 2.5],
    ['0', 0],
    ['−1.5k', -1500],
    ['$48,300', 48_300],
    ['$1,234,567', 1_234_567],
    ['$1.3M', 1_300_000],
    ['−$2,000', -2000],
    ['$48.3k', 48_300],
    ['21 %', 0.21],
    ['3.5 %', 0.035],
    ['0.42 %', 0.0042],
    ['−50 %', -0.5],
    ['2.9×', 2.9],
    ['-7', -7],
    ['week 12', 12],
  ];
  for (const [text, want] of cases) {
    const got = parseDisplayed(text);
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${text}: got ${got}, want ${want}`);
  }
});

test('"—" means no value and text without a number is an error', () => {
  assert.equal(parseDisplayed('—'), null);
  assert.equal(parseDisplayed('  —  '), null);
  assert.throws(() => parseDisplayed(''));
  assert.throws(() => parseDisplayed('n/a'));
});
