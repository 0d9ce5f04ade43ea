import type { Locale } from '@quorum/domain/shared/locale';
import type { MailMessage } from './mailer.js';

export type AccountMailKind = 'verifyEmail' | 'resetPassword' | 'changeEmail' | 'emailChanged' | 'emailInUse';

interface MailText {
  subject: string;
  /** `detail` is ours to fill in (e.g. the new address), never someone's free text. */
  body: (detail: string) => string;
  action: string;
  footer: string;
}

const greetings: Record<Locale, (name: string) => string> = {
  en: (name) => `Hello ${name},`,
  de: (name) => `Hallo ${name},`,
};

/** The server's only user-facing texts: the mails it sends, per locale. */
const messages: Record<Locale, Record<AccountMailKind, MailText>> = {
  en: {
    verifyEmail: {
      subject: 'Confirm your email address for Quorum',
      body: () => 'please confirm your email address by opening this link (valid for 2 days):',
      action: 'Confirm email address',
      footer: 'If you did not create an account, you can ignore this mail.',
    },
    resetPassword: {
      subject: 'Reset your Quorum password',
      body: () =>
        'someone asked to reset the password of your account. To choose a new password, open this link (valid for 60 minutes):',
      action: 'Choose a new password',
      footer: 'If this was not you, ignore this mail: your password stays as it is.',
    },
    changeEmail: {
      subject: 'Confirm your new email address for Quorum',
      body: () => 'to use this address for your Quorum account from now on, open this link (valid for 2 days):',
      action: 'Confirm new address',
      footer: 'If you did not ask for this change, ignore this mail: nothing changes.',
    },
    emailChanged: {
      subject: 'The email address of your Quorum account was changed',
      body: (newEmail) =>
        `your Quorum account now uses the address ${newEmail}. You no longer sign in with this one, and every other device was signed out. Sign in here:`,
      action: 'Sign in',
      footer: 'If you did not make this change, contact the operator of this Quorum site at once.',
    },
    emailInUse: {
      subject: 'Someone tried to use your address for Quorum',
      body: () =>
        'someone asked to move another Quorum account to this address. It already belongs to your account, so nothing changed. If you have forgotten your password, you can choose a new one here:',
      action: 'Choose a new password',
      footer: 'If this was not you, ignore this mail: your account stays as it is.',
    },
  },
  de: {
    verifyEmail: {
      subject: 'Bestätige deine E-Mail-Adresse für Quorum',
      body: () => 'bitte bestätige deine E-Mail-Adresse mit diesem Link (2 Tage gültig):',
      action: 'E-Mail-Adresse bestätigen',
      footer: 'Wenn du kein Konto angelegt hast, kannst du diese Mail ignorieren.',
    },
    resetPassword: {
      subject: 'Dein Quorum-Passwort zurücksetzen',
      body: () =>
        'jemand möchte das Passwort deines Kontos zurücksetzen. Ein neues Passwort wählst du über diesen Link (60 Minuten gültig):',
      action: 'Neues Passwort wählen',
      footer: 'Warst du das nicht, ignoriere diese Mail: dein Passwort bleibt, wie es ist.',
    },
    changeEmail: {
      subject: 'Bestätige deine neue E-Mail-Adresse für Quorum',
      body: () => 'um diese Adresse künftig für dein Quorum-Konto zu nutzen, öffne diesen Link (2 Tage gültig):',
      action: 'Neue Adresse bestätigen',
      footer: 'Hast du diese Änderung nicht angefordert, ignoriere diese Mail: es ändert sich nichts.',
    },
    emailChanged: {
      subject: 'Die E-Mail-Adresse deines Quorum-Kontos wurde geändert',
      body: (newEmail) =>
        `dein Quorum-Konto nutzt jetzt die Adresse ${newEmail}. Mit dieser Adresse meldest du dich nicht mehr an, und alle anderen Geräte wurden abgemeldet. Hier meldest du dich an:`,
      action: 'Anmelden',
      footer: 'Hast du diese Änderung nicht selbst vorgenommen, wende dich sofort an den Betreiber dieser Quorum-Seite.',
    },
    emailInUse: {
      subject: 'Jemand wollte deine Adresse für Quorum nutzen',
      body: () =>
        'jemand wollte ein anderes Quorum-Konto auf diese Adresse umstellen. Sie gehört schon zu deinem Konto, darum hat sich nichts geändert. Falls du dein Passwort vergessen hast, wählst du hier ein neues:',
      action: 'Neues Passwort wählen',
      footer: 'Warst du das nicht, ignoriere diese Mail: dein Konto bleibt, wie es ist.',
    },
  },
};

/** Characters that would break a name out of its line or reorder what follows it. */
const lineBreaking = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]+/gu;
const quotes: Record<Locale, [string, string]> = { en: ['“', '”'], de: ['„', '“'] };
const MAIL_NAME_MAX = 80;

/**
 * A display name as a mail shows it: someone typed it, so it stays on one line, within
 * 80 characters, inside quotation marks — a quoted name, never a sentence that reads as
 * ours ("Your account is suspended, verify at …"). Older names may predate the schema's
 * rule against line breaks, so the mail does not rely on it.
 */
export function mailName(name: string, locale: Locale): string {
  const oneLine = name.replace(lineBreaking, ' ').replace(/\s+/g, ' ').trim();
  const characters = [...oneLine];
  const short = characters.length > MAIL_NAME_MAX ? `${characters.slice(0, MAIL_NAME_MAX - 1).join('').trimEnd()}…` : oneLine;
  const [open, close] = quotes[locale];
  return `${open}${short}${close}`;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function composeAccountMail(
  kind: AccountMailKind,
  recipient: { to: string; displayName: string; locale: Locale },
  url: string,
  detail = '',
): MailMessage {
  const text = messages[recipient.locale][kind];
  const greeting = greetings[recipient.locale](mailName(recipient.displayName, recipient.locale));
  const body = text.body(detail);
  return {
    to: recipient.to,
    subject: text.subject,
    text: `${greeting}\n\n${body}\n\n${url}\n\n${text.footer}\n`,
    html: [
      `<!doctype html><html lang="${recipient.locale}"><body style="font-family: sans-serif">`,
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(body)}</p>`,
      `<p><a href="${escapeHtml(url)}">${escapeHtml(text.action)}</a></p>`,
      `<p style="color: #555">${escapeHtml(text.footer)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}
