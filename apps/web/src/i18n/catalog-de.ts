import { assemble, type Catalog } from './catalogs';
import shared from './de.json';

/** The German catalog (see catalogs.ts). */
export default assemble(shared, import.meta.glob<Catalog>('../features/*/locales/de.json', { eager: true, import: 'default' }));
