import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiFilterRefusal, ApiRefusal, AuthenticatedRequest, optionalQueryChoice } from '@smi/service-kit';
import type { Response } from 'express';
import { maySeeShipment } from '../shipments/logistics-reports';
import { KeptDocument, SupplierDocumentRepository } from './supplier-document.repository';
import { DocumentType } from './supplier-documents';

const STANDARDS = ['x12', 'edifact'] as const;

/**
 * The EDI documents the platform produced, over the API as well as on smi.edi-documents.v1: a
 * shipment's ASN (X12 856 or EDIFACT DESADV) once it is dispatched, a released order's X12 850.
 * Only the two parties of the agreement (and operators) may read them.
 */
@ApiTags('edi')
@Controller()
export class SupplierDocumentsHttpController {
  constructor(private readonly documents: SupplierDocumentRepository) {}

  @Get('shipments/:shipmentId/edi')
  @ApiOperation({
    summary: "A dispatched shipment's advance ship notice, as EDI",
    description:
      'The X12 856 (standard=x12, the default) or EDIFACT DESADV (standard=edifact) produced when the shipment was dispatched, ' +
      "envelope included, as it went to the buyer's gateway. Its buyer, its supplier and operators only.",
  })
  @ApiParam({ name: 'shipmentId', description: "The shipment's id.", example: 'SHP-AGR-1-plant-lyon-2026-03-13' })
  @ApiQuery({ name: 'standard', required: false, enum: STANDARDS, description: 'x12 (856) or edifact (DESADV); x12 by default.' })
  @ApiProduces('application/edi-x12', 'application/edifact')
  @ApiOkResponse({ description: 'The interchange text.', schema: { type: 'string' } })
  @ApiFilterRefusal()
  @ApiRefusal(404, "No such shipment, one not dispatched yet, or another pair's.")
  async shipmentNotice(
    @Req() { party }: AuthenticatedRequest,
    @Res() reply: Response,
    @Param('shipmentId') shipmentId: string,
    @Query('standard') standardParam?: unknown,
  ): Promise<void> {
    const standard = optionalQueryChoice(standardParam, 'standard', STANDARDS) ?? 'x12';
    const type: DocumentType = standard === 'edifact' ? 'DESADV' : '856';
    send(reply, this.visible(await this.documents.find(shipmentId, type), party), `no ${type} for shipment ${shipmentId}`);
  }

  @Get('orders/:orderId/edi')
  @ApiOperation({
    summary: "A released order's purchase order, as EDI",
    description:
      "The X12 850 produced when the shipment service received the released order, as it went to the supplier's gateway. " +
      'Its buyer, its supplier and operators only.',
  })
  @ApiParam({ name: 'orderId', description: "The replenishment order's id.", example: 'ORD-42' })
  @ApiProduces('application/edi-x12')
  @ApiOkResponse({ description: 'The interchange text.', schema: { type: 'string' } })
  @ApiRefusal(404, "No such order, one not released, or another pair's.")
  async purchaseOrder(@Req() { party }: AuthenticatedRequest, @Res() reply: Response, @Param('orderId') orderId: string): Promise<void> {
    send(reply, this.visible(await this.documents.find(orderId, '850'), party), `no 850 for order ${orderId}`);
  }

  private visible(document: KeptDocument | undefined, party: AuthenticatedRequest['party']): KeptDocument | undefined {
    return document && maySeeShipment(document, party) ? document : undefined;
  }
}

function send(reply: Response, document: KeptDocument | undefined, missing: string): void {
  if (!document) throw new NotFoundException(missing);
  reply.type(document.standard === 'EDIFACT' ? 'application/edifact' : 'application/edi-x12').send(document.content);
}
