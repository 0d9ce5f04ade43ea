import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { editPostInputSchema, type PostView } from '@quorum/domain/threads/post';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { ConfirmDialog, Dialog } from '../../ui/dialog';
import { Form, useForm } from '../../ui/form';
import { errorKey } from '../../ui/form-errors';
import { Avatar } from '../../ui/list';
import { Loading } from '../../ui/spinner';
import { discussionPaths, useAuthorName, useFormatDateTime } from './discussion-format';
import { MarkdownView } from './markdown-view';
import { PostBodyField } from './post-body-field';

export interface PostPermissions {
  /** The viewer's account, to tell their own posts. */
  accountId: string | null;
  /** Replies (and so quotes and edits) are open to the viewer here. */
  reply: boolean;
  /** May delete their own posts (a member of the community). */
  post: boolean;
  /** Staff: delete any post, read edit histories. */
  moderate: boolean;
}

/** One post: byline, the quote it answers, the text (or its placeholder), and what the viewer may do. */
export function PostItem({
  slug,
  post,
  may,
  target,
  onQuote,
}: {
  slug: string;
  post: PostView;
  may: PostPermissions;
  /** The post the thread was opened at (a quote's link): marked, and focused once. */
  target: boolean;
  onQuote: (post: PostView) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formatDateTime = useFormatDateTime();
  const authorName = useAuthorName();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const own = may.accountId !== null && post.authorId === may.accountId;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.discussions.pathKey() });
  const remove = useMutation(
    trpc.discussions.deletePost.mutationOptions({
      onSuccess: refresh,
      onSettled: () => setDeleting(false),
    }),
  );
  const name = authorName(post.authorName);

  return (
    <article
      id={`post-${post.id}`}
      className={target ? 'post post--target' : 'post'}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="post__head">
        <Avatar name={name} />
        <h2 className="post__byline" id={headingId}>
          {post.authorId && post.authorName ? (
            <Link to={discussionPaths.member(slug, post.authorId)}>{name}</Link>
          ) : (
            <span className="muted">{name}</span>
          )}
        </h2>
        <p className="post__meta">
          <Link
            to={discussionPaths.thread(slug, post.threadId, { postId: post.id })}
            aria-label={t('discussions.post.permalink', { number: post.number })}
          >
            #{post.number}
          </Link>
          <time dateTime={post.createdAt.toISOString()}>{formatDateTime(post.createdAt)}</time>
          {post.editedAt &&
            (may.moderate ? (
              <button type="button" className="link-button" onClick={() => setShowHistory(true)}>
                {t('discussions.post.editedHistory')}
              </button>
            ) : (
              <Badge>{t('discussions.post.edited')}</Badge>
            ))}
        </p>
      </header>
      {post.quote && <QuoteBlock slug={slug} quote={post.quote} />}
      {post.deleted ? (
        <p className="post__deleted">{t('discussions.post.deleted')}</p>
      ) : editing ? (
        <EditPostForm
          post={post}
          onDone={() => setEditing(false)}
          onSaved={async () => {
            await refresh();
            setEditing(false);
          }}
        />
      ) : (
        <MarkdownView source={post.body} />
      )}
      {!post.deleted && !editing && (
        <div className="post__actions">
          {may.reply && (
            <Button variant="ghost" size="small" onClick={() => onQuote(post)}>
              {t('discussions.post.quote')}
            </Button>
          )}
          {own && may.reply && (
            <Button variant="ghost" size="small" onClick={() => setEditing(true)}>
              {t('discussions.post.edit')}
            </Button>
          )}
          {((own && may.post) || may.moderate) && (
            <Button variant="ghost" size="small" onClick={() => setDeleting(true)}>
              {t('discussions.post.delete')}
            </Button>
          )}
        </div>
      )}
      {remove.isError && <Alert tone="danger">{t(errorKey(remove.error))}</Alert>}
      <ConfirmDialog
        open={deleting}
        title={t('discussions.post.deleteTitle', { number: post.number })}
        confirmLabel={t('discussions.post.delete')}
        tone="danger"
        busy={remove.isPending}
        onConfirm={() => remove.mutate({ postId: post.id })}
        onCancel={() => setDeleting(false)}
      >
        <p>{own ? t('discussions.post.deleteOwnText') : t('discussions.post.deleteText')}</p>
      </ConfirmDialog>
      {may.moderate && post.editedAt && (
        <HistoryDialog postId={post.id} open={showHistory} onClose={() => setShowHistory(false)} />
      )}
    </article>
  );
}

/** The quoted post as it reads now, linked to where it stands in its thread. */
function QuoteBlock({ slug, quote }: { slug: string; quote: NonNullable<PostView['quote']> }) {
  const { t } = useTranslation();
  const authorName = useAuthorName();
  return (
    <blockquote className="quote">
      <p className="quote__byline">
        <Link to={discussionPaths.thread(slug, quote.threadId, { postId: quote.postId })}>
          {t('discussions.post.quoteByline', {
            name: authorName(quote.authorName),
            number: quote.number,
          })}
        </Link>
      </p>
      {quote.deleted ? (
        <p className="post__deleted">{t('discussions.post.deleted')}</p>
      ) : (
        <MarkdownView source={quote.excerpt} />
      )}
    </blockquote>
  );
}

function EditPostForm({
  post,
  onDone,
  onSaved,
}: {
  post: PostView;
  onDone: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const form = useForm({ schema: editPostInputSchema });
  const [body, setBody] = useState(post.body);
  const edit = useMutation(
    trpc.discussions.editPost.mutationOptions({ onSuccess: onSaved, onError: form.fail }),
  );
  return (
    <Form
      form={form}
      label={t('discussions.post.editLabel', { number: post.number })}
      onSubmit={() => form.submit({ postId: post.id, body }, (input) => edit.mutate(input))}
    >
      <PostBodyField
        label={t('discussions.post.editBody')}
        value={body}
        onChange={setBody}
        error={form.fieldError('body')}
        autoFocus
      >
        <Button type="submit" busy={edit.isPending}>
          {t('discussions.post.save')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </PostBodyField>
    </Form>
  );
}

/** Earlier versions of an edited post, newest first: for moderators and owners. */
function HistoryDialog({
  postId,
  open,
  onClose,
}: {
  postId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const formatDateTime = useFormatDateTime();
  const history = useQuery({
    ...trpc.discussions.postHistory.queryOptions({ postId }),
    enabled: open,
  });
  return (
    <Dialog
      open={open}
      wide
      title={t('discussions.history.title')}
      onCancel={onClose}
      actions={
        <Button variant="secondary" onClick={onClose} autoFocus>
          {t('common.close')}
        </Button>
      }
    >
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <Alert tone="danger">{t(errorKey(history.error))}</Alert>
      ) : (
        <ol className="history">
          {history.data.map((revision) => (
            <li key={revision.id} className="history__item">
              <p className="muted small">
                {t('discussions.history.until', { date: formatDateTime(revision.replacedAt) })}
              </p>
              <MarkdownView source={revision.body} />
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
