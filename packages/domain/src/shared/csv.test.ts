import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvCell, csvFile, toCsv } from './csv.js';

/** A small RFC 4180 reader, to check that what we write reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

describe('the CSV writer', () => {
  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(toCsv([{ name: 'Jürgen Größe', city: 'Köln' }])).toBe(
      '\uFEFFname,city\r\nJürgen Größe,Köln\r\n',
    );
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each([
    '=HYPERLINK("http://evil.example","click")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\tindent',
    '\rreturn',
  ])('neutralizes a text cell a spreadsheet would run as a formula: %j', (text) => {
    const [[cell]] = parseCsv(`${csvCell(text)}\r\n`) as [[string]];
    expect(cell).toBe(`'${text}`);
  });

  it('writes numbers, booleans, dates, objects and empty values as data', () => {
    expect(
      [-5, 1.5, true, new Date('2026-03-01T10:00:00.000Z'), { a: [1] }, null, undefined].map(
        csvCell,
      ),
    ).toEqual(['-5', '1.5', 'true', '2026-03-01T10:00:00.000Z', '"{""a"":[1]}"', '', '']);
  });

  it('takes the header from the given columns or from every key in order of appearance', () => {
    expect(toCsv([{ a: 1 }, { b: 2, a: 3 }])).toBe('\uFEFFa,b\r\n1,\r\n3,2\r\n');
    expect(toCsv([], ['id', 'name'])).toBe('\uFEFFid,name\r\n');
    expect([...csvFile([{ id: 1 }, { id: 2 }], ['id'])]).toEqual([
      '\uFEFFid\r\n',
      '1\r\n',
      '2\r\n',
    ]);
  });

  it('reads back to the same text for any text that is not a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const line = parseCsv(
            toCsv([Object.fromEntries(cells.map((cell, i) => [`c${i}`, cell]))]).slice(1),
          )[1]!;
          expect(line).toEqual(
            cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)),
          );
        },
      ),
    );
  });
});
