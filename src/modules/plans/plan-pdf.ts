import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { PlanView } from './plan-queries.ts';
// Plain Dutch for the family: what each part of the plan means.
import { GAS_SCORE_LABELS, LIFE_DOMAIN_LABELS } from '../../contracts/values/plans.ts';

// DejaVu Sans covers every letter in Dutch families' names (ı, ş, ğ, ł, ć, ë …); the PDF
// standard fonts do not.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(fontDir, 'DejaVuSans.ttf');
const BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

const nlDate = (d: string | null) => (d ? new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)) : '–');

type Evaluation = PlanView['goals'][number]['evaluations'][number];

/**
 * "Hoe gaat het" of a goal for the family: the latest evaluation that counts (a corrected one gives
 * way to its correction, which says "gecorrigeerd" and why), or that it was not discussed yet.
 */
export function gasLine(goal: { evaluations: Pick<Evaluation, 'score' | 'evaluatedOn' | 'corrects' | 'correctionReason' | 'correctedBy'>[] }): string {
  const last = goal.evaluations.filter((e) => !e.correctedBy).at(-1);
  if (!last) return 'nog niet besproken';
  const score = GAS_SCORE_LABELS[last.score as keyof typeof GAS_SCORE_LABELS] ?? String(last.score);
  return `${score} (${nlDate(last.evaluatedOn)}${last.corrects ? `; gecorrigeerd: ${last.correctionReason ?? ''}` : ''})`;
}

/** The shared plan as a PDF a parent can read: large type, plain words, one goal after another. */
export function renderPlanPdf(plan: PlanView): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Plan voor ${plan.child.givenName} ${plan.child.familyName}`, Author: 'Samenspel', Subject: plan.title ?? 'Gezamenlijk plan' }, lang: 'nl-NL', displayTitle: true, tagged: true } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const h1 = (t: string) => doc.font(BOLD).fontSize(20).fillColor('#0b4f5c').text(t).moveDown(0.3).fillColor('black');
  const h2 = (t: string) => doc.moveDown(0.6).font(BOLD).fontSize(15).text(t).moveDown(0.2);
  const h3 = (t: string) => doc.moveDown(0.4).font(BOLD).fontSize(12.5).text(t);
  const p = (t: string) => doc.font(REGULAR).fontSize(12).text(t, { lineGap: 2 });
  const label = (l: string, v: string) => doc.font(BOLD).fontSize(12).text(`${l}: `, { continued: true }).font(REGULAR).text(v);

  h1(`Plan voor ${plan.child.givenName} ${plan.child.familyName}`);
  p(`Eén kind, één gezin, één plan. Hierin staat wat we samen willen bereiken, wie wat doet en hoe het gaat.`);
  doc.moveDown(0.5);
  label('Onderwerp', plan.title ?? '–');
  label('School', plan.school);
  label('Casusregisseur (uw vaste contactpersoon)', plan.caseManagerName ?? '–');
  label('Gestart op', nlDate(plan.openedOn));
  label('Volgende bespreking van het plan', nlDate(plan.nextEvaluationOn));

  h2('Onze doelen');
  if (!plan.goals.length) p('Er zijn nog geen doelen vastgelegd.');
  plan.goals.forEach((g, i) => {
    h3(`${i + 1}. ${LIFE_DOMAIN_LABELS[g.lifeDomain] ?? g.lifeDomain}: ${g.description}`);
    label(g.inFamilyWords ? 'Wat we willen bereiken (in uw eigen woorden)' : 'Wat we willen bereiken', g.expectedOutcome);
    if (g.addedBy.kind === 'guardian' || g.addedBy.kind === 'child') p(`Dit doel is toegevoegd door ${g.addedBy.kind === 'child' ? 'het kind/de jongere zelf' : (g.addedBy.name ?? 'de ouder')}.`);
    if (g.actions.length) {
      doc.font(BOLD).fontSize(12).text('Wie doet wat:');
      for (const a of g.actions) doc.font(REGULAR).fontSize(12).text(`•  ${a.description} — ${a.owner ?? '–'}${a.deadline ? `, vóór ${nlDate(a.deadline)}` : ''}`, { indent: 12, lineGap: 2 });
    }
    label('Hoe gaat het', gasLine(g));
  });

  if (plan.opp) {
    h2('Ontwikkelingsperspectief (OPP)');
    label('Verwachte uitstroom', plan.opp.exitProfile);
    label('Waarom', plan.opp.exitGrounds);
    label('Wat helpt', plan.opp.supportingFactors);
    label('Wat het moeilijk maakt', plan.opp.hinderingFactors);
    label('Extra ondersteuning op school', plan.opp.support);
    if (plan.opp.deviations) label('Afwijkingen van het gewone programma', plan.opp.deviations);
    const agreed = plan.agreements.filter((a) => a.kind === 'guardian_agreement' && a.forCurrentOpp);
    const heard = plan.agreements.filter((a) => a.kind === 'pupil_heard' && a.forCurrentOpp);
    label('Instemming ouders met het handelingsdeel', agreed.length ? agreed.map((a) => `${a.guardianName}: ${a.agreed ? 'ingestemd' : 'niet ingestemd'} op ${nlDate(a.onDate)}`).join('; ') : 'nog niet gevraagd');
    label('Leerling gehoord', heard.length ? `ja, op ${nlDate(heard.at(-1)!.onDate)}` : 'nog niet');
  }

  doc.moveDown(1);
  doc.font(REGULAR).fontSize(10).fillColor('#444').text('Vragen over dit plan? Neem contact op met de casusregisseur. U mag dit plan altijd met iemand anders bespreken. Wie uw gegevens heeft bekeken, ziet u in Samenspel onder "Toegangslog".');
  doc.end();
  return done;
}
