import { randomUUID } from 'node:crypto';

/** An id no other test run uses, so tests on a shared broker do not see each other's events. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
