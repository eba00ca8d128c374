import fs from 'node:fs';
import readline from 'node:readline';

/** A file the importer will not take, with where and why, so whoever holds the data can fix it. */
export class ImportRefused extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line !== null ? ` line ${line}` : ''}: ${reason}`);
  }
}

/** One CSV record (RFC 4180 quoting, on one line as the OS and AddressBase products write them). */
function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i === line.length) return out;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

/** Every non-empty record of a CSV file with its line number; an unbalanced quote refuses the file. */
export async function* readCsv(file: string): AsyncGenerator<{ line: number; fields: string[] }> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ImportRefused(file, null, 'no such file');
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of rl) {
    n++;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) continue;
    const fields = splitCsvLine(text);
    if (!fields) throw new ImportRefused(file, n, 'a quoted field is not closed (or text follows its closing quote)');
    yield { line: n, fields };
  }
}

/** A number field, refused with its name when it is not one. */
export function numberField(file: string, line: number, name: string, value: string | undefined): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw new ImportRefused(file, line, `${name} "${value ?? ''}" is not a number`);
  return n;
}

/** Eastings and northings must fall on the British National Grid. */
export function checkGrid(file: string, line: number, e: number, n: number): void {
  if (e < 0 || e > 700_000 || n < 0 || n > 1_300_000) throw new ImportRefused(file, line, `easting ${e}, northing ${n} is not on the British National Grid`);
}
