import { addAreaTexts } from '../../i18n/i18n';
import de from './locales/route/de.json';
import en from './locales/route/en.json';

// The discussions' texts come with their pages, not with the first page (decision 007).
addAreaTexts({ de, en });
