import { EntityManager } from 'typeorm';

/**
 * Claims a sweep for the rest of the caller's transaction, unless another instance of the service
 * holds it now: true when this transaction may do the sweep, false when it should leave it to the
 * other. For a sweep that is one indivisible computation (its outcome depends on all it reads, or
 * its order matters); a sweep over independent rows claims the rows instead (FOR UPDATE SKIP
 * LOCKED), so instances share them.
 *
 * A transaction-scoped advisory lock: released when the transaction ends, and when its connection
 * closes, so an instance that dies mid-sweep leaves the sweep to the next one that tries. Keyed by
 * the service's schema and the sweep's name, so services sharing a database never meet.
 */
export async function claimSweep(manager: EntityManager, sweep: string): Promise<boolean> {
  const [{ claimed }]: Array<{ claimed: boolean }> = await manager.query(
    'SELECT pg_try_advisory_xact_lock(hashtext(current_schema()), hashtext($1)) AS claimed',
    [sweep],
  );
  return claimed;
}
