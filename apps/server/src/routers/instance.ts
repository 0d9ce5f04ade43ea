import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';

export const instanceRouter = router({
  /** Legal links for the footer and the minimum age for sign-up. */
  settings: publicProcedure.input(z.void()).query(({ ctx }) => ctx.db.repositories.settings.get()),
});
