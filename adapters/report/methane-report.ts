import type { MethaneMessage } from '../../shared/major/view.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One METHANE version as a page to print, pin up or fax to a partner control room: the header, the
 * lines in the standard order with the standard words (as read on the radio, so a listener's notes
 * and the paper agree line for line), the position, and what changed from the version before. Plain
 * HTML, no scripts, print styles inline.
 */
export function methaneHtml(m: MethaneMessage): string {
  const changed = new Map(m.changes.map((c) => [c.field, c.before]));
  const kind = m.majorIncidentDeclared ? 'METHANE' : 'ETHANE';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${kind} ${esc(m.id)} v${m.version}</title>
<style>
body{font:12pt/1.4 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:18pt;margin:0 0 .3em}
.header{font:11pt ui-monospace,monospace;margin:.3em 0 1em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:6px 8px;text-align:left;vertical-align:top}
th.letter{width:2.2em;font-size:20pt;text-align:center}th.words{width:16em;font-size:10pt;letter-spacing:.03em}
td{font-size:13pt}tr.changed td{background:#fff3c4}.was{display:block;font-size:9.5pt;color:#555}
.position{font:11pt ui-monospace,monospace;margin-top:1em}.stood-down{color:#a00;font-weight:700}
@media print{body{margin:1cm}tr{break-inside:avoid}}
</style></head><body>
<h1>${kind} message — ${esc(m.id)}, version ${m.version}</h1>
<p class="header" id="methane-header">${esc(m.header)}</p>
${m.stoodDown ? '<p class="stood-down">This major incident has been stood down.</p>' : ''}
<table id="methane-lines">${m.lines
    .map((l) => {
      const before = changed.get(l.field);
      return `<tr data-letter="${esc(l.letter)}"${before !== undefined ? ' class="changed"' : ''}><th class="letter">${esc(l.letter)}</th><th class="words">${esc(l.words)}</th><td>${esc(l.text)}${before !== undefined ? `<span class="was">was: ${esc(before)}</span>` : ''}</td></tr>`;
    })
    .join('')}</table>
<p class="position" id="methane-position">${esc(m.position)}</p>
<p>${m.version > 1 ? (m.changes.length ? `Changed since version ${m.version - 1}: ${m.changes.map((c) => esc(c.letter)).join(', ')} (shaded).` : `Nothing changed since version ${m.version - 1}.`) : 'First version.'}</p>
</body></html>`;
}
