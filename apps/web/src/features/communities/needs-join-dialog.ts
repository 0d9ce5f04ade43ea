import type { JoinRequirements } from './join-dialog';

/**
 * Whether joining asks for more than a click. Apart from the dialog, so pages can ask
 * without loading the dialog (and its Markdown renderer) for members who never join.
 */
export function needsJoinDialog(requirements: JoinRequirements | undefined): boolean {
  return (
    !!requirements &&
    (requirements.requiredAttributes.length > 0 ||
      requirements.terms !== null ||
      requirements.purposes.length > 0)
  );
}
