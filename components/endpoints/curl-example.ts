/** A copy-paste call of a published endpoint; the key stays in an environment variable, not the snippet. */
export function curlExample(origin: string, path: string, question = "Your question here"): string {
  const body = JSON.stringify({ question, history: [] });
  return [
    `curl -X POST '${origin}${path}' \\`,
    `  -H "Authorization: Bearer $GROUNDWORK_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join("\n");
}
