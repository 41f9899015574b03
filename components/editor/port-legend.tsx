import { portStyle, portTypes } from "@/nodes/ports";

/** What each port colour means; `json` inputs accept any type. */
export function PortLegend() {
  return (
    <div>
      <p className="mb-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">Port types</p>
      <ul className="grid grid-cols-2 gap-x-3 gap-y-1.5">
        {portTypes.map((type) => (
          <li key={type} className="flex items-center gap-1.5 text-xs text-slate-600" title={portStyle[type].help}>
            <span className="size-2.5 shrink-0 rounded-full" style={{ background: portStyle[type].color }} />
            {portStyle[type].label}
          </li>
        ))}
      </ul>
    </div>
  );
}
