import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, type CsvColumn } from '../../web/graph/csv.ts';

/** Splits a CSV document per RFC 4180 (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; } else field += c;
  }
  return rows;
}

describe('csvCell', () => {
  it('quotes cells holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('neutralises text a spreadsheet would run as a formula, not numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    for (const start of ['+', '-', '@', '\t']) expect(csvCell(`${start}1+2`)).toBe(`'${start}1+2`);
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('toCsv', () => {
  const columns: CsvColumn<{ id: string; name: string; depth?: number }>[] = [
    { header: 'CI', value: (r) => r.id },
    { header: 'Name', value: (r) => r.name },
    { header: 'Depth', value: (r) => r.depth },
  ];

  it('writes a header and one CRLF-ended line per row', () => {
    expect(toCsv(columns, [{ id: 'db', name: 'Orders', depth: 1 }, { id: 'web', name: 'Shop' }])).toBe('CI,Name,Depth\r\ndb,Orders,1\r\nweb,Shop,\r\n');
    expect(toCsv(columns, [])).toBe('CI,Name,Depth\r\n');
  });

  it('reads back cell for cell through an RFC 4180 parser, whatever the cells hold', () => {
    const rows = [{ id: 'k8s:prod/shop/Deployment/web', name: 'a, "b"\r\nc', depth: 2 }, { id: '-x', name: '@sum', depth: -1 }];
    expect(parseCsv(toCsv(columns, rows))).toEqual([['CI', 'Name', 'Depth'], ['k8s:prod/shop/Deployment/web', 'a, "b"\r\nc', '2'], ["'-x", "'@sum", '-1']]);
  });
});
