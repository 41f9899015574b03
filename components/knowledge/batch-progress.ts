// How far an upload's documents have got, from two snapshots of the base's ingestion progress: the one
// taken when the upload started and the latest poll. Pure.

/** The part of a base's ingestion progress this needs: documents in all, and those ready or failed. */
export interface SettledCounts {
  settled: number;
  total: number;
}

export interface BatchProgress {
  /** Documents of this upload that reached ready or failed. */
  done: number;
  /** Documents this upload is known to hold: at least one per file, more once a zip is unpacked. */
  of: number;
}

export function batchProgress(start: SettledCounts, now: SettledCounts, files: number): BatchProgress {
  const of = Math.max(files, now.total - start.settled, 1);
  const done = Math.min(of, Math.max(0, now.settled - start.settled));
  return { done, of };
}
