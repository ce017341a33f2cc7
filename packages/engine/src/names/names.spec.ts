import { Names } from './names';

describe('Names', () => {
  it('numbers names densely in order of first use, once each', () => {
    const names = new Names();
    expect(['a', 'b', 'a', 'c'].map((n) => names.intern(n))).toEqual([0, 1, 0, 2]);
    expect(names.count).toBe(3);
    expect(names.find('b')).toBe(1);
    expect(names.find('zz')).toBeUndefined();
    expect(names.count).toBe(3); // (find assigns nothing)
    expect(names.nameOf(2)).toBe('c');
    expect(names.nameOf(3)).toBeUndefined();
  });
});
