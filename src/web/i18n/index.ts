import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enBase from './en.json';
import nlBase from './nl.json';
import setupEn from './parts/setup.en.json';
import setupNl from './parts/setup.nl.json';
import staffEn from './parts/staff.en.json';
import staffNl from './parts/staff.nl.json';
import pupilsEn from './parts/pupils.en.json';
import pupilsNl from './parts/pupils.nl.json';
import { setApiLanguage } from '../api.ts';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The texts of a capability may live in their own file under parts/ (one top-level key per file,
 * e.g. "setup"), merged into the main dictionary here and in the translation test.
 */
const nl = { ...nlBase, ...setupNl, ...staffNl, ...pupilsNl };
const en = { ...enBase, ...setupEn, ...staffEn, ...pupilsEn };

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

export function changeLanguage(lng: Language): Promise<unknown> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered, still switched.
  }
  return i18n.changeLanguage(lng);
}

const initial = storedLanguage();

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'nl',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

applyLanguage(initial);
i18n.on('languageChanged', applyLanguage);

export default i18n;
