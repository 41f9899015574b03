import { cn } from "./cn";

export type Choice<T extends string> = { id: T; title: string; help: string };

/** Radio buttons drawn as cards, each with a title and a line of help; the chosen card is outlined. */
export function ChoiceCards<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">{legend}</legend>
      {choices.map((choice) => (
        <label
          key={choice.id}
          className={cn(
            "flex cursor-pointer gap-3 rounded-md border px-3 py-2.5 transition-colors focus-within:ring-2 focus-within:ring-ring/50",
            value === choice.id ? "border-primary bg-primary/5" : "border-border hover:bg-muted/50",
          )}
        >
          <input
            type="radio"
            name={name}
            value={choice.id}
            checked={value === choice.id}
            onChange={() => onChange(choice.id)}
            className="mt-0.5 accent-primary"
          />
          <span>
            <span className="block text-sm font-medium">{choice.title}</span>
            <span className="block text-xs text-muted-foreground">{choice.help}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
