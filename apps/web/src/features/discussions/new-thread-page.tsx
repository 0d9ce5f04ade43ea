import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import type { Viewer } from '@quorum/domain/communities/permissions';
import { createThreadInputSchema, THREAD_TITLE_MAX } from '@quorum/domain/threads/thread';
import { useTRPC } from '../../trpc';
import { Button, ButtonLink } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { SelectField, TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { Page } from '../../ui/page';
import { allowed, useCommunity } from '../communities/use-community';
import { QueryState } from '../layout/query-state';
import { discussionPaths } from './discussion-format';
import { PostBodyField } from './post-body-field';
import './discussions.css';
import './texts';

/** Start a thread: where (a category that takes one from the viewer), a title, the first post. */
export function NewThreadPage() {
  const { page, viewer } = useCommunity();
  return (
    <QueryState query={page}>{(data) => <NewThreadView data={data} viewer={viewer} />}</QueryState>
  );
}

function NewThreadView({ data, viewer }: { data: CommunityPage; viewer: Viewer }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { community } = data;
  const categories = useQuery(
    trpc.discussions.categories.queryOptions({ communityId: community.id }),
  );
  const staff = allowed(viewer, data, 'moderateDiscussions');
  return (
    <Page
      title={t('discussions.newThread.title')}
      eyebrow={<Link to={`/c/${community.slug}`}>← {community.name}</Link>}
      width="medium"
    >
      {!allowed(viewer, data, 'post') ? (
        <EmptyState
          title={t('discussions.newThread.membersOnly')}
          action={
            <ButtonLink variant="secondary" to={`/c/${community.slug}`}>
              {t('discussions.reply.toCommunity')}
            </ButtonLink>
          }
        />
      ) : (
        <QueryState query={categories}>
          {(list) => {
            const open = list.filter(
              (category) => !category.archivedAt && (!category.closedToMembers || staff),
            );
            return open.length === 0 ? (
              <EmptyState title={t('discussions.newThread.noCategory')} />
            ) : (
              <NewThreadForm
                slug={community.slug}
                categories={open.map((category) => ({ value: category.id, label: category.name }))}
              />
            );
          }}
        </QueryState>
      )}
    </Page>
  );
}

function NewThreadForm({
  slug,
  categories,
}: {
  slug: string;
  categories: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const requested = search.get('category');
  const [categoryId, setCategoryId] = useState(
    categories.some((option) => option.value === requested) ? requested! : categories[0]!.value,
  );
  const [body, setBody] = useState('');
  const form = useForm({ schema: createThreadInputSchema });
  const create = useMutation(
    trpc.discussions.createThread.mutationOptions({
      onSuccess: async ({ threadId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.discussions.pathKey() });
        void navigate(discussionPaths.thread(slug, threadId));
      },
      onError: form.fail,
    }),
  );
  return (
    <Card>
      <Form
        form={form}
        label={t('discussions.newThread.title')}
        onSubmit={(values) =>
          form.submit({ categoryId, title: values.title, body }, (input) => create.mutate(input))
        }
      >
        <SelectField
          label={t('discussions.newThread.category')}
          name="categoryId"
          value={categoryId}
          onChange={(event) => setCategoryId(event.target.value)}
          options={categories}
          error={form.fieldError('categoryId')}
        />
        <TextField
          label={t('discussions.newThread.threadTitle')}
          name="title"
          maxLength={THREAD_TITLE_MAX}
          autoComplete="off"
          error={form.fieldError('title')}
        />
        <PostBodyField
          label={t('discussions.newThread.body')}
          value={body}
          onChange={setBody}
          error={form.fieldError('body')}
        >
          <Button type="submit" busy={create.isPending}>
            {t('discussions.newThread.submit')}
          </Button>
        </PostBodyField>
      </Form>
    </Card>
  );
}
