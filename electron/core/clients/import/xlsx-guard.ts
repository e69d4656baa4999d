import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { AppError } from '../../../../shared/errors';

/**
 * An XLSX is a zip: before anything is inflated, its central directory is read (fflate's filter sees
 * each entry's declared sizes and inflates nothing when it answers false) and a workbook that would
 * unpack to more than a real client list ever needs is refused — a zip bomb, or an 887 KB file that
 * inflates to gigabytes. Then the entries are inflated into buffers of their declared sizes (a lying
 * directory gets its entry cut short, never more memory) and stored again uncompressed for ExcelJS,
 * whose own inflater then has nothing left to expand.
 */
export const XLSX_LIMITS = {
  entries: 10_000,
  /** All parts together, inflated. */
  inflatedBytes: 256 * 1024 * 1024,
  /** Inflated/compressed, for parts larger than 1 MiB: spreadsheet XML packs 5-30x, a bomb 1000x. */
  ratio: 200,
} as const;

const MiB = 1024 * 1024;
const megabytes = (n: number) => `${Math.round(n / MiB)} MB`;

function refuse(inflated: number, entries: number): never {
  throw new AppError('FILE_UNPACKS_TOO_LARGE', 'The workbook would unpack to far more than a client list needs: it was not opened', {
    size: megabytes(inflated),
    limit: megabytes(XLSX_LIMITS.inflatedBytes),
    entries,
  });
}

/** The workbook's parts, checked by their declared sizes, inflated within them, and zipped again without compression. */
export function guardedXlsx(bytes: Uint8Array): Uint8Array {
  let entries = 0;
  let inflated = 0;
  let suspicious = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries++;
        inflated += f.originalSize;
        if (f.originalSize > MiB && f.originalSize > XLSX_LIMITS.ratio * Math.max(f.size, 1)) suspicious = true;
        return false;
      },
    });
  } catch {
    throw new AppError('FILE_NOT_XLSX', 'The file is not a readable XLSX workbook');
  }
  if (entries > XLSX_LIMITS.entries || inflated > XLSX_LIMITS.inflatedBytes || suspicious) refuse(inflated, entries);
  let parts: Unzipped;
  try {
    parts = unzipSync(bytes);
  } catch {
    throw new AppError('FILE_NOT_XLSX', 'The file is not a readable XLSX workbook');
  }
  return zipSync(parts, { level: 0 });
}
