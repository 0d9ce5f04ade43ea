/** What stands where an erased member was named in someone else's words. */
export const ERASED_PERSON = '[erased]';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Someone else's text (a staff member's reason) without the erased member's email and name,
 * in any case; the name only as whole words, so "Ada" leaves "Adam" alone. The rest of the
 * words stay: what staff did and why is kept, whom it concerned is not.
 */
export function withoutPerson(text: string, person: { email: string; displayName: string }): string {
  let result = text.replace(new RegExp(escaped(person.email), 'giu'), ERASED_PERSON);
  const name = person.displayName.trim();
  if (name.length > 0) {
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped(name)}(?![\\p{L}\\p{N}])`, 'giu'), ERASED_PERSON);
  }
  return result;
}
