import { UndecodableRecordError, UnencodableValueError } from '@smi/contracts';
import { RejectedEventError } from './errors';

/**
 * Whether retrying a record that failed can help. A record that breaks a business rule, cannot be
 * decoded, holds data Postgres refuses (SQLSTATE class 22, data exception: a number out of
 * range, a NUL byte in text; class 23, integrity: a constraint), causes an event its schema
 * cannot hold, or trips the code itself (a TypeError or RangeError: the same input trips it
 * again) fails the same way every time: it is dead-lettered at once instead of holding its
 * partition through retries. Anything else (a serialization failure, a deadlock, a lost
 * connection, an error of unknown kind) may pass on a later attempt.
 */
export function failsEveryTime(error: unknown): boolean {
  if (
    error instanceof RejectedEventError ||
    error instanceof UndecodableRecordError ||
    error instanceof UnencodableValueError ||
    // fetch reports a network failure as a TypeError with its cause: that one may pass.
    ((error instanceof TypeError || error instanceof RangeError) && error.cause === undefined)
  )
    return true;
  const code = sqlStateOf(error);
  return code !== undefined && (code.startsWith('22') || code.startsWith('23'));
}

function sqlStateOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const found = typeof code === 'string' ? code : driverError?.code;
  return typeof found === 'string' && /^[0-9A-Z]{5}$/.test(found) ? found : undefined;
}
