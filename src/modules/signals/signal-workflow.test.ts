import { describe, expect, it } from 'vitest';
import { SIGNAL_STATUSES, SIGNAL_TRANSITIONS, TRIAGE_DECISIONS, findTransition } from './signal-workflow.ts';

describe('signal workflow table', () => {
  it('every triage decision can be taken on a new signal', () => {
    for (const d of TRIAGE_DECISIONS) expect(findTransition('new', d)?.by).toBe('care');
  });
  it('only the author can withdraw, and only while the signal is new', () => {
    expect(SIGNAL_TRANSITIONS.filter((t) => t.action === 'withdraw')).toEqual([{ from: 'new', action: 'withdraw', to: 'withdrawn', by: 'author' }]);
  });
  it('closed, withdrawn and case are end states of a signal (a case goes on in the case file)', () => {
    for (const end of ['closed', 'withdrawn', 'case']) expect(SIGNAL_TRANSITIONS.filter((t) => t.from === end)).toEqual([]);
  });
  it('every status is reachable from new, and every transition is between known statuses', () => {
    const reachable = new Set(['new']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of SIGNAL_TRANSITIONS) {
        if (reachable.has(t.from) && !reachable.has(t.to)) {
          reachable.add(t.to);
          changed = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual([...SIGNAL_STATUSES].sort());
    for (const t of SIGNAL_TRANSITIONS) expect(SIGNAL_STATUSES).toContain(t.to);
  });
  it('no duplicate (from, action) pairs: the table decides unambiguously', () => {
    const keys = SIGNAL_TRANSITIONS.map((t) => `${t.from}/${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('keeping watching twice is not a decision', () => {
    expect(findTransition('watching', 'keep_watching')).toBeUndefined();
  });
});
