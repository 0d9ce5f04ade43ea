import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SurveyIssue } from '@quorum/domain/surveys/survey-issues';
import type { RespondentView } from '@quorum/domain/surveys/survey-use-cases';
import {
  canGoBack,
  currentEnding,
  currentPage,
  goBack,
  goNext,
  progress,
  respondentKey,
  resumeRun,
  setAnswer,
  startRun,
  submission,
  type RunContext,
  type RunState,
} from '@quorum/domain/surveys/survey-runner';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button-base';
import { Card } from '../../ui/card';
import { errorKey } from '../../ui/form-errors';
import { Page } from '../../ui/page';
import { ProgressBar } from '../../ui/progress';
import { QuestionField } from './question-field';
import { useRespondEnv } from './respond-env';
import { issuesByQuestion, serverIssues } from './survey-issues';
import { forgetDeviceProgress, readDeviceProgress, writeDeviceProgress } from './device-progress';

/**
 * The respondent page's content, the same in the shell (respond-page.tsx) and in the light
 * respondent entry (respond-main.tsx): the anonymity promise before starting, the research
 * consent asked in place, then one page at a time (the engine decides what comes next, the
 * server checks it all again). Texts, language and links come from the RespondEnv around
 * it, so it imports neither i18next nor react-router.
 */
export function Respondent({ view, accountId }: { view: RespondentView; accountId: string }) {
  const { t, locale, link: Link } = useRespondEnv();
  const title = view.definition.title[locale] ?? view.definition.title[view.community.defaultLocale] ?? view.definition.title.de ?? view.definition.title.en ?? '';
  const at = (date: Date | null) =>
    date ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: view.community.timeZone }).format(date) : '';
  const back = (
    <Link to="/surveys">← {t('surveys.respond.backToList')}</Link>
  );
  let body;
  if (view.finished) body = <Alert tone="success">{t('surveys.respond.done')}</Alert>;
  else if (view.status === 'scheduled') body = <Alert tone="info">{t('surveys.respond.notYetOpen', { at: at(view.survey.opensAt) })}</Alert>;
  else if (view.status !== 'open') body = <Alert tone="info">{t('surveys.respond.notOpen')}</Alert>;
  else if (view.consent) body = <ConsentStep consent={view.consent} />;
  else body = <Runner view={view} accountId={accountId} />;
  return (
    <Page title={title} eyebrow={back} width="narrow" description={<Link to={`/c/${view.community.slug}`}>{view.community.name}</Link>}>
      {body}
    </Page>
  );
}

/** The research consent, asked where it is needed, with its text; declining is a real choice. */
function ConsentStep({ consent }: { consent: NonNullable<RespondentView['consent']> }) {
  const { t, locale, link: Link } = useRespondEnv();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [declined, setDeclined] = useState(false);
  const decide = useMutation(
    trpc.consent.decide.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.surveys.respondent.pathKey() }) }),
  );
  const text = consent.purpose.texts[locale] ?? consent.purpose.texts.en;
  return (
    <Card title={t('surveys.respond.consentTitle')}>
      <div className="stack">
        <p>{t('surveys.respond.consentLead')}</p>
        <PlainPolicyText body={consent.text.body} />
        {decide.error && <Alert tone="danger">{t(errorKey(decide.error))}</Alert>}
        {declined ? (
          <Alert tone="info">
            {t('surveys.respond.declined')} <Link to="/privacy-center">{text.title}</Link>
          </Alert>
        ) : (
          <div className="row">
            <Button
              busy={decide.isPending}
              onClick={() =>
                decide.mutate({
                  communityId: null,
                  channel: 'prompt',
                  decisions: [{ purposeId: consent.purpose.id, action: 'grant', policyTextId: consent.text.id, textHash: consent.text.bodyHash }],
                })
              }
            >
              {t('surveys.respond.consentAgree')}
            </Button>
            <Button variant="secondary" onClick={() => setDeclined(true)}>
              {t('surveys.respond.consentDecline')}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}

/**
 * A consent text as plain paragraphs and lists (its Markdown is simple: a heading, a
 * paragraph, a list). Text nodes only — nothing is interpreted as HTML — and no Markdown
 * library on this page.
 */
function PlainPolicyText({ body }: { body: string }) {
  const blocks = body.split(/\n{2,}/).map((block) => block.trim()).filter(Boolean);
  return (
    <div className="survey__consent-text">
      {blocks.map((block, index) => {
        if (block.startsWith('# ')) return <h2 key={index} className="card__title">{block.slice(2)}</h2>;
        const lines = block.split('\n');
        if (lines.every((line) => line.startsWith('- ')))
          return (
            <ul key={index}>
              {lines.map((line) => (
                <li key={line}>{line.slice(2)}</li>
              ))}
            </ul>
          );
        return <p key={index}>{block}</p>;
      })}
    </div>
  );
}

function Runner({ view, accountId }: { view: RespondentView; accountId: string }) {
  const { t, locale } = useRespondEnv();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const anonymous = view.survey.anonymity === 'anonymous';
  // Anonymous: progress and the key seeding the option order live on this device only.
  const [device] = useState(() => (anonymous ? readDeviceProgress(view.survey.id, view.version) : null));
  const ctx: RunContext = useMemo(
    () => ({
      definition: view.definition,
      attributes: view.attributes,
      respondentKey: respondentKey({ surveyId: view.survey.id, anonymity: view.survey.anonymity, accountId, deviceKey: device?.key ?? '' }),
      locale,
      fallback: view.community.defaultLocale,
    }),
    [view, locale, accountId, device],
  );
  const [state, setState] = useState<RunState | null>(() => device?.state ?? null);
  const [issues, setIssues] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  const saveProgress = useMutation(trpc.surveys.saveProgress.mutationOptions());
  const submit = useMutation(
    trpc.surveys.submit.mutationOptions({
      onSuccess: () => {
        if (anonymous) forgetDeviceProgress(view.survey.id);
        void queryClient.invalidateQueries({ queryKey: trpc.surveys.forMe.pathKey() });
      },
    }),
  );

  // A new page (or the end) moves the focus to its heading, so screen readers start there.
  useEffect(() => {
    heading.current?.focus();
  }, [state?.page, state?.finished]);

  if (state === null) {
    const resume = view.saved !== null;
    return (
      <Card title={t(`surveys.mode.${view.survey.anonymity}`)}>
        <div className="stack">
          <p>{t(`surveys.explain.${view.survey.anonymity}`)}</p>
          <div className="row">
            <Button onClick={() => setState(resume ? resumeRun(ctx, view.saved!.answers) : startRun(ctx))}>
              {resume ? t('surveys.respond.resume') : t('surveys.respond.start')}
            </Button>
          </div>
        </div>
      </Card>
    );
  }

  const showIssues = (found: readonly SurveyIssue[]) => setIssues(issuesByQuestion(t, found));
  const failure = submit.error ?? saveProgress.error;

  if (state.finished && submit.isSuccess) {
    const ending = currentEnding(ctx, state);
    return (
      <Card>
        <div className="stack" aria-live="polite">
          <h2 className="card__title survey__page-title" tabIndex={-1} ref={heading}>
            {ending?.title || t('surveys.respond.thanks')}
          </h2>
          {ending?.text && <p>{ending.text}</p>}
          <ProgressBar value={100} label={t('surveys.respond.progress', { current: state.history.length, total: state.history.length })} />
        </div>
      </Card>
    );
  }

  const page = currentPage(ctx, state);
  const step = progress(ctx, state);
  const update = (next: RunState) => {
    setState(next);
    if (device) writeDeviceProgress(view.survey.id, view.version, { key: device.key, state: next });
  };
  const next = () => {
    const result = goNext(ctx, state);
    if (!result.ok) {
      showIssues(result.issues);
      return;
    }
    setIssues({});
    const answers = submission(ctx, result.state);
    if (result.state.finished) {
      submit.mutate(
        { surveyId: view.survey.id, anonymity: view.survey.anonymity, answers, version: view.version },
        {
          onSuccess: () => setState(result.state),
          onError: (error) => showIssues(serverIssues(error)),
        },
      );
      return;
    }
    update(result.state);
    if (!anonymous)
      saveProgress.mutate({
        surveyId: view.survey.id,
        anonymity: view.survey.anonymity,
        answers,
        pageId: result.state.page,
      });
  };
  const lastPage = (() => {
    const trial = goNext(ctx, state);
    return trial.ok && trial.state.finished;
  })();

  return (
    <form
      className="stack survey"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        next();
      }}
    >
      {view.definition.settings.showProgress && (
        <ProgressBar
          value={step.fraction * 100}
          label={t('surveys.respond.progress', { current: Math.min(step.current + 1, step.total), total: step.total })}
        />
      )}
      {page && (
        <Card>
          <div className="stack">
            <h2 className="card__title survey__page-title" tabIndex={-1} ref={heading}>
              {page.title || t('surveys.respond.progress', { current: Math.min(step.current + 1, step.total), total: step.total })}
            </h2>
            {page.description && <p>{page.description}</p>}
            {page.questions.map((rendered) => (
              <QuestionField
                key={rendered.question.id}
                rendered={rendered}
                error={issues[rendered.question.id]}
                onChange={(value) => update(setAnswer(state, rendered.question.id, value))}
              />
            ))}
          </div>
        </Card>
      )}
      {Object.keys(issues).length > 0 && <Alert tone="danger">{t('surveys.respond.fixProblems')}</Alert>}
      {failure && Object.keys(issues).length === 0 && <Alert tone="danger">{t(errorKey(failure))}</Alert>}
      <div className="row survey__nav">
        {canGoBack(ctx, state) && (
          <Button type="button" variant="secondary" onClick={() => update(goBack(ctx, state))}>
            {t('surveys.respond.back')}
          </Button>
        )}
        <Button type="submit" busy={submit.isPending}>
          {lastPage ? t('surveys.respond.submit') : t('surveys.respond.next')}
        </Button>
      </div>
      <p className="muted" role="status">
        {saveProgress.isSuccess ? t('surveys.respond.saved') : anonymous && state.history.length > 0 ? t('surveys.respond.savedOnDevice') : ''}
      </p>
    </form>
  );
}

