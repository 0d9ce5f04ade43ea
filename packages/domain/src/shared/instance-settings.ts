import { z } from 'zod';

/** What the operator sets for the whole instance (admin page, footer, sign-up). */
export interface InstanceSettings {
  /** Sign-up asks people to confirm they are at least this old (GDPR Art. 8: 16 in Germany). */
  minimumAge: number;
  /** Link to the operator's legal notice (Impressum). */
  imprintUrl: string | null;
  /** Where to reach the privacy contact / data protection officer (mailto: or https:). */
  privacyContact: string | null;
}

export const defaultInstanceSettings: InstanceSettings = { minimumAge: 16, imprintUrl: null, privacyContact: null };

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

export interface InstanceSettingsRepository {
  get(): Promise<InstanceSettings>;
  save(settings: InstanceSettings): Promise<void>;
}
