/** Where a published pipeline answers; the route lives at app/api/v1/pipelines/[slug]/run. */
export function publishedRunPath(slug: string): string {
  return `/api/v1/pipelines/${encodeURIComponent(slug)}/run`;
}
