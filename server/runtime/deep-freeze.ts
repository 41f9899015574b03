// Parsed configs of a cached, validated graph are shared by every run of it: frozen, a node that
// mutates its config throws (in strict mode, which modules are) instead of corrupting later runs.
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}
