import { createBrowserRouter } from 'react-router';
import { AppShell } from './features/layout/app-shell';
import { NotFoundPage } from './features/layout/not-found-page';
import { RouteError } from './features/layout/route-error';
import { Loading } from './ui/spinner';

/**
 * Paths match @quorum/domain/shared/links (appPaths), which the server's mails use.
 * Each area loads on first visit, so the first page ships only the shell and its page.
 */
export const appRouter = createBrowserRouter([
  {
    element: <AppShell />,
    errorElement: <RouteError />,
    HydrateFallback: Loading,
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('./features/communities/directory-page')).DirectoryPage,
        }),
      },
      {
        path: 'sign-in',
        lazy: async () => ({
          Component: (await import('./features/auth/sign-in-page')).SignInPage,
        }),
      },
      {
        path: 'sign-up',
        lazy: async () => ({
          Component: (await import('./features/auth/sign-up-page')).SignUpPage,
        }),
      },
      {
        path: 'setup',
        lazy: async () => ({ Component: (await import('./features/auth/setup-page')).SetupPage }),
      },
      {
        path: 'verify-email',
        lazy: async () => ({
          Component: (await import('./features/auth/verify-email-page')).VerifyEmailPage,
        }),
      },
      {
        path: 'forgot-password',
        lazy: async () => ({
          Component: (await import('./features/auth/forgot-password-page')).ForgotPasswordPage,
        }),
      },
      {
        path: 'reset-password',
        lazy: async () => ({
          Component: (await import('./features/auth/reset-password-page')).ResetPasswordPage,
        }),
      },
      {
        path: 'account',
        lazy: async () => ({
          Component: (await import('./features/account/account-page')).AccountPage,
        }),
      },
      {
        path: 'confirm-email',
        lazy: async () => ({
          Component: (await import('./features/account/confirm-email-page')).ConfirmEmailPage,
        }),
      },
      {
        path: 'communities/new',
        lazy: async () => ({
          Component: (await import('./features/communities/create-community-page'))
            .CreateCommunityPage,
        }),
      },
      {
        path: 'c/:slug',
        lazy: async () => ({
          Component: (await import('./features/communities/community-page')).CommunityPage,
        }),
      },
      {
        path: 'c/:slug/members',
        lazy: async () => ({
          Component: (await import('./features/communities/members-page')).MembersPage,
        }),
      },
      {
        path: 'c/:slug/settings',
        lazy: async () => ({
          Component: (await import('./features/communities/community-settings-page'))
            .CommunitySettingsPage,
        }),
      },
      {
        path: 'c/:slug/invitations',
        lazy: async () => ({
          Component: (await import('./features/invitations/invitations-page')).InvitationsPage,
        }),
      },
      {
        path: 'c/:slug/profile',
        lazy: async () => ({
          Component: (await import('./features/profile/profile-page')).ProfilePage,
        }),
      },
      {
        path: 'c/:slug/attributes',
        lazy: async () => ({
          Component: (await import('./features/profile/attributes-page')).AttributesPage,
        }),
      },
      {
        path: 'c/:slug/categories',
        lazy: async () => ({
          Component: (await import('./features/discussions/categories-page')).CategoriesPage,
        }),
      },
      {
        path: 'c/:slug/categories/:categoryId',
        lazy: async () => ({
          Component: (await import('./features/discussions/category-page')).CategoryPage,
        }),
      },
      {
        path: 'c/:slug/new-thread',
        lazy: async () => ({
          Component: (await import('./features/discussions/new-thread-page')).NewThreadPage,
        }),
      },
      {
        path: 'c/:slug/t/:threadId',
        lazy: async () => ({
          Component: (await import('./features/discussions/thread-page')).ThreadPage,
        }),
      },
      {
        path: 'c/:slug/members/:accountId',
        lazy: async () => ({
          Component: (await import('./features/discussions/member-page')).MemberPage,
        }),
      },
      {
        path: 'c/:slug/surveys',
        lazy: async () => ({
          Component: (await import('./features/surveys/community-surveys-page')).CommunitySurveysPage,
        }),
      },
      {
        path: 'surveys',
        lazy: async () => ({
          Component: (await import('./features/surveys/surveys-for-me-page')).SurveysForMePage,
        }),
      },
      {
        path: 'surveys/:surveyId',
        lazy: async () => ({
          Component: (await import('./features/surveys/respond-page')).RespondPage,
        }),
      },
      {
        path: 'privacy',
        lazy: async () => ({
          Component: (await import('./features/policies/privacy-notice-page')).PrivacyNoticePage,
        }),
      },
      {
        path: 'terms',
        lazy: async () => ({
          Component: (await import('./features/policies/privacy-notice-page')).TermsPage,
        }),
      },
      {
        path: 'privacy-center',
        lazy: async () => ({
          Component: (await import('./features/privacy/privacy-center-page')).PrivacyCenterPage,
        }),
      },
      {
        path: 'account-deleted',
        lazy: async () => ({
          Component: (await import('./features/privacy/account-deleted-page')).AccountDeletedPage,
        }),
      },
      {
        path: 'admin',
        lazy: async () => ({
          Component: (await import('./features/admin/admin-layout')).AdminLayout,
        }),
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('./features/admin/records-page')).RecordsPage,
            }),
          },
          {
            path: 'policies',
            lazy: async () => ({
              Component: (await import('./features/admin/policies-page')).PoliciesPage,
            }),
          },
          {
            path: 'settings',
            lazy: async () => ({
              Component: (await import('./features/admin/settings-page')).SettingsPage,
            }),
          },
          {
            path: 'requests',
            lazy: async () => ({
              Component: (await import('./features/admin/requests-page')).RequestsPage,
            }),
          },
          {
            path: 'audit',
            lazy: async () => ({
              Component: (await import('./features/admin/audit-page')).AuditPage,
            }),
          },
        ],
      },
      {
        path: 'invite/:token',
        lazy: async () => ({
          Component: (await import('./features/invitations/invitation-page')).InvitationPage,
        }),
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
