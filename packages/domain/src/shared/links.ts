/**
 * The paths of the web app that emails and invitations link to: one definition, so the
 * server's links and the web's routes cannot drift apart. Tokens are base64url.
 */
export const appPaths = {
  home: '/',
  signIn: '/sign-in',
  signUp: '/sign-up',
  forgotPassword: '/forgot-password',
  setup: (token: string) => `/setup?token=${token}`,
  verifyEmail: (token: string) => `/verify-email?token=${token}`,
  confirmEmailChange: (token: string) => `/confirm-email?token=${token}`,
  resetPassword: (token: string) => `/reset-password?token=${token}`,
  invitation: (token: string) => `/invite/${token}`,
  community: (slug: string) => `/c/${slug}`,
} as const;
