import { useTranslation } from 'react-i18next';
import { auditActions, type AuditAction } from '@quorum/domain/privacy/audit';

/** "12.3 KB" / "12,3 kB" in the page's language. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** An audit action as a sentence fragment ("Viewed member details"). */
export function useAuditAction() {
  const { t } = useTranslation();
  return (action: AuditAction) =>
    (auditActions as readonly string[]).includes(action) ? t(`audit.actions.${action}`) : action;
}
