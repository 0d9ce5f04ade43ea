import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTRPC } from '../../trpc';

/** On every page: the operator's legal notice, the privacy notice, the terms, whom to ask. */
export function SiteFooter() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const settings = useQuery(trpc.instance.settings.queryOptions());
  const { imprintUrl = null, privacyContact = null } = settings.data ?? {};
  return (
    <footer className="footer">
      <div className="footer__inner">
        <nav aria-label={t('footer.label')}>
          <ul className="footer__links">
            {imprintUrl && (
              <li>
                <a href={imprintUrl} rel="noopener noreferrer">
                  {t('footer.imprint')}
                </a>
              </li>
            )}
            <li>
              <Link to="/privacy">{t('footer.privacy')}</Link>
            </li>
            <li>
              <Link to="/terms">{t('footer.terms')}</Link>
            </li>
            {privacyContact && (
              <li>
                <a href={privacyContact} rel="noopener noreferrer">
                  {t('footer.privacyContact')}
                </a>
              </li>
            )}
          </ul>
        </nav>
        <p className="footer__note">{t('shell.footer')}</p>
      </div>
    </footer>
  );
}
