import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import { zonedToUtc } from '@quorum/domain/shared/time-zone';
import type { SurveyIssue } from '@quorum/domain/surveys/survey-issues';
import { anonymityModes, type AnonymityMode, type LifecycleAction } from '@quorum/domain/surveys/survey-lifecycle';
import type { SurveyListItem } from '@quorum/domain/surveys/survey-use-cases';
import { useTRPC, useTRPCClient } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { SelectField, TextField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';
import { List, ListItem } from '../../ui/list';
import { Page } from '../../ui/page';
import { QueryState } from '../layout/query-state';
import { nextPage, PagedList } from '../lists/paged-list';
import { useCommunity } from '../communities/use-community';
import { issueText, serverIssues } from './survey-issues';
import { localText, statusTone } from './survey-text';

/** A community's surveys: members see the opened ones and answer; staff upload, export and run them. */
export function CommunitySurveysPage() {
  const { page } = useCommunity();
  return <QueryState query={page}>{(data) => <SurveysView data={data} />}</QueryState>;
}

function SurveysView({ data }: { data: CommunityPage }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { community } = data;
  const surveys = useInfiniteQuery(trpc.surveys.list.infiniteQueryOptions({ communityId: community.id }, nextPage));
  const canManage = surveys.data?.pages[0]?.canManage ?? false;
  return (
    <Page title={t('surveys.list.title')} eyebrow={<Link to={`/c/${community.slug}`}>← {community.name}</Link>}>
      {canManage && <UploadCard communityId={community.id} />}
      <Card>
        <PagedList query={surveys} empty={<EmptyState title={t('surveys.list.empty')} />}>
          {(items) => (
            <List label={t('surveys.list.title')}>
              {items.map((item) => (
                <SurveyRow key={item.survey.id} item={item} canManage={canManage} timeZone={community.timeZone} />
              ))}
            </List>
          )}
        </PagedList>
      </Card>
    </Page>
  );
}

function useRefreshSurveys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.surveys.pathKey() });
}

function IssueList({ issues }: { issues: readonly SurveyIssue[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {issues.map((issue, index) => (
        <li key={index}>
          {issueText(t, issue)}
          {issue.path.length > 0 && <span className="muted"> — {t('surveys.list.at', { path: issue.path.join(' › ') })}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Staff create a survey by uploading its JSON definition; problems are listed with where they are. */
function UploadCard({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshSurveys();
  const [file, setFile] = useState<File | null>(null);
  const [anonymity, setAnonymity] = useState<AnonymityMode>('identified');
  const [missingFile, setMissingFile] = useState(false);
  const create = useMutation(trpc.surveys.create.mutationOptions({ onSuccess: refresh }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissingFile(file === null);
    if (!file) return;
    create.mutate({ communityId, anonymity, definition: await file.text() });
  };
  const issues = serverIssues(create.error);
  return (
    <Card title={t('surveys.list.upload')}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('surveys.list.file')}
          hint={t('surveys.list.fileHint')}
          type="file"
          accept="application/json,.json"
          error={missingFile ? t('surveys.list.chooseFile') : undefined}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <SelectField
          label={t('surveys.list.anonymity')}
          value={anonymity}
          hint={t(`surveys.staffExplain.${anonymity}`)}
          onChange={(event) => setAnonymity(event.target.value as AnonymityMode)}
          options={anonymityModes.map((mode) => ({ value: mode, label: t(`surveys.mode.${mode}`) }))}
        />
        {create.isError && (
          <Alert tone="danger">
            {t(errorKey(create.error))}
            {issues.length > 0 && (
              <>
                {' '}
                {t('surveys.list.problems')}
                <IssueList issues={issues} />
              </>
            )}
          </Alert>
        )}
        {create.isSuccess && <Alert tone="success">{t('surveys.list.created')}</Alert>}
        <div className="row">
          <Button type="submit" busy={create.isPending}>
            {t('surveys.list.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SurveyRow({ item, canManage, timeZone }: { item: SurveyListItem; canManage: boolean; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { survey, status } = item;
  const at = (date: Date) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  return (
    <ListItem
      title={localText(item.title)}
      meta={
        <span className="row">
          <Badge tone={statusTone[status]}>{t(`surveys.status.${status}`)}</Badge>
          <span>{t(`surveys.mode.${survey.anonymity}`)}</span>
          <span>{t('surveys.list.responses', { count: item.responses })}</span>
          {status === 'scheduled' && survey.opensAt && <span>{t('surveys.list.opens', { at: at(survey.opensAt) })}</span>}
          {status === 'open' && survey.closesAt && <span>{t('surveys.list.closes', { at: at(survey.closesAt) })}</span>}
        </span>
      }
      actions={
        <>
          {status === 'open' && (
            <ButtonLink to={`/surveys/${survey.id}`} size="small" variant={canManage ? 'secondary' : 'primary'}>
              {t('surveys.list.answer')}
            </ButtonLink>
          )}
          {canManage && <StaffActions item={item} timeZone={timeZone} />}
        </>
      }
    />
  );
}

/** Export and the lifecycle steps the survey's status allows now; times entered in the community's zone. */
function StaffActions({ item, timeZone }: { item: SurveyListItem; timeZone: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const refresh = useRefreshSurveys();
  const [scheduling, setScheduling] = useState(false);
  const change = useMutation(trpc.surveys.changeLifecycle.mutationOptions({ onSuccess: refresh }));
  const exportFile = useMutation({
    mutationFn: () => client.surveys.exportDefinition.query({ surveyId: item.survey.id }),
    onSuccess: ({ fileName, json }) => {
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      URL.revokeObjectURL(url);
    },
  });
  const run = (action: LifecycleAction) => change.mutate({ surveyId: item.survey.id, change: action });
  const schedule = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const opens = String(form.get('opensAt') ?? '');
    const closes = String(form.get('closesAt') ?? '');
    if (!opens) return;
    run({ action: 'schedule', opensAt: zonedToUtc(opens, timeZone), closesAt: closes ? zonedToUtc(closes, timeZone) : null });
  };
  const { status } = item;
  return (
    <div className="stack stack--tight">
      <div className="row">
        <Button size="small" variant="secondary" busy={exportFile.isPending} onClick={() => exportFile.mutate()}>
          {t('surveys.list.export')}
        </Button>
        {(status === 'draft' || status === 'scheduled') && (
          <>
            <Button size="small" busy={change.isPending} onClick={() => run({ action: 'open' })}>
              {t('surveys.list.open')}
            </Button>
            <Button size="small" variant="secondary" onClick={() => setScheduling(!scheduling)} aria-expanded={scheduling}>
              {t('surveys.list.schedule')}
            </Button>
          </>
        )}
        {status === 'scheduled' && (
          <Button size="small" variant="secondary" onClick={() => run({ action: 'unschedule' })}>
            {t('surveys.list.unschedule')}
          </Button>
        )}
        {status === 'open' && (
          <Button size="small" variant="secondary" busy={change.isPending} onClick={() => run({ action: 'close' })}>
            {t('surveys.list.close')}
          </Button>
        )}
        {status === 'closed' && (
          <Button size="small" variant="secondary" busy={change.isPending} onClick={() => run({ action: 'archive' })}>
            {t('surveys.list.archive')}
          </Button>
        )}
      </div>
      {scheduling && (
        <form className="stack stack--tight" onSubmit={schedule}>
          <TextField label={t('surveys.list.opensAt', { zone: timeZone })} type="datetime-local" name="opensAt" required />
          <TextField label={t('surveys.list.closesAt', { zone: timeZone })} type="datetime-local" name="closesAt" />
          <div className="row">
            <Button type="submit" size="small" busy={change.isPending}>
              {t('surveys.list.schedule')}
            </Button>
          </div>
        </form>
      )}
      {(change.error ?? exportFile.error) && <Alert tone="danger">{t(errorKey(change.error ?? exportFile.error))}</Alert>}
    </div>
  );
}
