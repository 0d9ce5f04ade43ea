import { z } from 'zod';
import { localeSchema } from '../shared/locale-schema.js';
import type { Locale } from '../shared/locale.js';
import type { Id } from '../shared/ids.js';
import { consentDocument, policyBodiesSchema, type PolicyDocument } from './policy-text.js';

/** GDPR Art. 6(1): why Quorum may process at all. Only `consent` can be declined or withdrawn. */
export const legalBases = ['contract', 'consent', 'legitimate_interest'] as const;
export type LegalBasis = (typeof legalBases)[number];

/** The kinds of personal data, as the records of processing and the data map name them. */
export const dataCategories = [
  'identity', // name, account id
  'contact', // email address
  'profile', // community profile attributes
  'content', // what a member writes
  'participation', // memberships, roles, join requests, invitations used
  'survey_responses',
  'consent_records',
  'security', // sessions, credentials, rate-limit and audit traces
] as const;
export type DataCategory = (typeof dataCategories)[number];

/** Names of the categories as the default texts print them. */
export const dataCategoryLabels: Readonly<Record<Locale, Readonly<Record<DataCategory, string>>>> = {
  de: {
    identity: 'Name und Konto-Kennung',
    contact: 'E-Mail-Adresse',
    profile: 'Profilangaben',
    content: 'Beiträge',
    participation: 'Mitgliedschaften und Rollen',
    survey_responses: 'Umfrageantworten',
    consent_records: 'Einwilligungsnachweise',
    security: 'Sicherheitsdaten (Sitzungen, Protokolle)',
  },
  en: {
    identity: 'name and account id',
    contact: 'email address',
    profile: 'profile details',
    content: 'posts',
    participation: 'memberships and roles',
    survey_responses: 'survey answers',
    consent_records: 'consent records',
    security: 'security data (sessions, logs)',
  },
};

/** How long data kept for a purpose lives. */
export type Retention =
  | { kind: 'account_lifetime' } // until the account is erased
  | { kind: 'days'; days: number }; // after it stops being needed (e.g. after withdrawal)

export interface LocalizedPurposeText {
  title: string;
  /** Plain language: what we do, why, and what happens if you say no. */
  description: string;
}

export interface Purpose {
  id: string;
  /** null: instance-wide; otherwise a purpose one community added. */
  communityId: Id | null;
  legalBasis: LegalBasis;
  dataCategories: readonly DataCategory[];
  retention: Retention;
  recipients: Readonly<Record<Locale, readonly string[]>>;
  texts: Readonly<Record<Locale, LocalizedPurposeText>>;
}

export const corePurposeIds = {
  participation: 'community_participation',
  research: 'research_surveys',
  email: 'email_notifications',
  targeting: 'profile_targeting',
} as const;
export type CorePurposeId = (typeof corePurposeIds)[keyof typeof corePurposeIds];

const operator: Record<Locale, string[]> = {
  de: ['Der Betreiber dieser Quorum-Instanz (Verantwortlicher)'],
  en: ['The operator of this Quorum instance (controller)'],
};

/** The purposes every Quorum instance has. Communities may add their own (consent only). */
export const corePurposes: readonly Purpose[] = [
  {
    id: corePurposeIds.participation,
    communityId: null,
    legalBasis: 'contract',
    dataCategories: ['identity', 'contact', 'participation', 'content', 'security'],
    retention: { kind: 'account_lifetime' },
    recipients: operator,
    texts: {
      de: {
        title: 'Teilnahme an der Community',
        description:
          'Wir speichern dein Konto, deine Mitgliedschaften und was du schreibst, damit du die Community nutzen kannst. Ohne diese Daten geht es nicht; du kannst dein Konto jederzeit löschen.',
      },
      en: {
        title: 'Taking part in the community',
        description:
          'We keep your account, your memberships and what you write so that you can use the community. This is needed for the service; you can delete your account at any time.',
      },
    },
  },
  {
    id: corePurposeIds.research,
    communityId: null,
    legalBasis: 'consent',
    dataCategories: ['identity', 'survey_responses'],
    retention: { kind: 'days', days: 365 },
    recipients: operator,
    texts: {
      de: {
        title: 'Teilnahme an Forschungsumfragen',
        description:
          'Wir laden dich zu Umfragen ein und werten deine Antworten aus, um Produkte und Dienste zu verbessern. Ohne diese Einwilligung bekommst du keine Umfragen.',
      },
      en: {
        title: 'Taking part in research surveys',
        description:
          'We invite you to surveys and analyse your answers to improve products and services. Without this consent you get no surveys.',
      },
    },
  },
  {
    id: corePurposeIds.email,
    communityId: null,
    legalBasis: 'consent',
    dataCategories: ['contact'],
    retention: { kind: 'days', days: 30 },
    recipients: {
      de: [...operator.de, 'Der E-Mail-Versanddienst des Betreibers (Auftragsverarbeiter)'],
      en: [...operator.en, "The operator's email delivery provider (processor)"],
    },
    texts: {
      de: {
        title: 'Benachrichtigungen per E-Mail',
        description:
          'Wir schicken dir E-Mails zu Antworten, Erwähnungen und neuen Umfragen. Ohne diese Einwilligung bekommst du nur E-Mails, die für dein Konto nötig sind (z. B. Passwort zurücksetzen).',
      },
      en: {
        title: 'Email notifications',
        description:
          'We email you about replies, mentions and new surveys. Without this consent you only get emails your account needs (such as a password reset).',
      },
    },
  },
  {
    id: corePurposeIds.targeting,
    communityId: null,
    legalBasis: 'consent',
    dataCategories: ['profile'],
    retention: { kind: 'days', days: 30 },
    recipients: operator,
    texts: {
      de: {
        title: 'Auswahl nach Profilangaben',
        description:
          'Wir nutzen deine Profilangaben (z. B. Region, Produkt), um dir passende Umfragen und Inhalte zu zeigen, um in Umfragen passende Fragen zu stellen oder zu überspringen und um Umfrageergebnisse nach diesen Angaben auszuwerten. Ohne diese Einwilligung werden deine Profilangaben dafür nicht verwendet.',
      },
      en: {
        title: 'Targeting by profile',
        description:
          'We use your profile details (such as region or product) to show you fitting surveys and content, to ask or skip questions in surveys accordingly, and to break down survey results by them. Without this consent your profile is not used for this.',
      },
    },
  },
];

export function isConsentBased(purpose: Pick<Purpose, 'legalBasis'>): boolean {
  return purpose.legalBasis === 'consent';
}

/**
 * The text a member agrees to for a purpose: the terms for the contract purpose, the
 * purpose's own consent text otherwise. (The privacy notice informs; nobody "accepts" it.)
 */
export function purposeDocument(purpose: Pick<Purpose, 'id' | 'legalBasis'>): PolicyDocument {
  return purpose.legalBasis === 'consent' ? consentDocument(purpose.id) : 'terms';
}

export function findPurpose(register: readonly Purpose[], id: string): Purpose | undefined {
  return register.find((purpose) => purpose.id === id);
}

/** Ids of purposes communities add: lower-case words joined by underscores. */
export const purposeIdSchema = z
  .string({ error: 'purpose_invalid' })
  .regex(/^[a-z][a-z0-9_]{2,47}$/, { error: 'purpose_invalid' });

const localizedTextSchema = z.object({
  title: z.string().trim().min(2, { error: 'title_too_short' }).max(120, { error: 'title_too_long' }),
  description: z.string().trim().min(10, { error: 'description_too_short' }).max(2000, { error: 'description_too_long' }),
});

const recipientSchema = z
  .string({ error: 'recipient_invalid' })
  .trim()
  .min(2, { error: 'recipient_invalid' })
  .max(200, { error: 'recipient_invalid' });

/**
 * A community adds a purpose of its own; it is always consent-based (it can be declined).
 * `consentTexts` is the Markdown a member agrees to, published as version 1 with the purpose.
 */
export const communityPurposeInputSchema = z.object({
  communityId: z.uuid({ error: 'invalid_id' }),
  id: purposeIdSchema,
  dataCategories: z
    .array(z.enum(dataCategories, { error: 'categories_required' }))
    .min(1, { error: 'categories_required' })
    .refine((items) => new Set(items).size === items.length, { error: 'categories_required' }),
  retentionDays: z
    .number({ error: 'retention_invalid' })
    .int({ error: 'retention_invalid' })
    .min(1, { error: 'retention_invalid' })
    .max(3650, { error: 'retention_invalid' }),
  recipients: z.record(localeSchema, z.array(recipientSchema).max(10, { error: 'recipients_too_many' })),
  texts: z.record(localeSchema, localizedTextSchema),
  consentTexts: policyBodiesSchema,
});
export type CommunityPurposeInput = z.infer<typeof communityPurposeInputSchema>;
