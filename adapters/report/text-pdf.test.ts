import { describe, expect, it } from 'vitest';
import { textPdf } from './text-pdf.js';

describe('the text PDF writer', () => {
  it('writes a PDF whose cross-reference table points at every object, long lines wrapped onto pages of 64', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `Line ${i} — with (brackets) and a back\\slash and a long tail ${'x'.repeat(i % 3 ? 10 : 150)}`);
    const pdf = Buffer.from(textPdf('Debrief MI-1', lines)).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    const [, count] = /^xref\n0 (\d+)\n/.exec(pdf.slice(xrefAt))!;
    const offsets = pdf.slice(xrefAt).split('\n').slice(3, 2 + Number(count)).map((l) => Number(l.slice(0, 10)));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(/\/Count (\d+)/.exec(pdf)![1]).toBe('4');
    // Strings are escaped, and characters outside Latin-1 replaced rather than corrupting the stream.
    expect(pdf).toContain('(Line 1 - with \\(brackets\\) and a back\\\\slash');
    for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) expect(pdf.slice(m.index + m[0].length + Number(m[1]), m.index + m[0].length + Number(m[1]) + 10)).toBe('\nendstream');
  });
});
