import { BadRequestException, ConflictException, Controller, ForbiddenException, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ShipmentStatus, ShipmentStatusValues, topics } from '@smi/contracts';
import { UnitOfWork } from '@smi/messaging';
import { AuthenticatedRequest, Party } from '@smi/service-kit';
import { applyStep, shipmentEvent, ShipmentState } from './shipment';
import { ShipmentStep } from './shipment-status';
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
    if (!shipment) throw new NotFoundException(`shipment ${shipmentId} is not known`);
    const party = request.party;
    const own = party.kind === 'operator' || (party.kind === 'buyer' ? shipment.buyerId : shipment.supplierId) === party.id;
    if (!own) throw new ForbiddenException(`shipment ${shipmentId} is not one of ${party.id}'s`);
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
  private async move(party: Party, shipmentId: string, step: ShipmentStep): Promise<ShipmentState> {
    const moved = await this.unitOfWork.run(async ({ manager, outbox }) => {
      const shipment = await this.shipments.lockById(manager, shipmentId);
      if (!shipment) throw new NotFoundException(`shipment ${shipmentId} is not known`);
      if (party.kind !== 'supplier' || party.id !== shipment.supplierId) {
        throw new ForbiddenException(`only the shipment's supplier ${shipment.supplierId} may move shipment ${shipmentId}`);
      }
      const outcome = applyStep(shipment, step, new Date());
      if (outcome.kind === 'refused') throw new ConflictException(`shipment ${shipmentId} is ${shipment.status}: ${outcome.reason}`);
      await this.shipments.save(manager, outcome.shipment);
      // No causing event here: the id follows from the shipment and the status, entered at most once each.
      const eventId = `${shipmentId}/${outcome.shipment.status.toLowerCase()}`;
      await outbox.add(topics.shipments, shipmentEvent(outcome.shipment, eventId));
      return outcome.shipment;
    });
    return moved;
  }
}

function scopeOf(party: Party): ShipmentScope {
  if (party.kind === 'operator') return 'all';
  return party.kind === 'buyer' ? { buyerId: party.id } : { supplierId: party.id };
}
