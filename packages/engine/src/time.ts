/** Virtual time is integer milliseconds since the scenario starts. */
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `12d 03:04:05.006`: readable in error messages and logs, exact to the millisecond. */
export function formatTime(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const s = Math.floor(rest / SECOND);
  const milli = rest - s * SECOND;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${sign}${days}d ${pad(h)}:${pad(m)}:${pad(s)}.${pad(milli, 3)}`;
}
