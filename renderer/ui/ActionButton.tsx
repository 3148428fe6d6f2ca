import { ErrorAlert } from './ErrorAlert';

/**
 * The big button of a one-step action outside a form (start a visit, finish it), with what went
 * wrong the last time above it, read out at once; the button says it is busy and cannot be pressed
 * twice.
 */
export function ActionButton({
  action,
  label,
  busyLabel,
  disabled = false,
  onClick,
}: {
  action: { busy: boolean; error: string | null };
  label: string;
  busyLabel: string;
  disabled?: boolean;
  onClick: () => Promise<void>;
}) {
  return (
    <>
      <ErrorAlert error={action.error} />
      <button
        type="button"
        className="primary big"
        disabled={action.busy || disabled}
        onClick={() => void onClick()}
      >
        {action.busy ? busyLabel : label}
      </button>
    </>
  );
}
