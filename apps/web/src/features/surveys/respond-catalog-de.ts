import { common, errors, notFound, shell, validation } from '../../i18n/de.json?respond';
import { surveys } from './locales/de.json?respond';
import type { Catalog } from '../../i18n/catalogs';

/**
 * The German texts of the light respondent entry: the surveys area and the shared texts it shows.
 * `?respond` makes these JSON files modules of their own, apart from the shell's catalogs:
 * shared with them, they would land in one chunk with every text of the app.
 */
export default { common, errors, notFound, shell: { language: shell.language as string }, validation, surveys } satisfies Catalog;
