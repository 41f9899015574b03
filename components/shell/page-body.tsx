import type { ReactNode } from "react";

/** The scrolling content column of every console page except the editor. */
export function PageBody({ children }: { children: ReactNode }) {
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto w-full max-w-6xl px-8 py-8">{children}</div>
    </div>
  );
}
