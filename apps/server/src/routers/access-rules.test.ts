import { describe, expect, it } from 'vitest';
import type { AnyProcedure } from '@trpc/server';
import type { ProcedureMeta } from '../trpc.js';
import { appRouter } from './_app.js';

// At runtime `_def.procedures` is flat, keyed by dotted path; its type mirrors the nesting.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

describe('every procedure declares who may call it and what it accepts', () => {
  it('finds the procedures of the contract', () => {
    expect(procedures.map(([path]) => path).sort()).toEqual(
      [
        'auth.me', 'auth.signUp', 'auth.signIn', 'auth.signOut', 'auth.verifyEmail', 'auth.resendVerification',
        'auth.requestPasswordReset', 'auth.resetPassword', 'auth.completeSetup',
        'account.update', 'account.changePassword', 'account.requestEmailChange', 'account.confirmEmailChange',
        'communities.list', 'communities.bySlug', 'communities.create', 'communities.update', 'communities.join',
        'communities.leave', 'communities.requestToJoin', 'communities.joinRequests', 'communities.decideJoinRequest',
        'communities.members', 'communities.memberSummary', 'communities.changeRole', 'communities.removeMember',
        'invitations.create', 'invitations.list', 'invitations.revoke', 'invitations.preview', 'invitations.accept',
        'communities.joinRequirements', 'instance.settings', 'instance.mailDelivery',
        'policies.current', 'policies.versions', 'policies.publish',
        'consent.signUpTexts', 'consent.overview', 'consent.decide', 'consent.pending',
        'privacy.center', 'privacy.requestExport', 'privacy.deleteAccount',
        'profile.attributes', 'profile.saveAttribute', 'profile.deleteAttribute', 'profile.mine', 'profile.saveMine',
        'profile.targetingPreview', 'members.details', 'purposes.list', 'purposes.add',
        'profile.owed',
        'admin.saveSettings', 'admin.recordsOfProcessing', 'admin.auditLog', 'admin.findAccount', 'admin.requestExport',
        'admin.eraseAccount', 'admin.confirmLegalTextsReviewed', 'admin.setupSteps',
        'discussions.categories', 'discussions.createCategory', 'discussions.updateCategory', 'discussions.reorderCategories',
        'discussions.archiveCategory', 'discussions.threads', 'discussions.thread', 'discussions.createThread',
        'discussions.reply', 'discussions.editPost', 'discussions.deletePost', 'discussions.postHistory',
        'discussions.pinThread', 'discussions.lockThread', 'discussions.moveThread', 'discussions.markRead',
        'discussions.member', 'discussions.memberThreads', 'discussions.memberReplies',
        'surveys.create', 'surveys.update', 'surveys.changeLifecycle', 'surveys.exportDefinition', 'surveys.forStaff',
        'surveys.list', 'surveys.forMe', 'surveys.respondent', 'surveys.saveProgress', 'surveys.submit',
      ].sort(),
    );
  });

  it.each(procedures)('%s has meta.access and an input parser', (_path, procedure) => {
    const meta = procedure._def.meta as ProcedureMeta | undefined;
    expect(['public', 'signedIn', 'admin']).toContain(meta?.access);
    expect(procedure._def.inputs.length).toBeGreaterThan(0);
  });
});
