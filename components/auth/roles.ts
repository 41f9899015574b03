// Workspace roles, least to most powerful. Pure data: the server enforces with it (server/api/trpc.ts)
// and the console greys out what a role cannot do with it, so the two never disagree.
export const ROLES = ["viewer", "editor", "admin", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** What each role adds over the one below: the wording of every "needs role X" message. */
export const ROLE_ABILITIES: Record<Role, string> = {
  viewer: "read pipelines, knowledge bases and traces",
  editor: "edit and run pipelines and knowledge bases",
  admin: "publish, manage endpoints, API keys, credentials, members and workspace settings",
  owner: "delete the workspace and transfer ownership",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: Role | null | undefined, needed: Role): boolean {
  return actual != null && ROLES.indexOf(actual) >= ROLES.indexOf(needed);
}

/** The reason a control is disabled, or a request refused, for a member whose role is too low. */
export function roleRefusal(actual: Role | null | undefined, needed: Role): string {
  const article = needed === "admin" || needed === "owner" || needed === "editor" ? "an" : "a";
  const yours = actual ? `you are ${actual === "viewer" ? "a" : "an"} ${actual}` : "you are not a member of this workspace";
  return `Needs ${article} ${needed} (to ${ROLE_ABILITIES[needed]}); ${yours}.`;
}
