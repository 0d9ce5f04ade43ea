import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';
import { useMe } from '../auth/use-session';

/**
 * Which words a page uses after it asked for a mail: "sent" only when mail leaves the
 * machine. Without SMTP, members read neutral words (nothing claims a mail went out) and
 * instance admins read that mail is not set up and that the link is in the server log.
 */
export type MailWording = 'sent' | 'notSent' | 'notSentAdmin';

export function mailWording(delivery: 'smtp' | 'log' | undefined, isAdmin: boolean): MailWording {
  if (delivery !== 'log') return 'sent';
  return isAdmin ? 'notSentAdmin' : 'notSent';
}

/** The i18n key for a message about a mail: `key`, `keyNotSent` or `keyNotSentAdmin`. */
export function mailKey(key: string, wording: MailWording): string {
  if (wording === 'sent') return key;
  return wording === 'notSent' ? `${key}NotSent` : `${key}NotSentAdmin`;
}

export function useMailWording(): MailWording {
  const trpc = useTRPC();
  const mail = useQuery(trpc.instance.mailDelivery.queryOptions());
  const me = useMe();
  return mailWording(mail.data?.delivery, me.data?.account?.isInstanceAdmin ?? false);
}
