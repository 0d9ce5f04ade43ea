import type { Locale } from '@quorum/domain/shared/locale';
import type { MailMessage } from './mailer.js';

export type AccountMailKind = 'verifyEmail' | 'resetPassword' | 'changeEmail';

interface MailText {
  subject: string;
  greeting: (name: string) => string;
  body: string;
  action: string;
  footer: string;
}

/** The server's only user-facing texts: the mails it sends, per locale. */
const messages: Record<Locale, Record<AccountMailKind, MailText>> = {
  en: {
    verifyEmail: {
      subject: 'Confirm your email address for Quorum',
      greeting: (name) => `Hello ${name},`,
      body: 'please confirm your email address by opening this link (valid for 2 days):',
      action: 'Confirm email address',
      footer: 'If you did not create an account, you can ignore this mail.',
    },
    resetPassword: {
      subject: 'Reset your Quorum password',
      greeting: (name) => `Hello ${name},`,
      body: 'someone asked to reset the password of your account. To choose a new password, open this link (valid for 60 minutes):',
      action: 'Choose a new password',
      footer: 'If this was not you, ignore this mail: your password stays as it is.',
    },
    changeEmail: {
      subject: 'Confirm your new email address for Quorum',
      greeting: (name) => `Hello ${name},`,
      body: 'to use this address for your Quorum account from now on, open this link (valid for 2 days):',
      action: 'Confirm new address',
      footer: 'If you did not ask for this change, ignore this mail: nothing changes.',
    },
  },
  de: {
    verifyEmail: {
      subject: 'Bestätige deine E-Mail-Adresse für Quorum',
      greeting: (name) => `Hallo ${name},`,
      body: 'bitte bestätige deine E-Mail-Adresse mit diesem Link (2 Tage gültig):',
      action: 'E-Mail-Adresse bestätigen',
      footer: 'Wenn du kein Konto angelegt hast, kannst du diese Mail ignorieren.',
    },
    resetPassword: {
      subject: 'Dein Quorum-Passwort zurücksetzen',
      greeting: (name) => `Hallo ${name},`,
      body: 'jemand möchte das Passwort deines Kontos zurücksetzen. Ein neues Passwort wählst du über diesen Link (60 Minuten gültig):',
      action: 'Neues Passwort wählen',
      footer: 'Warst du das nicht, ignoriere diese Mail: dein Passwort bleibt, wie es ist.',
    },
    changeEmail: {
      subject: 'Bestätige deine neue E-Mail-Adresse für Quorum',
      greeting: (name) => `Hallo ${name},`,
      body: 'um diese Adresse künftig für dein Quorum-Konto zu nutzen, öffne diesen Link (2 Tage gültig):',
      action: 'Neue Adresse bestätigen',
      footer: 'Hast du diese Änderung nicht angefordert, ignoriere diese Mail: es ändert sich nichts.',
    },
  },
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function composeAccountMail(
  kind: AccountMailKind,
  recipient: { to: string; displayName: string; locale: Locale },
  url: string,
): MailMessage {
  const text = messages[recipient.locale][kind];
  const greeting = text.greeting(recipient.displayName);
  return {
    to: recipient.to,
    subject: text.subject,
    text: `${greeting}\n\n${text.body}\n\n${url}\n\n${text.footer}\n`,
    html: [
      `<!doctype html><html lang="${recipient.locale}"><body style="font-family: sans-serif">`,
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(text.body)}</p>`,
      `<p><a href="${escapeHtml(url)}">${escapeHtml(text.action)}</a></p>`,
      `<p style="color: #555">${escapeHtml(text.footer)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}
