/** The spinner alone (no texts): for buttons, and for pages that load without i18next. */
export function Spinner({ size = 'normal' }: { size?: 'normal' | 'small' }) {
  return (
    <span className={size === 'small' ? 'spinner spinner--small' : 'spinner'} aria-hidden="true" />
  );
}
