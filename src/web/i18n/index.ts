/// <reference types="vite/client" />
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';
import { setApiLanguage } from '../shared/api.ts';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The texts come in two layers, so that the sign-in page and the home page need little:
 * - `nl.json` / `en.json`: the core (the frame, sign-in, second factor, home, errors, roles);
 *   Dutch is in the main script, English arrives when chosen.
 * - `parts/<capability>.<lang>.json`: the texts of one capability's screens (one or more
 *   top-level keys per file, none in two files). They arrive with the first page that is not
 *   part of the core (see lazyPage in shared/routing.tsx), all parts of the language at once.
 */
type Dictionary = Record<string, unknown>;
const cores: Record<Language, () => Promise<Dictionary>> = {
  nl: () => Promise.resolve(nl),
  en: () => import('./en.json').then((m) => m.default),
};
const partFiles = import.meta.glob<Dictionary>('./parts/*.json', { import: 'default' });
const partsOf = (lng: Language) => Object.entries(partFiles).filter(([file]) => file.endsWith(`.${lng}.json`));

const STORAGE_KEY = 'samenspel.language';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    if (value === 'nl' || value === 'en') return value;
  } catch {
    // Storage can be unavailable (private mode, blocked); Dutch is the default.
  }
  return 'nl';
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  setApiLanguage(lng);
}

const loading = new Map<string, Promise<void>>();
/** Whether a page outside the core has asked for the parts: then a language switch loads them too. */
let partsWanted = false;

function once(key: string, load: () => Promise<void>): Promise<void> {
  let promise = loading.get(key);
  if (!promise) {
    promise = load();
    // A failed load (network) may be tried again by the next page.
    promise.catch(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}

function loadCore(lng: Language): Promise<void> {
  return once(`core:${lng}`, async () => {
    i18n.addResourceBundle(lng, 'translation', await cores[lng](), true, true);
  });
}

function loadParts(lng: Language): Promise<void> {
  return once(`parts:${lng}`, async () => {
    const dictionaries = await Promise.all(partsOf(lng).map(([, load]) => load()));
    for (const dictionary of dictionaries) i18n.addResourceBundle(lng, 'translation', dictionary, true, true);
  });
}

/** The texts of the screens outside the core, in the current language (called before such a page shows). */
export function loadTexts(): Promise<void> {
  partsWanted = true;
  return loadParts(currentLanguage());
}

function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'nl';
}

/** Loads what the language needs (before the switch, so that no key shows), then switches and remembers it. */
export async function changeLanguage(lng: Language): Promise<unknown> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  await Promise.all([loadCore(lng), partsWanted ? loadParts(lng) : undefined]);
  return i18n.changeLanguage(lng);
}

const initial = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl } },
  lng: initial,
  fallbackLng: 'nl',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
loading.set('core:nl', Promise.resolve());

applyLanguage(initial);
i18n.on('languageChanged', applyLanguage);

/** Resolves when the texts of the first screen are there (the stored language may be English). */
export const textsReady: Promise<void> = loadCore(initial);

export default i18n;
