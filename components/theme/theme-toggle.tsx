"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useTheme } from "./theme-provider";
import { nextTheme, type ThemeSetting } from "./theme-setting";

const look: Record<ThemeSetting, { label: string; icon: typeof Sun }> = {
  system: { label: "System theme", icon: Monitor },
  light: { label: "Light theme", icon: Sun },
  dark: { label: "Dark theme", icon: Moon },
};

/** One button cycling system → light → dark; it names the current theme and the next one. */
export function ThemeToggle({ compact }: { compact: boolean }) {
  const { setting, setSetting } = useTheme();
  const { label, icon: Icon } = look[setting];
  const next = look[nextTheme(setting)].label.toLowerCase();
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme={setting}
      aria-label={`${label}; switch to ${next}`}
      title={`${label} (click for ${next})`}
      onClick={() => setSetting(nextTheme(setting))}
      className={cn(
        "mt-auto flex items-center gap-2.5 rounded-md text-sm font-medium text-slate-600 transition-colors hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
        compact ? "size-10 justify-center" : "px-2.5 py-2",
      )}
    >
      <Icon className="size-4 shrink-0" />
      {!compact && label}
    </button>
  );
}
