import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

/**
 * Calls `onRecord` with the fields of every record of a CSV file (RFC 4180: `"` quotes, `""`
 * inside quotes, line breaks inside quotes, LF or CRLF endings), the header included, reading
 * the file in 1 MiB chunks so memory stays bounded. Blank lines are skipped.
 */
export function forEachCsvRecord(path: string, onRecord: (fields: string[]) => void, chunkBytes = 1 << 20): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      const text = pending + (n > 0 ? decoder.write(buffer.subarray(0, n)) : decoder.end());
      const consumed = parseCsvRecords(text, n === 0, onRecord);
      pending = text.slice(consumed);
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses the complete records at the start of `text` and returns how many characters they used.
 * Unless `final`, a record that may continue past the end of `text` is left for the next call.
 */
export function parseCsvRecords(text: string, final: boolean, onRecord: (fields: string[]) => void): number {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const fields: string[] = [];
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            if (final) throw new Error(`CSV: unterminated quoted field at character ${i}`);
            return start;
          }
          if (q + 1 >= n && !final) return start; // cannot tell `"` from `""` yet
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += text.slice(j, q);
          i = q + 1;
          break;
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF) break;
          j++;
        }
        if (j >= n && !final) return start;
        let end = j;
        if (end > i && text.charCodeAt(end - 1) === CR && (j >= n || text.charCodeAt(j) === LF)) end--;
        fields.push(text.slice(i, end));
        i = j;
      }
      // After a field: a comma, a line break or the end.
      if (i >= n) {
        if (!final) return start;
        break;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= n && !final) return start;
        continue;
      }
      if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) {
        i += 2;
        break;
      }
      if (c === CR && i + 1 >= n && !final) return start;
      if (c === LF || c === CR) {
        i++;
        break;
      }
      throw new Error(`CSV: unexpected character after a quoted field at character ${i}`);
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    onRecord(fields);
  }
  return n;
}
