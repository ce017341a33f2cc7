/** One chart of the report: the series drawn together. */
export interface SeriesGroup {
  /** The chart's name: the series names' common prefix before the first '.'. */
  readonly key: string;
  /** Series names in the chart, sorted. */
  readonly series: readonly string[];
}

/** `price.amm` → `price`; `reach` → `reach`; `.x` → `.x` (an empty prefix names nothing). */
export function seriesGroupKey(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Chooses the charts: every series is plotted, and series sharing the prefix before their first
 * '.' share a chart (`price.amm`, `price.oracle` and `price.nav` make the chart `price`; a bare
 * `price` joins it too). Charts and the series in each are sorted by name (code-point order), so
 * the report's layout does not depend on which series happened to be recorded first.
 */
export function groupSeries(names: Iterable<string>): SeriesGroup[] {
  const groups = new Map<string, Set<string>>();
  for (const name of names) {
    const key = seriesGroupKey(name);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Set()));
    group.add(name);
  }
  return [...groups.keys()].sort(byCodePoint).map((key) => ({ key, series: [...groups.get(key)!].sort(byCodePoint) }));
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
