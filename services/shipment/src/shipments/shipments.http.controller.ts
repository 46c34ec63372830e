import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ShipmentStatus, ShipmentStatusValues, ShipmentUpdate, ShipmentUpdateKind, topics } from '@smi/contracts';
import { canonicalHashOf, claimEvents, inboxConsumerOf, inboxScopeOf, UnitOfWork } from '@smi/messaging';
import { AuthenticatedRequest, BusinessClock, Party, SERVICE_NAME } from '@smi/service-kit';
import { describeReportProblems, maySeeShipment, ReportOutcome, reportProblems, unknownShipment } from './logistics-reports';
import { RecordShipmentUpdates } from './record-shipment-updates.use-case';
import { overOf, shortOf, ShipmentState } from './shipment';
import { partyScopeOf, ShipmentRepository } from './shipment.repository';

/** A shipment as the API shows it: each line says what was short and what came over. */
export type ShipmentView = ShipmentState & {
  lines: Array<ShipmentState['lines'][number] & { shortQuantity: number; overQuantity: number }>;
};

const viewOf = (shipment: ShipmentState): ShipmentView => ({
  ...shipment,
  lines: shipment.lines.map((line) => ({ ...line, shortQuantity: shortOf(line), overQuantity: overOf(line) })),
});

/**
 * Shipments over REST: the supplier's logistics report dispatch (with the advance shipping
 * notice), delay and delivery, applied at once through the use case that applies the same reports
 * from Kafka; buyers, suppliers and operators look shipments up. A buyer or supplier sees only its
 * own shipments; an operator sees all.
 */
@Controller('shipments')
export class ShipmentsHttpController {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly recordUpdates: RecordShipmentUpdates,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: string): Promise<ShipmentView[]> {
    if (status !== undefined && !(ShipmentStatusValues as readonly string[]).includes(status)) {
      throw new BadRequestException(`status must be one of ${ShipmentStatusValues.join(', ')}`);
    }
    return (await this.shipments.list(partyScopeOf(request.party), status as ShipmentStatus | undefined)).map(viewOf);
  }

  @Get(':shipmentId')
  async get(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string): Promise<ShipmentView> {
    const shipment = await this.shipments.find(shipmentId);
    // Another pair's shipment answers as one that does not exist.
    if (!shipment || !maySeeShipment(shipment, request.party)) throw new NotFoundException(unknownShipment(shipmentId));
    return viewOf(shipment);
  }

  /** Body: { carrier?, trackingReference?, expectedArrivalAt?, lines?: [{ orderId, quantity }], occurredAt?, eventId? }; no lines = all in full. */
  @Post(':shipmentId/dispatch')
  @HttpCode(HttpStatus.OK)
  dispatch(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string, @Body() body: unknown): Promise<ShipmentView> {
    return this.report(request.party, shipmentId, 'DISPATCHED', body);
  }

  /** Body: { expectedArrivalAt, reason, occurredAt?, eventId? }. */
  @Post(':shipmentId/delay')
  @HttpCode(HttpStatus.OK)
  delay(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string, @Body() body: unknown): Promise<ShipmentView> {
    return this.report(request.party, shipmentId, 'DELAYED', body);
  }

  /** Body (optional): { occurredAt?, eventId? }. */
  @Post(':shipmentId/deliver')
  @HttpCode(HttpStatus.OK)
  deliver(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string, @Body() body: unknown): Promise<ShipmentView> {
    return this.report(request.party, shipmentId, 'DELIVERED', body);
  }

  /**
   * The report and the events announcing it commit together, or neither does. With an eventId the
   * report is taken into the inbox as the supplier's over REST: sent again with the same body it is
   * answered with the shipment as it is, with another body it is a conflict.
   */
  private async report(party: Party, shipmentId: string, kind: ShipmentUpdateKind, body: unknown): Promise<ShipmentView> {
    const { update, sent } = updateFromJson(body, { shipmentId, kind, supplierId: party.id }, this.clock.now());
    const problems = reportProblems(update);
    if (problems.length > 0) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: describeReportProblems(problems),
        problems,
      });
    }
    return this.unitOfWork.run(async (tx) => {
      if (sent.eventId !== undefined) {
        const claim = { scope: inboxScopeOf(party.id, 'rest'), eventId: update.eventId, bodyHash: canonicalHashOf(sent) };
        const [claimed] = await claimEvents(tx.manager, inboxConsumerOf(this.service, topics.shipmentUpdates), [claim]);
        if (claimed === 'conflict') throw new ConflictException(`eventId ${update.eventId} was already used with a different report`);
        if (claimed === 'repeat') {
          const shipment = await this.shipments.find(shipmentId);
          if (!shipment || !maySeeShipment(shipment, party)) throw new NotFoundException(unknownShipment(shipmentId));
          return viewOf(shipment);
        }
      }
      const [outcome] = await this.recordUpdates.execute([{ update, reportedBy: party }], tx);
      return viewOf(answer(outcome));
    });
  }
}

function answer(outcome: ReportOutcome): ShipmentState {
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T/;

/** JSON has no dates: times arrive as ISO-8601 strings; anything else is kept as it came, for the rules to name. */
const dateFromJson = (value: unknown): unknown =>
  value === undefined || value === null ? null : typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value;

/**
 * The report a REST body makes: the shipment, kind and supplier from the call; the time when it
 * happened from the body, else now on the business clock; the event id from the body, else one
 * from the shipment, the kind and that time. `sent` is what the caller sent, for the inbox.
 */
function updateFromJson(
  body: unknown,
  call: Pick<ShipmentUpdate, 'shipmentId' | 'kind' | 'supplierId'>,
  now: Date,
): { update: ShipmentUpdate; sent: Record<string, unknown> } {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body)))
    throw new BadRequestException('body must be a JSON object');
  const raw = (body ?? {}) as Record<string, unknown>;
  const occurredAt = raw.occurredAt === undefined ? now : dateFromJson(raw.occurredAt);
  const eventId =
    raw.eventId ??
    `${call.shipmentId}/${call.kind.toLowerCase()}${call.kind === 'DELAYED' && occurredAt instanceof Date ? `/${occurredAt.toISOString()}` : ''}`;
  const lines = raw.lines === undefined || raw.lines === null ? [] : raw.lines;
  const update = {
    ...call,
    eventId,
    occurredAt,
    carrier: raw.carrier ?? null,
    trackingReference: raw.trackingReference ?? null,
    expectedArrivalAt: dateFromJson(raw.expectedArrivalAt),
    reason: raw.reason ?? null,
    lines,
  } as ShipmentUpdate;
  return { update, sent: { ...call, ...raw } };
}
