import { z } from 'zod';
import { mailDelivery } from '../env.js';
import { publicProcedure, router } from '../trpc.js';

export const instanceRouter = router({
  /** Legal links for the footer and the minimum age for sign-up. */
  settings: publicProcedure.input(z.void()).query(({ ctx }) => ctx.db.repositories.settings.get()),
  /**
   * Whether mails leave the machine: without SMTP they go to the server log, and pages
   * must not say "we sent you a link" (members read neutral words, admins where links went).
   */
  mailDelivery: publicProcedure
    .input(z.void())
    .query(({ ctx }) => ({ delivery: mailDelivery(ctx.env) })),
});
