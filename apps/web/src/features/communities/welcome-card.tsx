import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { CommunityPage } from '@quorum/domain/communities/community-use-cases';
import { useTRPC } from '../../trpc';
import { ButtonLink } from '../../ui/button';

/** Navigation state of the community page right after joining (directly or by invitation). */
export const welcomeState = { joined: true } as const;

/**
 * Right after joining: a welcome and what to do next (the optional profile questions),
 * instead of a bare "you are a member". Focus lands on it, so it is read out.
 */
export function WelcomeCard({ data }: { data: CommunityPage }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const location = useLocation();
  const joined = (location.state as typeof welcomeState | null)?.joined === true;
  const { community } = data;
  const attributes = useQuery({
    ...trpc.profile.attributes.queryOptions({ communityId: community.id }),
    enabled: joined,
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (joined) headingRef.current?.focus();
  }, [joined]);
  if (!joined) return null;
  // Required questions were asked when joining; the optional ones wait on the profile.
  const optional = attributes.data?.filter((attribute) => !attribute.required).length ?? 0;
  return (
    <section className="card welcome stack stack--tight" aria-labelledby="welcome-title">
      <h2 className="card__title" id="welcome-title" ref={headingRef} tabIndex={-1}>
        {t('welcome.title', { name: community.name })}
      </h2>
      <p>{t('welcome.text')}</p>
      {optional > 0 && <p>{t('welcome.profile', { count: optional })}</p>}
      <div className="row">
        {optional > 0 && (
          <ButtonLink to={`/c/${community.slug}/profile`}>{t('welcome.answer')}</ButtonLink>
        )}
        <ButtonLink to="/privacy-center" variant="secondary">
          {t('welcome.privacy')}
        </ButtonLink>
      </div>
    </section>
  );
}
