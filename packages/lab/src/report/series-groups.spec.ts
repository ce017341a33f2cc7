import { groupSeries, seriesGroupKey } from './series-groups';

describe('choosing charts for series', () => {
  it('names a chart by the prefix before the first dot', () => {
    expect(seriesGroupKey('price.amm')).toBe('price');
    expect(seriesGroupKey('price.amm.twap')).toBe('price');
    expect(seriesGroupKey('reach')).toBe('reach');
    expect(seriesGroupKey('.hidden')).toBe('.hidden');
  });

  it('plots every series, sharing a chart by prefix, charts and series sorted by name', () => {
    const groups = groupSeries(['reach', 'price.oracle', 'bad_debt', 'price.amm', 'price.nav', 'price', 'reach', 'liquidations.count']);
    expect(groups).toEqual([
      { key: 'bad_debt', series: ['bad_debt'] },
      { key: 'liquidations', series: ['liquidations.count'] },
      { key: 'price', series: ['price', 'price.amm', 'price.nav', 'price.oracle'] },
      { key: 'reach', series: ['reach'] },
    ]);
    expect(groups.flatMap((g) => g.series).sort()).toEqual(['bad_debt', 'liquidations.count', 'price', 'price.amm', 'price.nav', 'price.oracle', 'reach']);
  });

  it('does not depend on the order series were first recorded', () => {
    expect(groupSeries(['b.x', 'a', 'b.a'])).toEqual(groupSeries(['b.a', 'b.x', 'a']));
    expect(groupSeries([])).toEqual([]);
  });
});
