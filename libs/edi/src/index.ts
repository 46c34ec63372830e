// EDI for the platform: X12 and EDIFACT syntax, envelope checks, the inventory reports buyers send (852, INVRPT)
// with their functional acknowledgments (997, CONTRL), and the documents the platform sends (856, DESADV, 850).
// Pure: no I/O, nothing thrown by readInventoryInterchange whatever the input.
export * from './edi-types';
export { readInventoryInterchange, InventoryInterchangeOptions } from './inventory-interchange';
export { writeX12AdvanceShipNotice, readX12AdvanceShipNotice } from './x12/ship-notice-856';
export { writeX12PurchaseOrder, readX12PurchaseOrder } from './x12/purchase-order-850';
export { writeX12ProductActivity } from './x12/product-activity-852';
export { writeEdifactDespatchAdvice, readEdifactDespatchAdvice } from './edifact/despatch-advice';
export { writeEdifactInventoryReport } from './edifact/inventory-report';
export { Segment } from './syntax/segment';
export { tokenizeX12, writeX12Segment, X12Delimiters } from './syntax/x12-syntax';
export { tokenizeEdifact, writeEdifactSegment, escapeEdifact, EdifactDelimiters } from './syntax/edifact-syntax';
