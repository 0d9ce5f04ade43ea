import { accountRouter } from './account.js';
import { authRouter } from './auth.js';
import { communitiesRouter } from './communities.js';
import { invitationsRouter } from './invitations.js';
import { router } from '../trpc.js';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  communities: communitiesRouter,
  invitations: invitationsRouter,
});

export type AppRouter = typeof appRouter;
