import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { replyInputSchema, type PostView } from '@quorum/domain/threads/post';
import { useTRPC } from '../../trpc';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Form, useForm } from '../../ui/form';
import { useAuthorName } from './discussion-format';
import { PostBodyField } from './post-body-field';

/** The reply at the end of a thread, quoting a post when the reader chose "Quote". */
export function ReplyForm({
  threadId,
  quote,
  onRemoveQuote,
  onPosted,
}: {
  threadId: string;
  quote: PostView | null;
  onRemoveQuote: () => void;
  onPosted: (postId: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const authorName = useAuthorName();
  const form = useForm({ schema: replyInputSchema });
  const [body, setBody] = useState('');
  const card = useRef<HTMLDivElement>(null);
  const reply = useMutation(
    trpc.discussions.reply.mutationOptions({
      onSuccess: ({ postId }) => {
        setBody('');
        form.clear();
        onPosted(postId);
      },
      onError: form.fail,
    }),
  );
  const focusBody = () => card.current?.querySelector('textarea')?.focus();
  // "Quote" on a post brings the reader here, ready to write.
  useEffect(() => {
    if (quote) card.current?.querySelector('textarea')?.focus();
  }, [quote]);

  return (
    <div ref={card} className="reply-form">
      <Card title={t('discussions.reply.title')}>
        <Form
          form={form}
          label={t('discussions.reply.title')}
          onSubmit={() =>
            form.submit({ threadId, body, quotedPostId: quote?.id ?? null }, (input) =>
              reply.mutate(input),
            )
          }
        >
          {quote && (
            <div className="composer__quote">
              <p>
                {t('discussions.reply.quoting', {
                  name: authorName(quote.authorName),
                  number: quote.number,
                })}
              </p>
              <Button
                variant="ghost"
                size="small"
                onClick={() => {
                  onRemoveQuote();
                  focusBody();
                }}
              >
                {t('discussions.reply.removeQuote')}
              </Button>
            </div>
          )}
          <PostBodyField
            label={t('discussions.reply.body')}
            value={body}
            onChange={setBody}
            error={form.fieldError('body')}
          >
            <Button type="submit" busy={reply.isPending}>
              {t('discussions.reply.submit')}
            </Button>
          </PostBodyField>
        </Form>
      </Card>
    </div>
  );
}
