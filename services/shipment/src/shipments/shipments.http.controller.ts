import {
  BadRequestException,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ShipmentStatus, ShipmentStatusValues } from '@smi/contracts';
import { UnitOfWork } from '@smi/messaging';
import { AuthenticatedRequest, Party } from '@smi/service-kit';
import { LogisticsReport, maySeeShipment, unknownShipment } from './logistics-reports';
import { RecordLogisticsReports } from './record-logistics-reports.use-case';
import { ShipmentState } from './shipment';
import { ShipmentRepository, ShipmentScope } from './shipment.repository';

/**
 * Shipments over REST: the supplier's logistics report dispatch and delivery;
 * buyers, suppliers and operators look shipments up. A buyer or supplier sees
 * only its own shipments; an operator sees all.
 */
@Controller('shipments')
export class ShipmentsHttpController {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly recordReports: RecordLogisticsReports,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: string): Promise<ShipmentState[]> {
    if (status !== undefined && !(ShipmentStatusValues as readonly string[]).includes(status)) {
      throw new BadRequestException(`status must be one of ${ShipmentStatusValues.join(', ')}`);
    }
    return this.shipments.list(scopeOf(request.party), status as ShipmentStatus | undefined);
  }

  @Get(':shipmentId')
  async get(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string): Promise<ShipmentState> {
    const shipment = await this.shipments.find(shipmentId);
    // Another pair's shipment answers as one that does not exist.
    if (!shipment || !maySeeShipment(shipment, request.party)) throw new NotFoundException(unknownShipment(shipmentId));
    return shipment;
  }

  @Post(':shipmentId/dispatch')
  @HttpCode(HttpStatus.OK)
  dispatch(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string): Promise<ShipmentState> {
    return this.move(request.party, shipmentId, 'DISPATCH');
  }

  @Post(':shipmentId/deliver')
  @HttpCode(HttpStatus.OK)
  deliver(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string): Promise<ShipmentState> {
    return this.move(request.party, shipmentId, 'DELIVER');
  }

  /** The status change and the event announcing it commit together, or neither does. */
  private async move(party: Party, shipmentId: string, step: LogisticsReport['step']): Promise<ShipmentState> {
    const [outcome] = await this.unitOfWork.run((tx) => this.recordReports.execute([{ shipmentId, step, reportedBy: party }], tx));
    switch (outcome.kind) {
      case 'moved':
        return outcome.shipment;
      case 'unknown':
        throw new NotFoundException(outcome.reason);
      case 'not-theirs':
        throw new ForbiddenException(outcome.reason);
      case 'refused':
        throw new ConflictException(outcome.reason);
    }
  }
}

function scopeOf(party: Party): ShipmentScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}
