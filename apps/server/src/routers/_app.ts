import { accountRouter } from './account.js';
import { adminRouter } from './admin.js';
import { authRouter } from './auth.js';
import { communitiesRouter } from './communities.js';
import { consentRouter } from './consent.js';
import { discussionsRouter } from './discussions.js';
import { instanceRouter } from './instance.js';
import { invitationsRouter } from './invitations.js';
import { membersRouter } from './members.js';
import { policiesRouter } from './policies.js';
import { privacyRouter } from './privacy.js';
import { profileRouter } from './profile.js';
import { purposesRouter } from './purposes.js';
import { surveysRouter } from './surveys.js';
import { router } from '../trpc.js';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  communities: communitiesRouter,
  invitations: invitationsRouter,
  instance: instanceRouter,
  policies: policiesRouter,
  purposes: purposesRouter,
  consent: consentRouter,
  privacy: privacyRouter,
  profile: profileRouter,
  members: membersRouter,
  admin: adminRouter,
  discussions: discussionsRouter,
  surveys: surveysRouter,
});

export type AppRouter = typeof appRouter;
