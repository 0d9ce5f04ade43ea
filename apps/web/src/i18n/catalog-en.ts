import { assemble, type Catalog } from './catalogs';
import shared from './en.json';

/** The English catalog (see catalogs.ts). */
export default assemble(shared, import.meta.glob<Catalog>('../features/*/locales/en.json', { eager: true, import: 'default' }));
