import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import {
  CATEGORY_DESCRIPTION_MAX,
  CATEGORY_NAME_MAX,
  createCategoryInputSchema,
  updateCategoryInputSchema,
  type Category,
} from '@quorum/domain/threads/category';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog } from '../../ui/dialog';
import { CheckboxField, TextAreaField, TextField } from '../../ui/fields';
import { Form, useForm } from '../../ui/form';
import { errorKey } from '../../ui/form-errors';
import { Page } from '../../ui/page';
import { allowed, useCommunity } from '../communities/use-community';
import { NotFoundPage } from '../layout/not-found-page';
import { QueryState } from '../layout/query-state';
import { discussionPaths } from './discussion-format';
import './discussions.css';
import './texts';

/** Moderators and owners shape the discussion space: create, rename, describe, reorder, archive. */
export function CategoriesPage() {
  const { page, viewer } = useCommunity();
  return (
    <QueryState query={page}>
      {(data) =>
        allowed(viewer, data, 'manageCategories') ? (
          <CategoriesView data={data} />
        ) : (
          <NotFoundPage />
        )
      }
    </QueryState>
  );
}

function useRefreshDiscussions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.discussions.pathKey() });
}

function CategoriesView({ data }: { data: CommunityPage }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { community } = data;
  const refresh = useRefreshDiscussions();
  const categories = useQuery(
    trpc.discussions.categories.queryOptions({ communityId: community.id }),
  );
  const [editing, setEditing] = useState<Category | null>(null);
  // Said politely after a move or an archive, from a region that is always on the page.
  const [status, setStatus] = useState('');
  const reorder = useMutation(trpc.discussions.reorderCategories.mutationOptions());
  const archive = useMutation(trpc.discussions.archiveCategory.mutationOptions());
  const failed = reorder.error ?? archive.error;
  const focusAfterMove = useRef<string | null>(null);
  useEffect(() => {
    if (!focusAfterMove.current) return;
    document.getElementById(focusAfterMove.current)?.focus();
    focusAfterMove.current = null;
  }, [categories.data]);

  const move = async (list: Category[], index: number, by: -1 | 1) => {
    const ids = list.map((category) => category.id);
    const [moved] = ids.splice(index, 1);
    const to = index + by;
    ids.splice(to, 0, moved!);
    // The row moves; the keyboard stays on the same row's button (or its twin at an end)
    // once the list shows the new order.
    const atEnd = to === 0 || to === ids.length - 1;
    focusAfterMove.current = `category-${moved}-${by < 0 !== atEnd ? 'up' : 'down'}`;
    await reorder.mutateAsync({ communityId: community.id, categoryIds: ids });
    await refresh();
    setStatus(t('discussions.manage.moved', { name: list[index]!.name, position: to + 1 }));
  };

  return (
    <Page
      title={t('discussions.manage.title')}
      eyebrow={<Link to={`/c/${community.slug}`}>← {community.name}</Link>}
      description={t('discussions.manage.description')}
      width="medium"
    >
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {failed && <Alert tone="danger">{t(errorKey(failed))}</Alert>}
      <Card title={t('discussions.front.categories')}>
        <QueryState query={categories}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('discussions.front.noCategories')}</p>
            ) : (
              <ol className="manage-list">
                {list.map((category, index) => (
                  <li key={category.id} className="manage-row">
                    <div className="manage-row__text">
                      <Link to={discussionPaths.category(community.slug, category.id)}>
                        {category.name}
                      </Link>
                      <span className="row">
                        {category.archivedAt && (
                          <Badge tone="warning">{t('discussions.categories.archived')}</Badge>
                        )}
                        {category.closedToMembers && (
                          <Badge>{t('discussions.categories.closed')}</Badge>
                        )}
                        <span className="muted small">
                          {t('discussions.categories.threadCount', {
                            count: category.threadCount,
                          })}
                        </span>
                      </span>
                      {category.description && (
                        <p className="muted small">{category.description}</p>
                      )}
                    </div>
                    <div className="manage-row__actions">
                      <Button
                        id={`category-${category.id}-up`}
                        variant="ghost"
                        size="small"
                        disabled={index === 0}
                        aria-label={t('discussions.manage.moveUp', { name: category.name })}
                        onClick={() => void move(list, index, -1)}
                      >
                        ↑
                      </Button>
                      <Button
                        id={`category-${category.id}-down`}
                        variant="ghost"
                        size="small"
                        disabled={index === list.length - 1}
                        aria-label={t('discussions.manage.moveDown', { name: category.name })}
                        onClick={() => void move(list, index, 1)}
                      >
                        ↓
                      </Button>
                      <Button variant="secondary" size="small" onClick={() => setEditing(category)}>
                        {t('discussions.manage.edit')}
                      </Button>
                      <Button
                        variant="secondary"
                        size="small"
                        busy={archive.isPending && archive.variables.categoryId === category.id}
                        onClick={async () => {
                          const archived = !category.archivedAt;
                          await archive.mutateAsync({ categoryId: category.id, archived });
                          await refresh();
                          setStatus(
                            t(
                              archived
                                ? 'discussions.manage.archivedStatus'
                                : 'discussions.manage.restoredStatus',
                              { name: category.name },
                            ),
                          );
                        }}
                      >
                        {category.archivedAt
                          ? t('discussions.manage.restore')
                          : t('discussions.manage.archive')}
                      </Button>
                    </div>
                  </li>
                ))}
              </ol>
            )
          }
        </QueryState>
      </Card>
      <Card title={t('discussions.manage.create')}>
        <CreateCategoryForm communityId={community.id} onCreated={setStatus} />
      </Card>
      {editing && <EditCategoryDialog category={editing} onClose={() => setEditing(null)} />}
    </Page>
  );
}

/** Name, description and "only the team starts threads": the same fields to create and to edit. */
function CategoryFields({
  category,
  fieldError,
}: {
  category?: Category;
  fieldError: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('discussions.manage.name')}
        name="name"
        defaultValue={category?.name}
        maxLength={CATEGORY_NAME_MAX}
        autoComplete="off"
        error={fieldError('name')}
      />
      <TextAreaField
        label={t('discussions.manage.categoryDescription')}
        name="description"
        optional
        defaultValue={category?.description}
        maxLength={CATEGORY_DESCRIPTION_MAX}
        rows={3}
        error={fieldError('description')}
      />
      <CheckboxField
        label={t('discussions.manage.closed')}
        description={t('discussions.manage.closedHint')}
        name="closedToMembers"
        value="yes"
        defaultChecked={category?.closedToMembers}
      />
    </>
  );
}

function CreateCategoryForm({
  communityId,
  onCreated,
}: {
  communityId: string;
  onCreated: (status: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshDiscussions();
  const form = useForm({ schema: createCategoryInputSchema });
  // A new key empties the form after each category.
  const [round, setRound] = useState(0);
  const create = useMutation(
    trpc.discussions.createCategory.mutationOptions({
      onSuccess: async (category) => {
        await refresh();
        setRound((n) => n + 1);
        onCreated(t('discussions.manage.created', { name: category.name }));
      },
      onError: form.fail,
    }),
  );
  return (
    <Form
      key={round}
      form={form}
      label={t('discussions.manage.create')}
      onSubmit={(values) =>
        form.submit(
          {
            communityId,
            name: values.name,
            description: values.description ?? '',
            closedToMembers: values.closedToMembers === 'yes',
          },
          (input) => create.mutate(input),
        )
      }
    >
      <CategoryFields fieldError={form.fieldError} />
      <div className="row">
        <Button type="submit" busy={create.isPending}>
          {t('discussions.manage.createSubmit')}
        </Button>
      </div>
    </Form>
  );
}

function EditCategoryDialog({ category, onClose }: { category: Category; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshDiscussions();
  const form = useForm({ schema: updateCategoryInputSchema });
  const update = useMutation(
    trpc.discussions.updateCategory.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
      onError: form.fail,
    }),
  );
  return (
    <Dialog
      open
      wide
      title={t('discussions.manage.editTitle', { name: category.name })}
      onCancel={onClose}
      actions={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button busy={update.isPending} onClick={() => form.formRef.current?.requestSubmit()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <Form
        form={form}
        label={t('discussions.manage.editTitle', { name: category.name })}
        onSubmit={(values) =>
          form.submit(
            {
              categoryId: category.id,
              name: values.name,
              description: values.description ?? '',
              closedToMembers: values.closedToMembers === 'yes',
            },
            (input) => update.mutate(input),
          )
        }
      >
        <CategoryFields category={category} fieldError={form.fieldError} />
      </Form>
    </Dialog>
  );
}
