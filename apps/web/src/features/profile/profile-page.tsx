import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProfileAttribute, ProfileValue } from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { errorKey } from '../../ui/form-errors';
import { Page } from '../../ui/page';
import { RequireAccount } from '../auth/use-session';
import { QueryState } from '../layout/query-state';
import { useCommunity } from '../communities/use-community';
import {
  collectAnswers,
  rawFromValue,
  type AnswerProblem,
  type RawAnswer,
} from './attribute-answers';
import { AttributeFields } from './attribute-fields';
import { problemsFromServer } from './server-problems';

/** `/c/:slug/profile`: a member's answers to the community's profile questions. */
export function ProfilePage() {
  const { page } = useCommunity();
  return (
    <RequireAccount>
      {() => (
        <QueryState query={page}>
          {(data) => (
            <ProfileLoader
              communityId={data.community.id}
              name={data.community.name}
              slug={data.community.slug}
            />
          )}
        </QueryState>
      )}
    </RequireAccount>
  );
}

function ProfileLoader({
  communityId,
  name,
  slug,
}: {
  communityId: Id;
  name: string;
  slug: string;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const mine = useQuery(trpc.profile.mine.queryOptions({ communityId }));
  return (
    <Page
      title={t('profile.title')}
      eyebrow={<Link to={`/c/${slug}`}>{name}</Link>}
      description={t('profile.description')}
      width="medium"
    >
      <QueryState query={mine}>
        {({ attributes, values }) =>
          attributes.length === 0 ? (
            <Card>
              <EmptyState title={t('profile.noAttributes')}>
                {t('profile.noAttributesText')}
              </EmptyState>
            </Card>
          ) : (
            <ProfileForm communityId={communityId} attributes={attributes} values={values} />
          )
        }
      </QueryState>
      <Alert tone="info" title={t('profile.targetingTitle')}>
        <p>
          {t('profile.targetingText')}{' '}
          <Link to="/privacy-center">{t('profile.targetingLink')}</Link>
        </p>
      </Alert>
      <div>
        <ButtonLink to={`/c/${slug}`} variant="secondary">
          {t('profile.back', { name })}
        </ButtonLink>
      </div>
    </Page>
  );
}

function ProfileForm({
  communityId,
  attributes,
  values,
}: {
  communityId: Id;
  attributes: readonly ProfileAttribute[];
  values: readonly ProfileValue[];
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [raws, setRaws] = useState<Record<Id, RawAnswer>>(() =>
    Object.fromEntries(
      attributes.map((attribute) => [
        attribute.id,
        rawFromValue(attribute, values.find((value) => value.attributeId === attribute.id)?.value),
      ]),
    ),
  );
  const [problems, setProblems] = useState<Record<Id, AnswerProblem>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.profile.saveMine.mutationOptions({
      onSuccess: (answer) => {
        queryClient.setQueryData(trpc.profile.mine.queryKey({ communityId }), answer);
        setSaved(true);
      },
      onError: (error) => setProblems(problemsFromServer(error, attributes) ?? {}),
    }),
  );
  const formProblem = save.isError && !problemsFromServer(save.error, attributes);

  return (
    <Card>
      <form
        className="form"
        noValidate
        aria-label={t('profile.title')}
        onSubmit={(event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          setSaved(false);
          const { answers, problems: found } = collectAnswers(attributes, raws);
          setProblems(found);
          if (Object.keys(found).length > 0) {
            // Keyboard and screen-reader users land on the first problem.
            requestAnimationFrame(() =>
              formElement
                .querySelector<HTMLElement>(
                  '[aria-invalid="true"] input, input[aria-invalid="true"]',
                )
                ?.focus(),
            );
            return;
          }
          save.mutate({ communityId, answers });
        }}
      >
        {formProblem && <Alert tone="danger">{t(errorKey(save.error))}</Alert>}
        {saved && <Alert tone="success">{t('profile.saved')}</Alert>}
        <AttributeFields
          attributes={attributes}
          values={raws}
          problems={problems}
          onChange={(attributeId, raw) => {
            setSaved(false);
            setRaws((current) => ({ ...current, [attributeId]: raw }));
          }}
        />
        <div className="row">
          <Button type="submit" busy={save.isPending}>
            {t('profile.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
