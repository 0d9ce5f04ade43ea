import { seedDefaultPolicyTexts } from '@quorum/domain/consent/policy-use-cases';
import type { AppServices } from '../context.js';

/** Publishes the default texts as version 1 where a document has none yet (safe to run in every process). */
export function seedPolicyTexts(services: Pick<AppServices, 'db' | 'clock' | 'newId'>): Promise<number> {
  return seedDefaultPolicyTexts((work) => services.db.unitOfWork.transaction(work), services);
}
