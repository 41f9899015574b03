"use client";

import { Activity, BookOpen, ChartColumn, Cpu, FlaskConical, Globe, HardDrive, KeyRound, ScrollText, Settings, Users, Workflow, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { isPublicPath } from "@/components/auth/public-paths";
import { cn } from "@/components/ui/cn";
import { AccountMenu } from "./account-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";
import { ThemeToggle } from "@/components/theme/theme-toggle";

const links: { href: string; label: string; icon: LucideIcon }[] = [
  { href: "/pipelines", label: "Pipelines", icon: Workflow },
  { href: "/knowledge", label: "Knowledge", icon: BookOpen },
  { href: "/runs", label: "Runs", icon: Activity },
  { href: "/dashboard", label: "Dashboards", icon: ChartColumn },
  { href: "/test-sets", label: "Test sets", icon: FlaskConical },
  { href: "/endpoints", label: "Endpoints", icon: Globe },
  { href: "/settings/api-keys", label: "API keys", icon: KeyRound },
  { href: "/settings/providers", label: "Model providers", icon: Cpu },
  { href: "/settings/models", label: "Local models", icon: HardDrive },
  { href: "/settings/members", label: "Members", icon: Users },
  { href: "/settings/workspace", label: "Workspace", icon: Settings },
  { href: "/settings/audit", label: "Audit log", icon: ScrollText },
];

/** The editor needs the width: there the sidebar shrinks to icons. */
function isEditor(pathname: string): boolean {
  return /^\/pipelines\/[^/]+/.test(pathname);
}

export function Sidebar() {
  const pathname = usePathname() ?? "";
  const compact = isEditor(pathname);
  // Signing in and accepting an invitation happen before there is a console to navigate.
  if (isPublicPath(pathname)) return null;
  return (
    <nav
      aria-label="Main"
      className={cn(
        "flex shrink-0 flex-col border-r border-border bg-white",
        compact ? "w-14 items-center px-2 py-3" : "w-56 px-3 py-4",
      )}
    >
      <Link href="/pipelines" className={cn("mb-6 flex items-center gap-2", compact ? "justify-center" : "px-2")}>
        <span className="flex size-8 items-center justify-center rounded-md bg-primary text-sm font-bold text-white">G</span>
        {!compact && <span className="text-sm font-semibold tracking-tight">Groundwork</span>}
      </Link>
      {!compact && <WorkspaceSwitcher />}
      <ul className="flex w-full flex-col gap-1">
        {links.map(({ href, label, icon: Icon }) => {
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                title={compact ? label : undefined}
                aria-label={compact ? label : undefined}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2.5 rounded-md text-sm font-medium transition-colors",
                  compact ? "size-10 justify-center" : "px-2.5 py-2",
                  active ? "bg-primary/10 text-primary" : "text-slate-600 hover:bg-muted hover:text-foreground",
                )}
              >
                <Icon className="size-4 shrink-0" />
                {!compact && label}
              </Link>
            </li>
          );
        })}
      </ul>
      <ThemeToggle compact={compact} />
      <AccountMenu compact={compact} />
    </nav>
  );
}
