import { describe, expect, it } from 'vitest';
import { badCharacter, badCharacterErrors, storable } from './input-guard.ts';
import { cleanFileName } from './upload.ts';

describe('characters the database cannot store', () => {
  it('a NUL and half a surrogate pair are bad; a whole pair (an emoji) is fine', () => {
    expect(badCharacter('a\u0000b')).toBe('nul_character');
    expect(badCharacter('a\ud800b')).toBe('invalid_character');
    expect(badCharacter('a\udc00')).toBe('invalid_character');
    expect(badCharacter('kind 👧 van 12')).toBeNull();
    expect(badCharacter('gewone tekst, ook met é en ß')).toBeNull();
  });

  it('every bad field is named as the validator names fields, in order, nested ones with their path', () => {
    const body = { name: 'ok', memberships: [{ role: 'x' }, { role: 'mentor\u0000' }], note: { text: '\ud83d' }, 'sleutel\u0000': 1 };
    expect(badCharacterErrors(body, '').map((e) => [e.name, e.code])).toEqual([
      ['memberships/1/role', 'nul_character'],
      ['note/text', 'invalid_character'],
      ['sleutel\\u0000', 'nul_character'],
    ]);
    expect(badCharacterErrors({ q: 'a\u0000' }, 'querystring')[0]).toMatchObject({ name: 'querystring/q', reason: expect.stringMatching(/NUL-teken.*Haal het teken weg/) });
    expect(badCharacterErrors({ id: '\u0000' }, 'params')[0].name).toBe('params/id');
    expect(badCharacterErrors(Buffer.from([0]), '')).toEqual([]);
    expect(badCharacterErrors(Array.from({ length: 50 }, () => '\u0000'), '')).toHaveLength(20);
  });

  it('what is stored or shown instead', () => {
    expect(storable('a\u0000b\ud800c👧')).toBe('a\\u0000b\uFFFDc👧');
    expect(cleanFileName('ver\u0000zuim\r\n.csv\ud800')).toBe('verzuim.csv');
    expect(cleanFileName('👧'.repeat(300))).toBe('👧'.repeat(200));
  });
});
