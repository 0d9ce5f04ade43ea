import { PolicyPage } from './policy-page';

export function PrivacyNoticePage() {
  return <PolicyPage document="privacy_notice" />;
}

export function TermsPage() {
  return <PolicyPage document="terms" />;
}
