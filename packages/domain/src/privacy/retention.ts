import { DAY } from '../shared/clock.js';
import type { Locale } from '../shared/locale.js';

/**
 * How long each kind of data lives once it is no longer needed. The retention job
 * applies every rule daily; applying a rule twice changes nothing (idempotent).
 */
export interface RetentionRule {
  id: RetentionRuleId;
  table: string;
  /** Days after the rule's reference moment (see `reference`). */
  days: number;
  reference: Readonly<Record<Locale, string>>;
}

export const retentionRuleIds = [
  'sessions_expired',
  'tokens_expired',
  'invitations_ended',
  'join_requests_decided',
  'exports_expired',
  'jobs_finished',
  'audit_log',
  'consent_tombstones',
  'known_devices_unused',
  'survey_progress_withdrawn',
  'survey_responses_withdrawn',
  'survey_links_withdrawn',
  'survey_participations_withdrawn',
] as const;
export type RetentionRuleId = (typeof retentionRuleIds)[number];

export const retentionRules: readonly RetentionRule[] = [
  { id: 'sessions_expired', table: 'sessions', days: 0, reference: { de: 'Ablauf der Sitzung (14 Tage ungenutzt, spätestens 60 Tage)', en: 'session end (14 days unused, 60 days at most)' } },
  { id: 'tokens_expired', table: 'one_time_tokens', days: 0, reference: { de: 'Ablauf des Links', en: 'link expiry' } },
  { id: 'invitations_ended', table: 'invitations', days: 30, reference: { de: 'Ablauf oder Widerruf der Einladung', en: 'invitation expiry or revocation' } },
  { id: 'join_requests_decided', table: 'join_requests', days: 90, reference: { de: 'Entscheidung über die Beitrittsanfrage', en: 'decision on the join request' } },
  { id: 'exports_expired', table: 'data_exports', days: 7, reference: { de: 'Erstellung des Exports', en: 'creation of the export' } },
  { id: 'jobs_finished', table: 'jobs', days: 30, reference: { de: 'Ende der Hintergrundaufgabe', en: 'end of the background job' } },
  { id: 'audit_log', table: 'audit_log', days: 3 * 365, reference: { de: 'Protokolleintrag (Verjährungsfrist)', en: 'log entry (limitation period)' } },
  { id: 'consent_tombstones', table: 'consent_events', days: 3 * 365, reference: { de: 'Löschung des Kontos (Nachweis der Einwilligung)', en: 'account erasure (proof of consent)' } },
  { id: 'known_devices_unused', table: 'known_devices', days: 180, reference: { de: 'letzte Anmeldung mit diesem Browser', en: 'last sign-in with this browser' } },
  // Survey data follows the research consent (docs/survey-anonymity.md): unfinished answers at
  // once, finished ones after the purpose's retention; anonymous answers cannot be found.
  { id: 'survey_progress_withdrawn', table: 'survey_responses', days: 0, reference: { de: 'Widerruf der Einwilligung in Forschungsumfragen (unfertige Antworten)', en: 'withdrawal of the research consent (unfinished answers)' } },
  { id: 'survey_responses_withdrawn', table: 'survey_responses', days: 365, reference: { de: 'Widerruf der Einwilligung in Forschungsumfragen (Antworten mit Namen)', en: 'withdrawal of the research consent (answers with your name)' } },
  { id: 'survey_links_withdrawn', table: 'survey_pseudonyms', days: 365, reference: { de: 'Widerruf der Einwilligung in Forschungsumfragen (Verbindung zum Pseudonym; die Antworten bleiben ohne sie)', en: 'withdrawal of the research consent (the link to your pseudonym; the answers stay without it)' } },
  { id: 'survey_participations_withdrawn', table: 'survey_participations', days: 365, reference: { de: 'Widerruf der Einwilligung in Forschungsumfragen (Teilnahmevermerke)', en: 'withdrawal of the research consent (records that you took part)' } },
];

export function retentionRule(id: RetentionRuleId): RetentionRule {
  const rule = retentionRules.find((candidate) => candidate.id === id);
  if (!rule) throw new Error(`Unknown retention rule ${id}`);
  return rule;
}

/** Data whose reference moment lies before this instant is due for deletion. */
export function retentionCutoff(rule: Pick<RetentionRule, 'days'>, now: Date): Date {
  return new Date(now.getTime() - rule.days * DAY);
}
