// Reads every .xlsx in a folder with exceljs (a strict reader: it refuses worksheet elements out of the
// schema's order) and prints {file: [[cell, ...], ...]} as JSON. A cell is "type:text": s text, n number
// (shortest round-trip digits), d a day (yyyy-mm-dd format), t an instant (UTC, ISO), b a boolean; null if empty.
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(join(process.env.EXCELJS_HOME, 'package.json'));
const ExcelJS = require('exceljs');
const folder = process.argv[2];
const out = {};
for (const file of readdirSync(folder).filter(f => f.endsWith('.xlsx')).sort()) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(folder, file));
  const sheet = workbook.worksheets[0];
  const rows = [];
  sheet.eachRow({ includeEmpty: true }, row => {
    const cells = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const cell = row.getCell(i);
      const v = cell.value;
      if (v === null || v === undefined) cells.push(null);
      else if (v instanceof Date) {
        const iso = v.toISOString().replace('.000Z', 'Z');
        cells.push(/^yyyy-mm-dd$/.test(cell.numFmt ?? '') ? 'd:' + iso.slice(0, 10) : 't:' + iso);
      }
      else if (typeof v === 'number') cells.push('n:' + String(v));
      else if (typeof v === 'boolean') cells.push('b:' + String(v));
      else if (typeof v === 'string') cells.push('s:' + v);
      else if (v.richText) cells.push('s:' + v.richText.map(r => r.text).join(''));
      else cells.push('?:' + JSON.stringify(v));
    }
    rows.push(cells);
  });
  out[file] = rows;
}
process.stdout.write(JSON.stringify(out));
