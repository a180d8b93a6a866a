import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { OPEN_REQUEST_STATUSES, REQUEST_KINDS, REQUEST_STATUSES, type RequestKind, type RequestStatus } from '../../contracts/values/requests.ts';
import { DECIDING_KINDS, REQUEST_TRANSITIONS, findRequestTransition, stepsFor } from './request-workflow.ts';
import { DEFAULT_REQUEST_TERMS, dueOn, termFor } from './request-terms.ts';
import { SchoolCalendar } from '../../kernel/calendar/school-days.ts';

/** The statuses a kind can reach from `sent`, following the table. */
function reachable(kind: RequestKind): Set<RequestStatus> {
  const seen = new Set<RequestStatus>(['sent']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of REQUEST_TRANSITIONS) {
      if (t.kinds.includes(kind) && seen.has(t.from) && !seen.has(t.to)) {
        seen.add(t.to);
        grew = true;
      }
    }
  }
  return seen;
}

describe('the request workflow table', () => {
  it('one row per (kind, status, action): a step is never ambiguous', () => {
    const keys = REQUEST_TRANSITIONS.flatMap((t) => t.kinds.map((k) => `${k}|${t.from}|${t.action}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every kind can end (declined, withdrawn or closed) from every status it can reach; end statuses have no way out', () => {
    for (const kind of REQUEST_KINDS) {
      for (const status of reachable(kind)) {
        const out = REQUEST_TRANSITIONS.filter((t) => t.kinds.includes(kind) && t.from === status);
        if ((OPEN_REQUEST_STATUSES as readonly string[]).includes(status)) expect(out.length, `${kind} ${status}`).toBeGreaterThan(0);
        else expect(out, `${kind} ${status} is an end`).toEqual([]);
      }
    }
  });

  it('the sender answers the receiver’s question and the request is back with the receiver; only the receiver accepts, decides, starts help', () => {
    expect(findRequestTransition('toegang', 'sent', 'ask_info')).toMatchObject({ to: 'info_requested', by: 'receiver' });
    expect(findRequestTransition('toegang', 'info_requested', 'answer_info')).toMatchObject({ to: 'sent', by: 'sender' });
    for (const t of REQUEST_TRANSITIONS.filter((x) => ['accept', 'decide', 'start_help', 'report_back', 'end_help', 'decline', 'forward'].includes(x.action))) expect(t.by, t.action).toBe('receiver');
    expect(REQUEST_TRANSITIONS.filter((t) => t.action === 'withdraw').every((t) => t.by === 'sender')).toBe(true);
  });

  it('a TLV and an arrangement are decided before help starts; a provider starts help without a decision; a question to the school is answered, not accepted', () => {
    for (const kind of DECIDING_KINDS) expect(findRequestTransition(kind, 'accepted', 'decide')?.needs).toEqual(['decision']);
    expect(findRequestTransition('tlv', 'accepted', 'start_help')).toBeUndefined();
    expect(findRequestTransition('provider', 'accepted', 'decide')).toBeUndefined();
    expect(findRequestTransition('provider', 'accepted', 'start_help')).toMatchObject({ to: 'help_started' });
    expect(findRequestTransition('question_to_school', 'sent', 'accept')).toBeUndefined();
    expect(findRequestTransition('question_to_school', 'sent', 'answer_question')).toMatchObject({ to: 'closed', by: 'receiver' });
    expect(reachable('question_to_school')).toEqual(new Set(['sent', 'info_requested', 'declined', 'closed', 'withdrawn']));
  });

  it('a decline and a withdrawal carry a reason; a report back carries how it goes', () => {
    for (const t of REQUEST_TRANSITIONS.filter((x) => x.action === 'decline' || x.action === 'withdraw')) expect(t.needs).toContain('reason');
    for (const t of REQUEST_TRANSITIONS.filter((x) => x.action === 'report_back' || x.action === 'end_help')) expect(t.needs).toContain('progress');
  });

  it('what a screen offers: the receiver of a new referral to the wijkteam may accept, ask, decline or forward; the sender may withdraw', () => {
    expect(stepsFor('toegang', 'sent', 'receiver').map((t) => t.action).sort()).toEqual(['accept', 'ask_info', 'decline', 'forward']);
    expect(stepsFor('toegang', 'sent', 'sender').map((t) => t.action)).toEqual(['withdraw']);
    expect(stepsFor('toegang', 'closed', 'receiver')).toEqual([]);
  });
});

describe('request terms as data', () => {
  it('every waiting status of every kind has a default term; end statuses have none', () => {
    for (const kind of REQUEST_KINDS) {
      for (const status of reachable(kind)) {
        const term = termFor(kind, status);
        if ((OPEN_REQUEST_STATUSES as readonly string[]).includes(status)) expect(term, `${kind} ${status}`).not.toBeNull();
        else expect(term, `${kind} ${status}`).toBeNull();
      }
    }
    expect(DEFAULT_REQUEST_TERMS.every((t) => (REQUEST_STATUSES as readonly string[]).includes(t.status) && t.days > 0)).toBe(true);
  });

  it('the region’s own term wins over the default', () => {
    expect(termFor('toegang', 'sent')).toEqual({ days: 5, unit: 'working' });
    expect(termFor('toegang', 'sent', [{ kind: 'toegang', status: 'sent', days: 3, unit: 'working' }])).toEqual({ kind: 'toegang', status: 'sent', days: 3, unit: 'working' });
  });

  it('a referral sent on Wednesday 23 December 2026 is due after Christmas and the weekend: Thursday 31 December', () => {
    expect(dueOn('2026-12-23', termFor('toegang', 'sent')!)).toBe('2026-12-31');
  });

  it('a question to the school counts school days: over the Christmas holiday it waits until the school is open again', () => {
    const cal = new SchoolCalendar([{ start: '2026-12-19', end: '2027-01-03', name: 'Kerstvakantie' }]);
    // Friday 18 December + 5 school days: Monday 4 January is the first, Friday 8 January the fifth.
    expect(dueOn('2026-12-18', termFor('question_to_school', 'sent')!, cal)).toBe('2027-01-08');
    expect(() => dueOn('2026-12-18', termFor('question_to_school', 'sent')!)).toThrow(/school calendar/);
  });

  it('docs/requests.md lists every step of the table and every default term', () => {
    const doc = fs.readFileSync(new URL('../../../docs/requests.md', import.meta.url), 'utf8');
    for (const t of REQUEST_TRANSITIONS) expect(doc, `${t.from} → ${t.action} → ${t.to}`).toContain(`| \`${t.from}\` | \`${t.action}\` | \`${t.to}\` |`);
    for (const t of DEFAULT_REQUEST_TERMS) expect(doc, `${t.kind} ${t.status}`).toContain(`| \`${t.kind}\` | \`${t.status}\` | ${t.days} ${t.unit === 'working' ? 'werkdagen' : 'schooldagen'} |`);
  });
});
