import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../env.js';
import type { Logger } from '../logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createSmtpMailer(smtp: SmtpSettings, from: string): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.auth,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}

/**
 * Without SMTP settings nothing can be delivered; the operator still needs the links
 * (verification, reset), so each mail goes to the log, loudly.
 */
export function createLoggingMailer(logger: Logger): Mailer {
  return {
    async send(message) {
      logger.warn(
        { mail: { to: message.to, subject: message.subject, text: message.text }, links: message.text.match(/https?:\/\/\S+/g) ?? [] },
        'SMTP is not configured (SMTP_HOST): this mail was NOT sent, it is only logged here',
      );
    },
    close: () => undefined,
  };
}
