// Reads numbers back from the text the app shows (crates/engine/src/format.rs writes
// them): "950", "1.2k", "3.4M", "$48,300", "−$2,000", "$1.3M", "21 %",
// "0.42 %", "2.9×", and "—" for none. Minus may be the Unicode "−".

const SCALE = { k: 1e3, M: 1e6, B: 1e9 };

/**
 * Parses one displayed value. Percentages come back as shares
 * ("21 %" → 0.21), multiples as plain numbers ("2.9×" → 2.9), money
 * without its sign. Returns null for "—" (no value); throws on text that
 * holds no number, so a broken label fails the test instead of passing.
 */
export function parseDisplayed(text) {
  const t = String(text).trim();
  if (t === '—' || t === '-' || t === '') {
    if (t === '') throw new Error('empty value');
    return null;
  }
  const m = t.match(/([−-])?\s*\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([kMB])?\s*(%|×)?/u);
  if (!m) throw new Error(`no number in ${JSON.stringify(t)}`);
  const [, minus, whole, fraction = '', suffix, unit] = m;
  let value = Number(whole.replaceAll(',', '') + fraction);
  if (suffix) value *= SCALE[suffix];
  if (unit === '%') value /= 100;
  return minus ? -value : value;
}
