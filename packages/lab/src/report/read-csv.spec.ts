import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachCsvRecord, parseCsvRecords } from './read-csv';

function parseAll(text: string): string[][] {
  const records: string[][] = [];
  parseCsvRecords(text, true, (r) => records.push(r));
  return records;
}

describe('CSV reading', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and blank lines', () => {
    expect(parseAll('t,series,value\n0,a,1\r\n"x,y","say ""hi""\nthere",\n\n5,,"",\n')).toEqual([
      ['t', 'series', 'value'],
      ['0', 'a', '1'],
      ['x,y', 'say "hi"\nthere', ''],
      ['5', '', '', ''],
    ]);
    expect(parseAll('a,b')).toEqual([['a', 'b']]);
    expect(parseAll('a,')).toEqual([['a', '']]);
  });

  it('leaves a record that may continue for the next chunk', () => {
    const seen: string[][] = [];
    expect(parseCsvRecords('a,b\nc,"d', false, (r) => seen.push(r))).toBe(4);
    expect(parseCsvRecords('a,b\nc,"d"', false, () => undefined)).toBe(4); // `"d"` might be `"d""...`
    expect(parseCsvRecords('a,b\nc,d', false, () => undefined)).toBe(4);
    expect(seen).toEqual([['a', 'b']]);
  });

  it('gives the same records whatever the chunk size, multi-byte characters included', () => {
    const lines = ['t,id,cause,type,actor,data'];
    for (let i = 0; i < 300; i++) lines.push(`${i * 1000},${i + 1},${i},type-${i % 7},agent "ü${i}",${i % 3 ? `"{""k"":""é✓,${i}""}"` : ''}`);
    const path = join(mkdtempSync(join(tmpdir(), 'paradox-csv-')), 'e.csv');
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    const read = (chunk: number) => {
      const records: string[][] = [];
      forEachCsvRecord(path, (r) => records.push(r), chunk);
      return records;
    };
    const whole = read(1 << 20);
    expect(whole).toHaveLength(301);
    expect(whole[2]).toEqual(['1000', '2', '1', 'type-1', 'agent "ü1"', '{"k":"é✓,1"}']);
    for (const chunk of [1, 2, 3, 7, 64, 1000]) expect(read(chunk)).toEqual(whole);
  });

  it('refuses an unterminated quote', () => {
    expect(() => parseAll('a,"b\n')).toThrow(/unterminated quoted field/);
  });
});
