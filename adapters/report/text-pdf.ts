/**
 * A minimal PDF writer for plain text reports: A4 pages of wrapped lines in Helvetica (a font
 * every PDF reader has), so a debrief prints anywhere without a browser or a PDF library.
 * Characters outside Latin-1 are replaced: the JSON pack is the record, the PDF its printout.
 */
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 48;
const SIZE = 9;
const LEADING = 11.5;
const WRAP = 105;
const LINES_PER_PAGE = Math.floor((PAGE_H - 2 * MARGIN) / LEADING);

function wrap(line: string): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > WRAP) {
    const cut = rest.lastIndexOf(' ', WRAP) > WRAP / 2 ? rest.lastIndexOf(' ', WRAP) : WRAP;
    out.push(rest.slice(0, cut));
    rest = '    ' + rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

const latin1 = (s: string) => s.replace(/[—–]/g, '-').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
const pdfString = (s: string) => `(${latin1(s).replace(/[\\()]/g, (c) => `\\${c}`)})`;

export function textPdf(title: string, lines: readonly string[]): Uint8Array {
  const wrapped = lines.flatMap(wrap);
  const pages: string[][] = [];
  for (let i = 0; i < wrapped.length; i += LINES_PER_PAGE) pages.push(wrapped.slice(i, i + LINES_PER_PAGE));
  if (pages.length === 0) pages.push([]);
  // Objects: 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content for each page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 5 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = `<< /Title ${pdfString(title)} /Producer (Beacon) >>`;
  pages.forEach((page, i) => {
    const text = [`BT /F1 ${SIZE} Tf ${LEADING} TL ${MARGIN} ${PAGE_H - MARGIN} Td`, ...page.map((l) => `${pdfString(l)} '`), 'ET'].join('\n');
    const footer = `BT /F1 8 Tf ${MARGIN} ${MARGIN / 2} Td ${pdfString(`${title} - page ${i + 1} of ${pages.length}`)} Tj ET`;
    const stream = `${text}\n${footer}`;
    objects[pageIds[i]!] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
