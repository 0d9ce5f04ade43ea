import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileAttribute } from '@quorum/domain/communities/profile-attribute';
import type { Id } from '@quorum/domain/shared/ids';
import { useTRPC } from '../../trpc';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { errorKey } from '../../ui/form-errors';
import { collectAnswers, type AnswerProblem, type RawAnswer } from './attribute-answers';
import { AttributeFields } from './attribute-fields';
import { problemsFromServer } from './server-problems';

interface Owed {
  community: { id: Id; slug: string; name: string };
  attributes: readonly ProfileAttribute[];
}

/**
 * Required profile questions a member has not answered yet (they joined through an
 * approved request, or staff added the question later): asked one community at a time
 * before they take part. "Later" asks again on the next visit.
 */
export default function OwedAnswersPrompt({ owed }: { owed: readonly Owed[] }) {
  const [later, setLater] = useState<ReadonlySet<Id>>(new Set());
  const next = owed.find((entry) => !later.has(entry.community.id));
  if (!next) return null;
  const skip = () => setLater((ids) => new Set(ids).add(next.community.id));
  return <OwedDialog key={next.community.id} owed={next} onLater={skip} />;
}

function OwedDialog({ owed, onLater }: { owed: Owed; onLater: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [raws, setRaws] = useState<Record<Id, RawAnswer>>({});
  const [problems, setProblems] = useState<Record<Id, AnswerProblem>>({});
  const save = useMutation(
    trpc.profile.saveMine.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.profile.pathKey() }),
    }),
  );
  const serverProblems = save.error ? problemsFromServer(save.error, owed.attributes) : null;
  const submit = () => {
    const { answers, problems: found } = collectAnswers(owed.attributes, raws);
    setProblems(found);
    if (Object.keys(found).length === 0) save.mutate({ communityId: owed.community.id, answers });
  };
  return (
    <Dialog
      open
      wide
      title={t('owedAnswers.title', { community: owed.community.name })}
      onCancel={onLater}
      actions={
        <>
          <Button variant="ghost" onClick={onLater}>
            {t('owedAnswers.later')}
          </Button>
          <Button busy={save.isPending} onClick={submit}>
            {t('owedAnswers.save')}
          </Button>
        </>
      }
    >
      <p>{t('owedAnswers.text', { community: owed.community.name })}</p>
      {save.isError && !serverProblems && <Alert tone="danger">{t(errorKey(save.error))}</Alert>}
      <div className="form">
        <AttributeFields
          attributes={owed.attributes}
          values={raws}
          problems={serverProblems ?? problems}
          onChange={(attributeId, raw) =>
            setRaws((current) => ({ ...current, [attributeId]: raw }))
          }
        />
      </div>
    </Dialog>
  );
}
