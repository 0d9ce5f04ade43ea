/** The catalog files as the light respondent entry imports them (respond-catalog-*.ts). */
declare module '*.json?respond' {
  import type { Catalog } from './i18n/catalogs';

  export const common: Catalog;
  export const errors: Catalog;
  export const notFound: Catalog;
  export const shell: Catalog;
  export const validation: Catalog;
  export const surveys: Catalog;
}
