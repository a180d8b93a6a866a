/**
 * What every screen outside the core needs besides its own code: the texts of the capabilities
 * (i18n/parts) and the CSS of the content components (content.css). Loaded by lazyPage.
 */
import './content.css';
import { loadTexts } from '../i18n/index.ts';

export const loadParts = loadTexts;
