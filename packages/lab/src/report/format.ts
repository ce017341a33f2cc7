import { DAY } from '@paradox/engine';

/** A number for people: whole numbers exact with thousands separators, others to 6 significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return groupThousands(String(x));
  const short = String(Number(x.toPrecision(6)));
  return /e/.test(short) ? short : groupThousands(short);
}

/** Virtual milliseconds as days, to at most 3 decimals: 86_400_000 → "1", 3_600_000 → "0.042". */
export function formatDays(ms: number): string {
  return String(Number((ms / DAY).toFixed(3)));
}

/** A value as stored in the plot data: 9 significant digits, enough for any screen, short in JSON. */
export function plotValue(v: number): number {
  return Number.isInteger(v) ? v : Number(v.toPrecision(9));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function groupThousands(s: string): string {
  const [whole, fraction] = s.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
