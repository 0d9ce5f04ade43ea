/** A labelled progress bar (0–100) that screen readers announce with its label. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="progress">
      <progress className="progress__bar" max={100} value={value} aria-label={label} />
      <span className="progress__value" aria-hidden="true">
        {Math.round(value)} %
      </span>
    </div>
  );
}
