import { InboundInterchange } from './edi-types';

export function readInventoryInterchange(_text: string): InboundInterchange {
  throw new Error('not implemented');
}
