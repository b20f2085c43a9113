// Amounts are integer micro-units (100,000 micro = 1 currency unit), carried as BigInt so that no float ever
// decides a stake or a payout; only the display goes through Intl.
export const MICRO_PER_UNIT = 100000n;
const COMMISSION_SCALE = 100000n;

/** The stake typed by the player ("12.5", "12,5", "1 000") in micro-units; null when it is no amount. */
export function parseUnits(text) {
  const s = String(text ?? '').trim().replace(/[\s\u00a0\u202f]/g, '');
  const m = /^(\d{1,12})(?:[.,](\d{0,5}))?$/.exec(s);
  if (!m) return null;
  return BigInt(m[1]) * MICRO_PER_UNIT + BigInt((m[2] ?? '').padEnd(5, '0') || '0');
}

/** micro-units as the plain decimal the input field shows ("12.5"), without grouping. */
export function unitsText(micro) {
  const v = BigInt(micro), whole = v / MICRO_PER_UNIT, frac = (v % MICRO_PER_UNIT).toString().padStart(5, '0').replace(/0+$/, '');
  return frac ? whole + '.' + frac : whole.toString();
}

/** What a winning bet is credited: floor(2 × stake × (1 − commissionMicro / 100000)), the server's own rule. */
export function winMicro(stakeMicro, commissionMicro) {
  return BigInt(stakeMicro) * 2n * (COMMISSION_SCALE - BigInt(commissionMicro)) / COMMISSION_SCALE;
}

/** The payout multiple 2 × (1 − c), exact to the commission's 5 decimals, as a number for display. */
export function multiple(commissionMicro) {
  return Number(2n * (COMMISSION_SCALE - BigInt(commissionMicro))) / 100000;
}

/** Formatters for the player's locale and the operator's currency (LKR as "LKR 1,000.00" or "රු.1,000.00"). */
export function formats(locale, currency) {
  let money;
  try {
    const nf = new Intl.NumberFormat(locale, {style: 'currency', currency, maximumFractionDigits: 5});
    money = micro => nf.format(Number(BigInt(micro)) / 100000);
  } catch (e) {
    const nf = new Intl.NumberFormat(locale, {maximumFractionDigits: 5});
    money = micro => nf.format(Number(BigInt(micro)) / 100000) + ' ' + currency;
  }
  const mult = new Intl.NumberFormat(locale, {minimumFractionDigits: 2, maximumFractionDigits: 5});
  const int = new Intl.NumberFormat(locale, {maximumFractionDigits: 0});
  // 24-hour: not every locale's data has its own words for AM and PM
  const time = new Intl.DateTimeFormat(locale, {hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'});
  return {money, multiple: x => mult.format(x), integer: n => int.format(n), time: iso => time.format(new Date(iso))};
}

/** Chips of common stakes: round amounts between the table's minimum and maximum, at most five. */
export function chips(minMicro, maxMicro) {
  const min = BigInt(minMicro), max = BigInt(maxMicro), out = [];
  for (const units of [1n, 5n, 10n, 50n, 100n, 500n, 1000n, 5000n, 10000n]) {
    const micro = units * MICRO_PER_UNIT;
    if (micro >= min && micro <= max) out.push(micro);
    if (out.length === 5) break;
  }
  if (out.length === 0) for (const k of [1n, 2n, 5n, 10n]) if (min * k <= max) out.push(min * k);
  return out;
}
