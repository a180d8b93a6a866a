import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';
import type { Database } from '../../kernel/db/database.ts';
import type { Actor } from '../../kernel/policy/actor.ts';
import { recordEvent } from '../../kernel/policy/gateway.ts';
import { today } from '../../kernel/time.ts';
import { DEFINITIONS } from '../../contracts/values/monitor-definitions.ts';
import { INDICATOR_SPECS } from '../../contracts/values/monitor.ts';
import type { MonitorFigures, MonitorSelectionQuery, MonitorView } from '../../contracts/monitor.ts';
import { monitorScopeOf } from './monitor-scope.ts';
import { buildView } from './monitor-queries.ts';

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
const BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

const NL_MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export const monthLabel = (month: string) => `${NL_MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** Every indicator of the reader's scope for one selection, by month: what the exports hold. */
export async function exportViews(database: Database, actor: Actor, q: MonitorSelectionQuery, format: string) {
  const day = today();
  return database.db.transaction().execute(async (tx) => {
    const scope = await monitorScopeOf(tx, actor);
    const views: MonitorView[] = [];
    for (const indicator of scope.indicators) {
      const receiver = INDICATOR_SPECS[indicator].organisation === 'receiver';
      views.push(await buildView(tx, actor, scope, { indicator, period: q.period, by: 'month', gemeente: q.gemeente, organisation: receiver ? undefined : q.organisation, schoolType: receiver ? undefined : q.schoolType }, day));
    }
    await recordEvent(tx, actor, { event: 'monitor.exported', detail: { format, period: views[0]?.period.id ?? null, gemeente: q.gemeente ?? null, organisation: q.organisation ?? null, schoolType: q.schoolType ?? null } });
    const names = {
      gemeente: q.gemeente ? ((await tx.selectFrom('gemeenten').select('name').where('id', '=', q.gemeente).executeTakeFirst())?.name ?? null) : null,
      organisation: q.organisation ? ((await tx.selectFrom('organisations').select('name').where('id', '=', q.organisation).executeTakeFirst())?.name ?? null) : null,
    };
    return { views, selection: selectionLabel(names, q.schoolType ?? null) };
  });
}

const selectionLabel = (names: { gemeente: string | null; organisation: string | null }, schoolType: string | null) =>
  [names.gemeente ? `inwoners van ${names.gemeente}` : null, names.organisation, schoolType ? `schoolsoort ${schoolType.toUpperCase()}` : null].filter(Boolean).join(', ') || 'de hele regio';

const share = (v: number | null) => (v === null ? '–' : `${String(v).replace('.', ',')} %`);
const days = (v: number | null) => (v === null ? '–' : `${v}`);

/** The lines of one figure set: each count, share and percentile with its label. */
function figureLines(view: MonitorView, f: MonitorFigures) {
  const d = DEFINITIONS.nl[view.indicator];
  const spec = INDICATOR_SPECS[view.indicator];
  return [
    ...view.columns.map((c) => ({ key: c, label: d.labels[c] ?? c, value: f.cells[c].count, display: f.cells[c].display })),
    ...spec.shares.map((s) => ({ key: s.key, label: d.labels[s.key] ?? s.key, value: f.shares[s.key], display: share(f.shares[s.key]) })),
    ...spec.distributions.flatMap((s) => [
      { key: `${s.key}.median`, label: `${d.labels[s.key] ?? s.key}: mediaan`, value: f.stats[s.key].median, display: days(f.stats[s.key].median) },
      { key: `${s.key}.p90`, label: `${d.labels[s.key] ?? s.key}: 90e percentiel`, value: f.stats[s.key].p90, display: days(f.stats[s.key].p90) },
    ]),
  ];
}

/** The rows of one indicator's table: each month, the period, a year earlier and the region. */
function tableRows(view: MonitorView) {
  return [
    ...view.rows.map((r) => ({ row: r.key, label: monthLabel(r.key), figures: r as MonitorFigures })),
    { row: 'period', label: `Periode ${view.period.id}${view.kind === 'stock' ? ' (stand eind laatste maand)' : ''}`, figures: view.total },
    { row: 'previous', label: `Een jaar eerder (${view.previousPeriod.id})`, figures: view.previous },
    ...(view.region ? [{ row: 'region', label: 'Hele regio', figures: view.region }] : []),
  ];
}

const csvCell = (v: string) => (/[";\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * CSV for a gemeente's own tools: one line per figure (long format), ; separated, UTF-8 with a byte
 * order mark so that Excel opens it in Dutch settings. A hidden count has an empty value and its
 * display ("<5", "≥5").
 */
export function monitorCsv(views: MonitorView[], selection: string) {
  const lines = [['indicator', 'indicator_naam', 'selectie', 'periode', 'rij', 'rij_naam', 'kolom', 'kolom_naam', 'waarde', 'weergave'].join(';')];
  for (const view of views) {
    const d = DEFINITIONS.nl[view.indicator];
    for (const t of tableRows(view)) {
      for (const l of figureLines(view, t.figures)) {
        lines.push([view.indicator, d.title, selection, view.period.id, t.row, t.label, l.key, l.label, l.value === null ? '' : String(l.value).replace('.', ','), l.display].map(csvCell).join(';'));
      }
    }
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** A workbook: the definitions first, then one sheet per indicator with the months as rows. */
export async function monitorXlsx(views: MonitorView[], selection: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Samenspel';
  const about = wb.addWorksheet('Toelichting');
  about.columns = [{ width: 28 }, { width: 110 }];
  about.addRow(['Regionale monitor', `Selectie: ${selection}; periode ${views[0]?.period.id ?? ''}`]).font = { bold: true };
  about.addRow(['Kleine aantallen', `Aantallen van 0 tot ${views[0]?.threshold ?? 5} staan als "<${views[0]?.threshold ?? 5}"; andere aantallen zijn afgerond op een veelvoud van ${views[0]?.threshold ?? 5}; "≥${views[0]?.threshold ?? 5}" is verborgen zodat geen kind te herleiden is. Percentages komen uit de afgeronde aantallen.`]);
  for (const view of views) {
    const d = DEFINITIONS.nl[view.indicator];
    about.addRow([]);
    about.addRow([d.title, d.question]).font = { bold: true };
    about.addRow(['Teller', d.numerator]);
    about.addRow(['Noemer', d.denominator]);
    about.addRow(['Periode', d.period]);
    about.addRow(['Bron', d.source]);
  }
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  for (const view of views) {
    const d = DEFINITIONS.nl[view.indicator];
    const ws = wb.addWorksheet(d.title.slice(0, 31));
    const header = figureLines(view, view.total);
    ws.columns = [{ header: 'Maand', width: 34 }, ...header.map((h) => ({ header: h.label, width: Math.max(12, Math.min(30, h.label.length + 2)) }))];
    ws.getRow(1).font = { bold: true };
    for (const t of tableRows(view)) ws.addRow([t.label, ...figureLines(view, t.figures).map((l) => (l.value === null ? l.display : l.value))]);
    ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PALETTE = ['#0b4f5c', '#3a8f9e', '#e0a526', '#b5452f', '#6b4c9a'];

/** A report for the governance table: per indicator the definition, a chart of the months and the table. */
export function monitorPdf(views: MonitorView[], selection: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, info: { Title: 'Regionale monitor', Author: 'Samenspel' }, lang: 'nl-NL', displayTitle: true, tagged: true } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const first = views[0];
  doc.font(BOLD).fontSize(22).fillColor('#0b4f5c').text('Regionale monitor').fillColor('black');
  doc.font(REGULAR).fontSize(12).text(`Selectie: ${selection}. Periode: ${first?.period.id ?? ''}${first?.period.partial ? ' (tot en met de laatste afgelopen maand)' : ''}, naast dezelfde periode een jaar eerder (${first?.previousPeriod.id ?? ''}).`);
  doc.moveDown(0.5).text(`Kleine aantallen (0 tot ${first?.threshold ?? 5}) staan als "<${first?.threshold ?? 5}"; andere zijn afgerond op een veelvoud van ${first?.threshold ?? 5}, en "≥${first?.threshold ?? 5}" is verborgen zodat geen kind te herleiden is. Percentages komen uit de afgeronde aantallen.`);
  for (const view of views) {
    doc.addPage();
    const d = DEFINITIONS.nl[view.indicator];
    const spec = INDICATOR_SPECS[view.indicator];
    doc.font(BOLD).fontSize(17).fillColor('#0b4f5c').text(d.title).fillColor('black');
    doc.font(REGULAR).fontSize(10.5).text(d.question);
    doc.moveDown(0.3).font(BOLD).text('Teller: ', { continued: true }).font(REGULAR).text(d.numerator);
    doc.font(BOLD).text('Noemer: ', { continued: true }).font(REGULAR).text(d.denominator);
    doc.font(BOLD).text('Periode: ', { continued: true }).font(REGULAR).text(d.period);
    doc.font(BOLD).text('Bron: ', { continued: true }).font(REGULAR).text(d.source);
    // The chart: per month the stacked columns (or the first count), hidden cells left out and said so.
    const stack = spec.stack ?? [view.columns[0]];
    const x0 = 60;
    const y0 = doc.y + 14;
    const h = 130;
    const w = 700;
    const values = view.rows.map((r) => stack.reduce((s, c) => s + (r.cells[c].count ?? 0), 0));
    const max = Math.max(1, ...values);
    const bw = Math.min(40, (w / Math.max(1, view.rows.length)) * 0.7);
    doc.lineWidth(0.5).strokeColor('#888').moveTo(x0, y0 + h).lineTo(x0 + w, y0 + h).stroke();
    doc.font(REGULAR).fontSize(7.5).fillColor('black').text(String(max), x0 - 36, y0 - 4, { width: 30, align: 'right' });
    view.rows.forEach((r, i) => {
      let y = y0 + h;
      const x = x0 + (i + 0.15) * (w / view.rows.length);
      stack.forEach((c, j) => {
        const v = r.cells[c].count ?? 0;
        const bh = (v / max) * h;
        y -= bh;
        if (bh > 0) doc.rect(x, y, bw, bh).fill(PALETTE[j % PALETTE.length]);
      });
      doc.fillColor('black').fontSize(7).text(monthLabel(r.key).replace(' ', '\n'), x - 6, y0 + h + 3, { width: bw + 12, align: 'center' });
    });
    let lx = x0;
    stack.forEach((c, j) => {
      doc.rect(lx, y0 + h + 26, 8, 8).fill(PALETTE[j % PALETTE.length]);
      doc.fillColor('black').fontSize(8).text(d.labels[c] ?? c, lx + 11, y0 + h + 26, { lineBreak: false });
      lx += 16 + doc.widthOfString(d.labels[c] ?? c);
    });
    doc.x = 40;
    doc.y = y0 + h + 44;
    // The table behind it.
    const rows = tableRows(view);
    const lines = figureLines(view, view.total);
    const colW = Math.min(90, (760 - 150) / lines.length);
    doc.font(BOLD).fontSize(7.5);
    let y = doc.y;
    doc.text('', 40, y);
    lines.forEach((l, i) => doc.text(l.label, 190 + i * colW, y, { width: colW - 4 }));
    y += 26;
    doc.font(REGULAR);
    for (const t of rows) {
      if (y > 540) {
        doc.addPage();
        y = 40;
      }
      doc.text(t.label, 40, y, { width: 148 });
      figureLines(view, t.figures).forEach((l, i) => doc.text(l.display, 190 + i * colW, y, { width: colW - 4 }));
      y += 13;
    }
  }
  doc.end();
  return done;
}
