/**
 * Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF. The data sets we read are plain,
 * but an export opened in a spreadsheet comes back quoted, so quotes must not break a row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as records keyed by the header, with the 1-based file line of each row for error messages. */
export function csvRecords(text: string): {
  header: string[];
  records: { line: number; values: Record<string, string> }[];
} {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records = rows.slice(1).map((r, i) => {
    const values: Record<string, string> = {};
    header.forEach((h, j) => {
      values[h] = r[j] ?? '';
    });
    return { line: i + 2, values };
  });
  return { header, records };
}
