import type { Locale } from '../shared/locale.js';
import { retentionRules } from '../privacy/retention.js';
import { consentDocument, type PolicyDocument } from './policy-text.js';
import { corePurposes, dataCategoryLabels, isConsentBased, type Purpose } from './purpose-register.js';

/**
 * The texts a fresh instance starts with (version 1), in German and English. The operator
 * edits and publishes them as new versions. They name no operator: who runs the instance
 * is in the legal notice (Impressum) and the privacy contact of the instance settings,
 * which the app links next to every text.
 */

const legalBasisText: Record<Locale, Record<Purpose['legalBasis'], string>> = {
  de: {
    contract: 'Vertrag (Art. 6 Abs. 1 lit. b DSGVO)',
    consent: 'Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)',
    legitimate_interest: 'Berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)',
  },
  en: {
    contract: 'Contract (Art. 6(1)(b) GDPR)',
    consent: 'Consent (Art. 6(1)(a) GDPR)',
    legitimate_interest: 'Legitimate interest (Art. 6(1)(f) GDPR)',
  },
};

function retentionText(purpose: Purpose, locale: Locale): string {
  if (purpose.retention.kind === 'account_lifetime') {
    return locale === 'de' ? 'bis du dein Konto löschst' : 'until you delete your account';
  }
  const days = purpose.retention.days;
  return locale === 'de' ? `${days} Tage nach Widerruf oder Ende der Nutzung` : `${days} days after withdrawal or end of use`;
}

function purposeList(locale: Locale): string {
  return corePurposes
    .map((purpose) => {
      const text = purpose.texts[locale];
      return [
        `### ${text.title}`,
        '',
        text.description,
        '',
        `- ${locale === 'de' ? 'Rechtsgrundlage' : 'Legal basis'}: ${legalBasisText[locale][purpose.legalBasis]}`,
        `- ${locale === 'de' ? 'Speicherdauer' : 'Retention'}: ${retentionText(purpose, locale)}`,
        `- ${locale === 'de' ? 'Empfänger' : 'Recipients'}: ${purpose.recipients[locale].join('; ')}`,
      ].join('\n');
    })
    .join('\n\n');
}

function retentionList(locale: Locale): string {
  return retentionRules
    .map((rule) =>
      locale === 'de'
        ? `- ${rule.days === 0 ? 'Sofort' : `${rule.days} Tage`} nach ${rule.reference.de}`
        : `- ${rule.days === 0 ? 'Right' : `${rule.days} days`} after ${rule.reference.en}`,
    )
    .join('\n');
}

const privacyNotice: Record<Locale, string> = {
  de: `# Datenschutzhinweise

Diese Community läuft auf Quorum, einer Software, die der Betreiber selbst betreibt. Deine Daten liegen auf seinen Servern und werden nicht an soziale Netzwerke, Werbenetzwerke oder Datenhändler weitergegeben. Wer der Betreiber ist und wie du ihn und seine Datenschutzkontaktstelle erreichst, steht im Impressum und unter „Datenschutzkontakt“ (unten auf jeder Seite).

## Welche Daten wir verarbeiten und wozu

${purposeList('de')}

Einwilligungen sind freiwillig. Wenn du eine Einwilligung nicht gibst, kannst du die Community trotzdem voll nutzen. Du kannst jede Einwilligung jederzeit im Datenschutzbereich deines Kontos mit einem Klick widerrufen; der Widerruf wirkt sofort für die Zukunft.

## Wie lange wir Daten aufbewahren

${retentionList('de')}

Ändert sich ein Einwilligungstext, fragen wir dich erneut; bis du antwortest, gilt die Einwilligung als nicht erteilt.

## Deine Rechte

Du hast das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit und Widerspruch (Art. 15–21 DSGVO). Im Datenschutzbereich deines Kontos kannst du jederzeit eine Kopie deiner Daten herunterladen (ZIP mit JSON und CSV) und dein Konto löschen. Dort siehst du auch, wann Mitarbeitende des Betreibers auf deine Daten zugegriffen haben und warum.

Du kannst dich außerdem bei einer Datenschutzaufsichtsbehörde beschweren.

## Löschung und Sicherungskopien

Löschst du dein Konto, entfernen wir deine personenbezogenen Daten sofort. Von Einwilligungsnachweisen bleibt nur ein pseudonymer Eintrag, der niemanden identifiziert. Sicherungskopien des Betreibers können deine Daten noch so lange enthalten, bis sie turnusmäßig überschrieben werden; sie werden nur zur Wiederherstellung nach einem Ausfall verwendet.

## Cookies

Wir setzen nur ein technisch notwendiges Cookie für deine Anmeldung. Es gibt kein Tracking und keine Analyse- oder Werbecookies.
`,
  en: `# Privacy notice

This community runs on Quorum, software the operator runs on their own servers. Your data stays there and is not passed on to social networks, advertising networks or data brokers. Who the operator is and how to reach them and their privacy contact is in the legal notice and under "Privacy contact" (at the bottom of every page).

## What we process and why

${purposeList('en')}

Consent is voluntary. If you do not give a consent, you can still use the community fully. You can withdraw any consent at any time with one click in the privacy section of your account; the withdrawal takes effect at once for the future.

## How long we keep data

${retentionList('en')}

When the text of a consent changes, we ask you again; until you answer, the consent counts as not given.

## Your rights

You have the right of access, rectification, erasure, restriction of processing, data portability and objection (Art. 15–21 GDPR). In the privacy section of your account you can download a copy of your data at any time (a ZIP of JSON and CSV) and delete your account. There you also see when the operator's staff accessed your data, and why.

You may also lodge a complaint with a data protection supervisory authority.

## Erasure and backups

When you delete your account, we remove your personal data at once. Of the proof of your consents only a pseudonymous entry remains, which identifies nobody. The operator's backups may still contain your data until they are overwritten in their regular cycle; they are used only to recover from a failure.

## Cookies

We set only one technically necessary cookie for your sign-in. There is no tracking and there are no analytics or advertising cookies.
`,
};

const terms: Record<Locale, string> = {
  de: `# Nutzungsbedingungen

Diese Bedingungen gelten für die Nutzung dieser Community-Plattform. Betreiber ist, wer im Impressum genannt ist.

1. **Konto.** Du brauchst ein Konto mit einer gültigen E-Mail-Adresse und musst mindestens so alt sein wie bei der Registrierung angegeben. Halte dein Passwort geheim.
2. **Respektvoller Umgang.** Schreib nichts Rechtswidriges, Beleidigendes oder Irreführendes und keine Werbung ohne Erlaubnis der Community. Moderatorinnen und Moderatoren können Beiträge entfernen und Mitglieder ausschließen.
3. **Deine Inhalte.** Was du schreibst, bleibt deins. Du erlaubst dem Betreiber, es in der Community anzuzeigen, solange es dort steht. Löschst du dein Konto, werden deine Beiträge je nach Regel der Community anonymisiert („gelöschtes Mitglied“) oder entfernt.
4. **Umfragen.** Die Teilnahme an Umfragen ist freiwillig und setzt deine gesonderte Einwilligung voraus.
5. **Verfügbarkeit.** Der Betreiber bemüht sich um einen stabilen Betrieb, kann ihn aber nicht garantieren.
6. **Kündigung.** Du kannst dein Konto jederzeit im Datenschutzbereich löschen. Der Betreiber kann Konten bei schweren Verstößen sperren.
7. **Änderungen.** Ändern sich diese Bedingungen, fragen wir dich bei deinem nächsten Besuch nach deiner Zustimmung.

Wie wir mit deinen Daten umgehen, steht in den Datenschutzhinweisen.
`,
  en: `# Terms of use

These terms apply to the use of this community platform. The operator is whoever the legal notice names.

1. **Account.** You need an account with a valid email address and must be at least as old as you confirmed when signing up. Keep your password secret.
2. **Respect.** Do not post anything unlawful, insulting or misleading, and no advertising without the community's permission. Moderators may remove posts and exclude members.
3. **Your content.** What you write stays yours. You allow the operator to show it in the community for as long as it is there. If you delete your account, your posts are anonymized ("deleted member") or removed, as the community's rule says.
4. **Surveys.** Taking part in surveys is voluntary and needs your separate consent.
5. **Availability.** The operator strives for stable operation but cannot guarantee it.
6. **Ending.** You can delete your account at any time in the privacy section. The operator may suspend accounts for serious violations.
7. **Changes.** When these terms change, we ask for your agreement on your next visit.

How we handle your data is described in the privacy notice.
`,
};

const categories = (purpose: Purpose, locale: Locale) =>
  purpose.dataCategories.map((category) => dataCategoryLabels[locale][category]).join(', ');

function consentText(purpose: Purpose, locale: Locale): string {
  const text = purpose.texts[locale];
  const recipients = purpose.recipients[locale].join('; ');
  return locale === 'de'
    ? `# ${text.title}

${text.description}

- Verarbeitete Daten: ${categories(purpose, 'de')}
- Empfänger: ${recipients}
- Speicherdauer: ${retentionText(purpose, 'de')}

Diese Einwilligung ist freiwillig. Du kannst sie jederzeit im Datenschutzbereich deines Kontos mit einem Klick widerrufen; der Widerruf wirkt sofort und berührt nicht, was vorher auf ihrer Grundlage geschah.
`
    : `# ${text.title}

${text.description}

- Data processed: ${categories(purpose, 'en')}
- Recipients: ${recipients}
- Retention: ${retentionText(purpose, 'en')}

This consent is voluntary. You can withdraw it at any time with one click in the privacy section of your account; the withdrawal takes effect at once and does not affect what happened on its basis before.
`;
}

/** Every document a fresh instance needs, each with a body per locale. */
export function defaultPolicyTexts(): { document: PolicyDocument; bodies: Record<Locale, string> }[] {
  return [
    { document: 'privacy_notice', bodies: privacyNotice },
    { document: 'terms', bodies: terms },
    ...corePurposes.filter(isConsentBased).map((purpose) => ({
      document: consentDocument(purpose.id),
      bodies: { de: consentText(purpose, 'de'), en: consentText(purpose, 'en') },
    })),
  ];
}
