import {
  applyDecorators,
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
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ShipmentStatus, ShipmentStatusValues, ShipmentUpdate, ShipmentUpdateKind, topics } from '@smi/contracts';
import { canonicalHashOf, claimEvents, inboxConsumerOf, inboxScopeOf, UnitOfWork } from '@smi/messaging';
import { ApiRefusal, asDto, AuthenticatedRequest, BusinessClock, Party, SERVICE_NAME } from '@smi/service-kit';
import { describeReportProblems, maySeeShipment, ReportOutcome, reportProblems, unknownShipment } from './logistics-reports';
import { RecordShipmentUpdates } from './record-shipment-updates.use-case';
import { overOf, shortOf, ShipmentState } from './shipment';
import { partyScopeOf, ShipmentRepository } from './shipment.repository';
import { DelayReportDto, DeliveryReportDto, DispatchReportDto, ShipmentDto, ShipmentLineDto } from './shipments.dto';

/** A shipment as the API shows it: each line says what was short and what came over. */
const shipmentDtoOf = (shipment: ShipmentState): ShipmentDto =>
  asDto(ShipmentDto, {
    ...shipment,
    lines: shipment.lines.map((line) => asDto(ShipmentLineDto, { ...line, shortQuantity: shortOf(line), overQuantity: overOf(line) })),
  });

const SHIPMENT_ID = { name: 'shipmentId', description: "The shipment's id.", example: 'SHP-AGR-1-plant-lyon-2026-03-13' };
const NOT_FOUND = "No such shipment, or another pair's (it answers as one that does not exist).";

/** What the three logistics reports have in common: the shipment in the path, its state in the answer, the same refusals. */
const ApiShipmentReport = (summary: string, description: string, body: Parameters<typeof ApiBody>[0]) =>
  applyDecorators(
    ApiOperation({
      summary,
      description:
        `${description} Applied at once, by the same rules as the report from Kafka; the report and the events announcing ` +
        'it commit together. With an eventId, a resend with the same body answers the shipment as it is. Its supplier only.',
    }),
    ApiParam(SHIPMENT_ID),
    ApiBody(body),
    ApiOkResponse({ description: 'The shipment as the report left it.', type: ShipmentDto }),
    ApiRefusal(400, 'The body is not a JSON object, or a field is wrong; `problems` lists each as `{ field, problem }`.'),
    ApiRefusal(403, "The caller may see the shipment but is not its supplier (a buyer's key, say)."),
    ApiRefusal(404, NOT_FOUND),
    ApiRefusal(
      409,
      'The shipment is in a status the report cannot move (say, a delivery before dispatch), or the eventId was used with another report.',
    ),
  );

/**
 * Shipments over REST: the supplier's logistics report dispatch (with the advance shipping
 * notice), delay and delivery, applied at once through the use case that applies the same reports
 * from Kafka; buyers, suppliers and operators look shipments up. A buyer or supplier sees only its
 * own shipments; an operator sees all.
 */
@ApiTags('shipments')
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
  @ApiOperation({
    summary: 'The shipments the caller takes part in, each with its lines and what was short or came over',
    description: 'A buyer sees the shipments coming to it, a supplier those it sends, an operator all.',
  })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ShipmentStatusValues,
    description: 'Only shipments in this status.',
    example: 'DISPATCHED',
  })
  @ApiOkResponse({ description: 'The shipments.', type: [ShipmentDto] })
  @ApiRefusal(400, 'status is not one of the statuses.')
  async list(@Req() request: AuthenticatedRequest, @Query('status') status?: string): Promise<ShipmentDto[]> {
    if (status !== undefined && !(ShipmentStatusValues as readonly string[]).includes(status)) {
      throw new BadRequestException(`status must be one of ${ShipmentStatusValues.join(', ')}`);
    }
    return (await this.shipments.list(partyScopeOf(request.party), status as ShipmentStatus | undefined)).map(shipmentDtoOf);
  }

  @Get(':shipmentId')
  @ApiOperation({
    summary: 'One shipment: status, expected arrival, carrier and each order on it',
    description: 'A buyer or supplier sees only its own shipments; an operator, all.',
  })
  @ApiParam(SHIPMENT_ID)
  @ApiOkResponse({ description: 'The shipment.', type: ShipmentDto })
  @ApiRefusal(404, NOT_FOUND)
  async get(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string): Promise<ShipmentDto> {
    const shipment = await this.shipments.find(shipmentId);
    // Another pair's shipment answers as one that does not exist.
    if (!shipment || !maySeeShipment(shipment, request.party)) throw new NotFoundException(unknownShipment(shipmentId));
    return shipmentDtoOf(shipment);
  }

  /** Body: { carrier?, trackingReference?, expectedArrivalAt?, lines?: [{ orderId, quantity }], occurredAt?, eventId? }; no lines = all in full. */
  @Post(':shipmentId/dispatch')
  @HttpCode(HttpStatus.OK)
  @ApiShipmentReport(
    'Reports that a planned shipment left, with its advance shipping notice',
    'Carrier, tracking reference, expected arrival and, per order, what left: without lines every order left in full; less than ordered is a short shipment.',
    {
      type: DispatchReportDto,
      required: false,
      examples: {
        full: {
          summary: 'Everything left',
          value: { carrier: 'DHL', trackingReference: 'JJD0001', expectedArrivalAt: '2026-03-13T08:00:00Z', eventId: 'asn-1' },
        },
        short: {
          summary: 'Two short on one order',
          value: { carrier: 'DHL', lines: [{ orderId: 'ORD-42', quantity: 78 }], eventId: 'asn-2' },
        },
      },
    },
  )
  dispatch(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string, @Body() body: unknown): Promise<ShipmentDto> {
    return this.report(request.party, shipmentId, 'DISPATCHED', body);
  }

  /** Body: { expectedArrivalAt, reason, occurredAt?, eventId? }. */
  @Post(':shipmentId/delay')
  @HttpCode(HttpStatus.OK)
  @ApiShipmentReport(
    'Reports that a shipment will arrive later, and why',
    "The new expected arrival replaces the one announced; lateness is still measured against the orders' promise.",
    {
      type: DelayReportDto,
      examples: {
        delay: { summary: 'A day late', value: { expectedArrivalAt: '2026-03-14T12:00:00Z', reason: 'truck breakdown near Mâcon' } },
      },
    },
  )
  delay(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string, @Body() body: unknown): Promise<ShipmentDto> {
    return this.report(request.party, shipmentId, 'DELAYED', body);
  }

  /** Body (optional): { occurredAt?, eventId? }. */
  @Post(':shipmentId/deliver')
  @HttpCode(HttpStatus.OK)
  @ApiShipmentReport(
    'Reports that a dispatched shipment arrived at the buyer site',
    "What arrived is what the buyer books as goods receipts; this is logistics' word that it is there.",
    { type: DeliveryReportDto, required: false, examples: { now: { summary: 'Arrived now', value: {} } } },
  )
  deliver(@Req() request: AuthenticatedRequest, @Param('shipmentId') shipmentId: string, @Body() body: unknown): Promise<ShipmentDto> {
    return this.report(request.party, shipmentId, 'DELIVERED', body);
  }

  /**
   * The report and the events announcing it commit together, or neither does. With an eventId the
   * report is taken into the inbox as the supplier's over REST: sent again with the same body it is
   * answered with the shipment as it is, with another body it is a conflict.
   */
  private async report(party: Party, shipmentId: string, kind: ShipmentUpdateKind, body: unknown): Promise<ShipmentDto> {
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
          return shipmentDtoOf(shipment);
        }
      }
      const [outcome] = await this.recordUpdates.execute([{ update, reportedBy: party }], tx);
      return shipmentDtoOf(answer(outcome));
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
