import type { DebriefPack } from '../../shared/major/debrief.js';
import { textPdf } from './text-pdf.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const time = (ms: number | null | undefined) => (ms == null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + 'Z');

type Evidence = DebriefPack['evidence'][number];
/** A recording by its unit; a camera view by the camera, how near, and who watched it where. */
const evidenceWhat = (e: Evidence) => (e.kind === 'body-worn video' ? e.callsign : `${e.camera} (${e.cameraId}, ${e.distanceM} m from the scene), watched by ${e.by} on ${e.where}`);
const evidenceFrom = (e: Evidence) => (e.from === null ? 'before the declaration' : time(e.from));
const evidenceTo = (e: Evidence) => (e.to !== null ? time(e.to) : e.kind === 'body-worn video' ? 'still recording' : 'still watched');

/** Each acknowledged review of a decision, as one line: due when, acknowledged when and by whom, what was said. */
const reviewLines = (d: DebriefPack['decisions'][number]) =>
  (d.reviews ?? []).map((r) => `reviewed ${time(r.at)} by ${r.by} (due ${time(r.dueAt)}): stands${r.note ? ` - ${r.note}` : ''}${r.nextReviewAt ? `; next ${time(r.nextReviewAt)}` : ''}`);

/** The debrief pack as one printable page: plain HTML, no scripts, print styles inline. */
export function debriefHtml(p: DebriefPack): string {
  const m = p.majorIncident;
  const rows = (cells: unknown[][]) => cells.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Debrief ${esc(m.id)}</title>
<style>
body{font:11pt/1.35 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:18pt}h2{font-size:13pt;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 5px;text-align:left;vertical-align:top;font-size:9.5pt}
pre{font:9.5pt/1.3 ui-monospace,monospace;background:#f4f4f4;padding:.5em;white-space:pre-wrap}.chain{font-family:ui-monospace,monospace;word-break:break-all}
.superseded{color:#777;text-decoration:line-through}@media print{h2{break-after:avoid}section{break-inside:avoid-page}}
</style></head><body>
<h1>Major incident ${esc(m.id)} — debrief</h1>
<table id="summary">${rows([
    ['Declared', `${time(m.declaredAt)} by ${m.declaredBy}`],
    ['Stood down', m.stoodDownAt ? `${time(m.stoodDownAt)} by ${m.stoodDownBy}` : 'not yet'],
    ['Incident', m.incidentId ?? 'declared from a place'],
    ['Position', `${m.location.lat.toFixed(5)}, ${m.location.lon.toFixed(5)}`],
    ['Exported', time(p.exportedAt)],
  ])}</table>
<p id="chain">Journal chain head at export: event <b>${esc(p.chain.seq)}</b>, SHA-256 <span class="chain">${esc(p.chain.hash ?? 'none')}</span>.
Check with <code>npm run verify</code> on the journal or a backup of it: the chain must hold and reach this event with this hash.</p>
<h2>METHANE versions</h2>
${p.methane
  .map(
    (v) => `<section class="methane"><h3>Version ${v.version} — ${esc(time(v.at))}, ${esc(v.by)}</h3><pre>${esc(v.radio.join('\n'))}</pre>${
      v.changes.length ? `<p>Changed since version ${v.version - 1}:</p><table>${rows(v.changes.map((c) => [c.letter + ' ' + c.words, c.before, c.after]))}</table>` : ''
    }</section>`,
  )
  .join('\n')}
<h2>Decision log</h2>
${
  p.decisions.length
    ? `<table id="decisions"><tr><th>#</th><th>When, who</th><th>Situation</th><th>Threat and risk</th><th>Powers, policy</th><th>Options</th><th>Decision</th><th>Rationale</th><th>Review</th></tr>${p.decisions
        .map(
          (d) =>
            `<tr${d.supersededBy ? ' class="superseded"' : ''}><td>${esc(d.id)}${d.supersedes ? ` (supersedes ${esc(d.supersedes)})` : ''}${d.supersededBy ? ` — superseded by ${esc(d.supersededBy)}` : ''}</td><td>${esc(time(d.at))}<br>${esc(d.by)}</td><td>${esc(d.situation)}</td><td>${esc(d.assessment)}</td><td>${esc(d.powers)}</td><td>${esc(d.options)}</td><td>${esc(d.decision)}</td><td>${esc(d.rationale)}</td><td>${esc(d.reviewAt ? time(d.reviewAt) : '')}${reviewLines(d).map((l) => `<br>${esc(l)}`).join('')}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>No decisions were logged.</p>'
}
<h2>Committed units</h2>
<table id="units"><tr><th>Agency</th><th>Unit</th><th>Committed</th><th>Released</th></tr>${rows(
    p.committedUnits.map((u) => [u.agency, u.callsign, `${time(u.committedAt)} by ${u.committedBy}`, u.releasedAt ? `${time(u.releasedAt)} by ${u.releasedBy}` : 'still committed']),
  )}</table>
<h2>Evidence</h2>
${p.evidence.length ? `<table id="evidence"><tr><th>Kind</th><th>What</th><th>From</th><th>To</th><th>Journal events</th></tr>${rows(p.evidence.map((e) => [e.kind, evidenceWhat(e), evidenceFrom(e), evidenceTo(e), e.seqs.join(', ')]))}</table>` : '<p>No evidence was recorded.</p>'}
<h2>Timeline</h2>
<table id="timeline"><tr><th>Event</th><th>Time</th><th>Kind</th><th>What</th><th>By</th></tr>${rows(p.timeline.map((t) => [t.seq, time(t.at), t.kind, t.text, t.by ?? '']))}</table>
</body></html>`;
}

/** The same pack as plain lines: the PDF's text, in the same order as the page. */
function debriefLines(p: DebriefPack): string[] {
  const m = p.majorIncident;
  const out = [
    `MAJOR INCIDENT ${m.id} - DEBRIEF`,
    `Declared ${time(m.declaredAt)} by ${m.declaredBy}; stood down ${m.stoodDownAt ? `${time(m.stoodDownAt)} by ${m.stoodDownBy}` : 'not yet'}`,
    `Incident ${m.incidentId ?? '(declared from a place)'}; position ${m.location.lat.toFixed(5)}, ${m.location.lon.toFixed(5)}; exported ${time(p.exportedAt)}`,
    `Journal chain head at export: event ${p.chain.seq}, SHA-256 ${p.chain.hash ?? 'none'}`,
    '',
    'METHANE VERSIONS',
  ];
  for (const v of p.methane) {
    out.push('', ...v.radio);
    for (const c of v.changes) out.push(`  changed ${c.letter} ${c.words}: was "${c.before}"`);
  }
  out.push('', 'DECISION LOG');
  for (const d of p.decisions)
    out.push(
      '',
      `${d.id}${d.supersedes ? ` (supersedes ${d.supersedes})` : ''}${d.supersededBy ? ` - SUPERSEDED by ${d.supersededBy}` : ''}, ${time(d.at)}, ${d.by}`,
      `  Situation: ${d.situation}`,
      `  Threat and risk: ${d.assessment}`,
      `  Powers, policies, procedures: ${d.powers}`,
      `  Options: ${d.options}`,
      `  Decision: ${d.decision}`,
      `  Rationale: ${d.rationale}`,
      ...(d.reviewAt ? [`  Review: ${time(d.reviewAt)}`] : []),
      ...reviewLines(d).map((l) => `  ${l}`),
    );
  out.push('', 'COMMITTED UNITS');
  for (const u of p.committedUnits) out.push(`${u.agency} ${u.callsign}: committed ${time(u.committedAt)} by ${u.committedBy}; ${u.releasedAt ? `released ${time(u.releasedAt)}` : 'still committed'}`);
  out.push('', 'EVIDENCE');
  for (const e of p.evidence) out.push(`${e.kind} ${evidenceWhat(e)}: ${evidenceFrom(e)} to ${evidenceTo(e)} (events ${e.seqs.join(', ')})`);
  out.push('', 'TIMELINE');
  for (const t of p.timeline) out.push(`${t.seq}  ${time(t.at)}  ${t.kind}  ${t.text}${t.by ? ` (${t.by})` : ''}`);
  return out;
}

export const debriefPdf = (p: DebriefPack): Uint8Array => textPdf(`Debrief ${p.majorIncident.id}`, debriefLines(p));
