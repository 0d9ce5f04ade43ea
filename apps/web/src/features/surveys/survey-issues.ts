import type { SurveyIssue } from '@quorum/domain/surveys/survey-issues';
import type { Translate } from './respond-env';

/** The issues a survey error carries (SURVEY_ANSWER_INVALID, SURVEY_DEFINITION_INVALID), if any. */
export function serverIssues(error: unknown): SurveyIssue[] {
  const issues = (error as { data?: { details?: { issues?: unknown } } } | null)?.data?.details?.issues;
  return Array.isArray(issues) ? (issues as SurveyIssue[]) : [];
}

/** One issue in words (`validation.<code>` with its parameters); an unknown code as itself. */
export function issueText(t: Translate, issue: Pick<SurveyIssue, 'code' | 'params'>): string {
  return String(t(`validation.${issue.code}`, { ...issue.params, defaultValue: issue.code }));
}

/** Issues by question id (path `['answers', id]`), first one each. */
export function issuesByQuestion(t: Translate, issues: readonly SurveyIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const id = issue.path[0] === 'answers' ? String(issue.path[1]) : undefined;
    if (id && !(id in out)) out[id] = issueText(t, issue);
  }
  return out;
}
