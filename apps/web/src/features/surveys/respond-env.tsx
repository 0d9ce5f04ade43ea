import { createContext, useContext, type ReactNode } from 'react';
import type { Locale } from '@quorum/domain/shared/locale';

/** A text by key with its values (`{{name}}`, plurals by `count`), as i18next's `t` reads it. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * What the respondent components need from around them, so the same components run in the
 * shell (i18next, react-router) and in the light respondent entry (respond.html: a small
 * translate function, plain links) without importing either library.
 */
export interface RespondEnv {
  t: Translate;
  locale: Locale;
  /** A link to another page of the app (the shell's router link, or a plain one). */
  link: (props: { to: string; children: ReactNode }) => ReactNode;
}

const RespondEnvContext = createContext<RespondEnv | null>(null);

export const RespondEnvProvider = RespondEnvContext.Provider;

export function useRespondEnv(): RespondEnv {
  const env = useContext(RespondEnvContext);
  if (!env) throw new Error('respondent components need a RespondEnvProvider');
  return env;
}
