import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { changesBetween, isStale, newestVersion, rebase, staleCurrent } from './stale.ts';

const stale = (current?: unknown) => new ApiError({ status: 409, title: 'Intussen gewijzigd', detail: 'Iemand anders…', code: 'stale_version', current });

describe('a stale version (409 stale_version)', () => {
  it('is told apart from other conflicts and errors', () => {
    expect(isStale(stale())).toBe(true);
    expect(isStale(new ApiError({ status: 409, title: 'Gesloten', code: 'case_closed' }))).toBe(false);
    expect(isStale(new ApiError({ status: 400, title: 'Ongeldig', code: 'stale_version' }))).toBe(false);
    expect(isStale(new Error('stale_version'))).toBe(false);
  });

  it('carries the record as it is now, when the server sent it', () => {
    expect(staleCurrent(stale({ id: 'a', version: 3 }))).toEqual({ id: 'a', version: 3 });
    expect(staleCurrent(stale())).toBeUndefined();
    expect(staleCurrent(stale('nonsense'))).toBeUndefined();
    expect(staleCurrent(new ApiError({ status: 409, title: 'x', code: 'other', current: { id: 'a' } }))).toBeUndefined();
  });
});

describe('what changed', () => {
  it('lists the facts that differ, with the value before and now', () => {
    const before = [['Status', 'Nieuw'], ['Besluit', ''], ['Team', 'Anna']] as const;
    const after = [['Status', 'In behandeling'], ['Besluit', 'Bespreken'], ['Team', 'Anna']] as const;
    expect(changesBetween(before, after)).toEqual([
      { label: 'Status', before: 'Nieuw', after: 'In behandeling' },
      { label: 'Besluit', before: '', after: 'Bespreken' },
    ]);
  });

  it('names a fact that went', () => {
    expect(changesBetween([['Einde', '1 mei']], [])).toEqual([{ label: 'Einde', before: '1 mei', after: '' }]);
    expect(changesBetween([['Einde', '']], [])).toEqual([]);
  });
});

describe('a draft carried over to the new version', () => {
  it('keeps what the user changed and takes the new value elsewhere', () => {
    const before = { a: '10', b: '20', c: '30' };
    const now = { a: '11', b: '21', c: '30' };
    const draft = { a: '15', b: '20', c: '30' };
    expect(rebase(draft, before, now)).toEqual({ a: '15', b: '21', c: '30' });
  });

  it('adds fields the record gained', () => {
    expect(rebase({ a: '1' }, { a: '1' }, { a: '1', b: '2' })).toEqual({ a: '1', b: '2' });
  });
});

describe('the version to send', () => {
  it('is the newest of the record as read and the record a 409 brought', () => {
    expect(newestVersion({ id: 'p', version: 2 }, undefined)).toBe(2);
    expect(newestVersion({ id: 'p', version: 2 }, { id: 'p', version: 4 })).toBe(4);
    // The page loaded the record again after the 409 (and someone changed it once more).
    expect(newestVersion({ id: 'p', version: 5 }, { id: 'p', version: 4 })).toBe(5);
    expect(newestVersion(undefined, { version: 4 })).toBe(4);
  });

  it('never takes the version of another record', () => {
    expect(newestVersion({ id: 'p', version: 2 }, { id: 'q', version: 9 })).toBe(2);
  });
});
