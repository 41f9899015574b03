import { Button } from "./button";
import { DialogFooter } from "./dialog";

/** The end of every form dialog: the server's error (if any), Cancel, and the submit button. */
export function FormDialogFooter({
  error,
  onCancel,
  submitLabel,
  disabled,
}: {
  error: string | null | undefined;
  onCancel: () => void;
  submitLabel: string;
  disabled: boolean;
}) {
  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <DialogFooter>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={disabled}>
          {submitLabel}
        </Button>
      </DialogFooter>
    </>
  );
}
