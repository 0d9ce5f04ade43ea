import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadView } from '@quorum/domain/threads/thread-use-cases';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { ConfirmDialog } from '../../ui/dialog';
import { SelectField } from '../../ui/fields';
import { errorKey } from '../../ui/form-errors';

/** Pin, lock and move a thread: for moderators and owners (the server checks again). */
export function StaffTools({ thread }: { thread: ThreadView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.discussions.pathKey() });
  const [moving, setMoving] = useState(false);
  const [target, setTarget] = useState('');
  const categories = useQuery({
    ...trpc.discussions.categories.queryOptions({ communityId: thread.communityId }),
    enabled: moving,
  });
  const pin = useMutation(trpc.discussions.pinThread.mutationOptions({ onSuccess: refresh }));
  const lock = useMutation(trpc.discussions.lockThread.mutationOptions({ onSuccess: refresh }));
  const move = useMutation(
    trpc.discussions.moveThread.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setMoving(false);
      },
    }),
  );
  const failed = [pin, lock].find((mutation) => mutation.isError)?.error;
  const others = (categories.data ?? []).filter((category) => category.id !== thread.categoryId);

  return (
    <div className="stack stack--tight">
      <div className="row" role="group" aria-label={t('discussions.staff.label')}>
        <Button
          variant="secondary"
          size="small"
          busy={pin.isPending}
          onClick={() => pin.mutate({ threadId: thread.id, pinned: !thread.pinnedAt })}
        >
          {thread.pinnedAt ? t('discussions.staff.unpin') : t('discussions.staff.pin')}
        </Button>
        <Button
          variant="secondary"
          size="small"
          busy={lock.isPending}
          onClick={() => lock.mutate({ threadId: thread.id, locked: !thread.lockedAt })}
        >
          {thread.lockedAt ? t('discussions.staff.unlock') : t('discussions.staff.lock')}
        </Button>
        <Button variant="secondary" size="small" onClick={() => setMoving(true)}>
          {t('discussions.staff.move')}
        </Button>
      </div>
      {failed && <Alert tone="danger">{t(errorKey(failed))}</Alert>}
      <ConfirmDialog
        open={moving}
        title={t('discussions.staff.moveTitle')}
        confirmLabel={t('discussions.staff.move')}
        busy={move.isPending}
        onConfirm={() => {
          const categoryId = target || others[0]?.id;
          if (categoryId) move.mutate({ threadId: thread.id, categoryId });
        }}
        onCancel={() => setMoving(false)}
      >
        {others.length > 0 ? (
          <SelectField
            label={t('discussions.staff.moveTo')}
            value={target || others[0]?.id}
            onChange={(event) => setTarget(event.target.value)}
            options={others.map((category) => ({
              value: category.id,
              label: category.archivedAt
                ? t('discussions.categories.archivedName', { name: category.name })
                : category.name,
            }))}
          />
        ) : (
          <p className="muted">
            {categories.isPending ? t('common.loading') : t('discussions.staff.noOtherCategory')}
          </p>
        )}
        {move.isError && <Alert tone="danger">{t(errorKey(move.error))}</Alert>}
      </ConfirmDialog>
    </div>
  );
}
