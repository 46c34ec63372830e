import { DateFormat, FileKind, RowRejection } from './file-rows';

/** How the file is laid out: a CSV text or an XLSX workbook (its first sheet). */
export type FileFormat = 'csv' | 'xlsx';

/**
 * An uploaded file's life: its bytes arriving (receiving), waiting for an instance to read it
 * (queued), being read (running), then done, or failed (a file that cannot be read at all).
 */
export type FileJobStatus = 'receiving' | 'queued' | 'running' | 'done' | 'failed';

export interface FileJob {
  jobId: string;
  buyerId: string;
  fileKind: FileKind;
  fileFormat: FileFormat;
  dateFormat: DateFormat;
  fileName: string | null;
  status: FileJobStatus;
  contentSha256: string | null;
  totalBytes: number;
  /** The file's last row taken care of (accepted, repeated or rejected) and committed: a resumed job starts after it. */
  lastRow: number;
  /** Bytes of the file read to get there, for the percentage. */
  bytesDone: number;
  /** Rows whose movement is taken in: on the stock-movements topic, once. */
  accepted: number;
  /** Of those, rows whose movement had been taken in before (sent again, or produced just before the job stopped and resumed). */
  repeats: number;
  /** Rows refused, each with its reasons in the rejection report. */
  rejected: number;
  failure: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** What one batch of rows changed in the job: committed with the batch's movements, so a resumed job neither loses nor repeats any. */
export interface BatchProgress {
  lastRow: number;
  bytesDone: number;
  accepted: number;
  repeats: number;
  rejected: number;
  rejections: RowRejection[];
}

/** How far a job has got, in percent of the file's bytes (100 once done). */
export const percentOf = (job: Pick<FileJob, 'status' | 'bytesDone' | 'totalBytes'>): number =>
  job.status === 'done' ? 100 : job.totalBytes > 0 ? Math.min(99, Math.floor((job.bytesDone / job.totalBytes) * 100)) : 0;
