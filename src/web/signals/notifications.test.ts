import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '../../contracts/values/signals.ts';
import { notificationLink } from './Notifications.tsx';

// Every kind of notification the server knows has its words on the home page and on the settings
// page, in Dutch and English (a new kind without them would show a text key), and one link to where
// it is dealt with.
const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'i18n', 'parts');
const texts = (lang: string) => JSON.parse(fs.readFileSync(path.join(dir, `signals.${lang}.json`), 'utf8')).signals;

describe('notifications in the app', () => {
  for (const lang of ['nl', 'en']) {
    it(`names every kind, says when it comes and names every channel (${lang})`, () => {
      const s = texts(lang);
      for (const kind of NOTIFICATION_KINDS) {
        expect(typeof s.notifications.kind[kind], `notifications.kind.${kind}`).toBe('string');
        expect(typeof s.settings.kinds[kind], `settings.kinds.${kind}`).toBe('string');
        expect(typeof s.settings.when[kind], `settings.when.${kind}`).toBe('string');
      }
      for (const c of NOTIFICATION_CHANNELS) {
        expect(typeof s.settings.channels[c]).toBe('string');
        expect(typeof s.settings.channelHints[c]).toBe('string');
      }
    });
  }

  it('links each to where it is dealt with: the observation before its request, then the signal, the request, the case', () => {
    const none = { observationId: null, signalId: null, requestId: null, caseId: null };
    expect(notificationLink({ ...none, kind: 'observation_asked', observationId: 'o1', requestId: 'r1' })).toEqual({ to: '/observaties/o1', label: 'openObservation' });
    expect(notificationLink({ ...none, kind: 'signal_decided', signalId: 's1' })).toEqual({ to: '/signalen/s1', label: 'open' });
    expect(notificationLink({ ...none, kind: 'urgent_signal', signalId: 's1' })).toEqual({ to: '/signalen/s1', label: 'open' });
    for (const kind of ['request_received', 'request_update', 'request_overdue'] as const) expect(notificationLink({ ...none, kind, requestId: 'r1' })).toEqual({ to: '/verzoeken/r1', label: 'openRequest' });
    for (const kind of ['case_handed_over', 'case_transferred', 'consent_withdrawn', 'evaluation_due'] as const) expect(notificationLink({ ...none, kind, caseId: 'c1' })).toEqual({ to: '/casussen/c1', label: 'openCase' });
    expect(notificationLink({ ...none, kind: 'request_escalated' })).toEqual({ to: '/verzoeken?bak=ontvangen', label: 'openInbox' });
  });
});
