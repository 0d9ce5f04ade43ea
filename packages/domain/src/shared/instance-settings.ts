import { z } from 'zod';

/** What the operator sets for the whole instance (admin page, footer, sign-up). */
export interface InstanceSettings {
  /** Sign-up asks people to confirm they are at least this old (GDPR Art. 8: 16 in Germany). */
  minimumAge: number;
  /** Link to the operator's legal notice (Impressum). */
  imprintUrl: string | null;
  /** Where to reach the privacy contact / data protection officer (mailto: or https:). */
  privacyContact: string | null;
  /**
   * An admin confirmed having read the default terms and privacy notice (they name "whoever
   * is in the Impressum"): the last point of the first-run checklist.
   */
  legalTextsReviewed: boolean;
}

export const defaultInstanceSettings: InstanceSettings = {
  minimumAge: 16,
  imprintUrl: null,
  privacyContact: null,
  legalTextsReviewed: false,
};

const linkSchema = z
  .string()
  .trim()
  .max(500, { error: 'link_invalid' })
  .refine((value) => /^(https?:\/\/|mailto:)\S+$/.test(value), { error: 'link_invalid' });

export const instanceSettingsInputSchema = z.object({
  minimumAge: z.number({ error: 'minimum_age_invalid' }).int().min(13, { error: 'minimum_age_invalid' }).max(21, { error: 'minimum_age_invalid' }),
  imprintUrl: linkSchema.nullable(),
  privacyContact: linkSchema.nullable(),
});

/** What an admin still has to do after the first run; empty when done. */
export type SetupStep = 'imprint' | 'privacyContact' | 'mail' | 'legalTexts';

export function openSetupSteps(settings: InstanceSettings, mailDelivery: 'smtp' | 'log'): SetupStep[] {
  const open: SetupStep[] = [];
  if (settings.imprintUrl === null) open.push('imprint');
  if (settings.privacyContact === null) open.push('privacyContact');
  if (mailDelivery !== 'smtp') open.push('mail');
  if (!settings.legalTextsReviewed) open.push('legalTexts');
  return open;
}

export interface InstanceSettingsRepository {
  get(): Promise<InstanceSettings>;
  /** Saves the settings given; the others keep their value. */
  save(settings: Partial<InstanceSettings>): Promise<void>;
}
