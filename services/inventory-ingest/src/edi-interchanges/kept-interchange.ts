import type { InboundInterchange } from '@smi/edi';
import { InterchangeDecision, InterchangeError, InterchangeOutcome } from './interchange-movements';

/** An interchange as received and kept for inspection, accepted or not. */
export interface KeptInterchange {
  interchangeId: string;
  /** The buyer who sent it. */
  buyerId: string;
  /** x12 or edifact; null when the text was neither. */
  standard: string | null;
  sender: string | null;
  receiver: string | null;
  controlNumber: string | null;
  outcome: InterchangeOutcome;
  /** Stock movements it took in, and movements it carried that an earlier sending already took in. */
  movements: number;
  repeats: number;
  errors: InterchangeError[];
  /** The 997 or CONTRL answered. */
  acknowledgment: string;
  /** The interchange text as received. */
  raw: string;
  receivedAt: Date;
}

/** The record kept of an interchange, from what was read and decided. Pure. */
export function keptInterchangeOf(
  ids: { interchangeId: string; buyerId: string; receivedAt: Date },
  raw: string,
  read: InboundInterchange,
  decision: InterchangeDecision,
): KeptInterchange {
  const orNull = (text: string | undefined) => (text && text.trim().length > 0 ? text.trim() : null);
  return {
    ...ids,
    standard: orNull(read.standard),
    sender: orNull(read.sender),
    receiver: orNull(read.receiver),
    controlNumber: orNull(read.controlNumber),
    outcome: decision.outcome,
    movements: decision.fresh.length,
    repeats: decision.repeats,
    errors: decision.errors,
    acknowledgment: read.acknowledgment,
    raw,
  };
}
