import { Body, Controller, HttpCode, HttpException, HttpStatus, NotFoundException, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { AgreementBook, AgreementLineInForce } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock, Party } from '@smi/service-kit';
import { isPartyTo } from '../agreements/agreement-access';
import {
  MAX_WHAT_IF_WORK,
  simulateWhatIf,
  WHAT_IF_TIME_BUDGET_MS,
  type WhatIfInput,
  whatIfProblems,
  type WhatIfResult,
  WhatIfTimeBudgetExceeded,
  whatIfWork,
} from '@smi/replenishment-planning';
import { AskedScenario, whatIfRequestOf } from './what-if-request';
import { WHAT_IF_EXAMPLES, WhatIfComparisonDto, WhatIfComparisonRequestDto, WhatIfInputDto, WhatIfReportDto } from './what-if.dto';

/**
 * What-if simulations: replays a demand history through agreement terms, so a
 * buyer and a supplier can compare parameter sets before signing. Nothing is
 * recorded. Starting from an agreement's line needs the caller to be a party
 * to it (403 otherwise); an operator may start from any.
 */
@ApiTags('what-if')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@ApiExtraModels(WhatIfInputDto, WhatIfComparisonRequestDto, WhatIfReportDto, WhatIfComparisonDto)
@Controller('what-if-simulations')
export class WhatIfHttpController {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  /** One input gives its report; `{ scenarios: [{ name, ... }] }` gives one report per scenario, in order, with its name. */
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Replay a demand history through agreement terms, or compare several sets of terms',
    description:
      "Runs the replenishment engine day by day over the demand given, under one agreement line's terms (from an agreement in force " +
      'you are a party to, changed with lineOverrides, or a line of your own), and reports the service (fill rate, cycle service level, ' +
      'stockout days), the stock (average on hand, turns), the orders and the penalties the terms would claim. With `scenarios`, ' +
      'one report per scenario on the same demand, to compare parameter sets before signing. Nothing is recorded.',
  })
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(WhatIfInputDto) }, { $ref: getSchemaPath(WhatIfComparisonRequestDto) }] },
    examples: WHAT_IF_EXAMPLES,
  })
  @ApiOkResponse({
    description: 'One report, or with scenarios one named report per scenario in order.',
    schema: { oneOf: [{ $ref: getSchemaPath(WhatIfReportDto) }, { $ref: getSchemaPath(WhatIfComparisonDto) }] },
  })
  @ApiBadRequestResponse({
    description:
      "A field is missing or invalid; each problem in `problems` names it, with the scenario when it is a scenario's own " +
      '(for example `scenarios[1].lineOverrides.minimum must be ...`, `demand[3] must be a number from 0 ...`).',
  })
  @ApiNotFoundResponse({
    description: 'agreementId is not an active agreement you are a party to, or it has no line in force for that site x item.',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'Valid, but more simulation work than one request may ask (buckets x days planned ahead, or the 5 s time budget): send fewer buckets or scenarios.',
  })
  simulate(@Req() request: AuthenticatedRequest, @Body() body: unknown): WhatIfResult | WhatIfComparisonDto {
    const asked = whatIfRequestOf(body);
    if (!asked.ok) throw badRequest(asked.problems);
    const now = this.clock.now();
    const inputs = asked.request.scenarios.map((scenario) => this.inputOf(scenario, request.party, now));
    const problems = asked.request.scenarios.flatMap((scenario, i) => whatIfProblems(inputs[i]).map(scenario.named));
    if (problems.length > 0) throw badRequest([...new Set(problems)]);
    const work = inputs.reduce((sum, input) => sum + whatIfWork(input), 0);
    if (work > MAX_WHAT_IF_WORK) {
      throw tooMuch(
        `demand asks for ${work.toLocaleString('en-US')} units of simulation work (buckets x (buckets + days planned ahead), ` +
          `over all scenarios); at most ${MAX_WHAT_IF_WORK.toLocaleString('en-US')} per request: send fewer buckets or scenarios`,
      );
    }
    // The time budget is wall time on purpose: it bounds the CPU a request may take.
    const deadline = { at: Date.now() + WHAT_IF_TIME_BUDGET_MS, now: Date.now };
    const reports = inputs.map((input) => this.run(input, deadline));
    if (!asked.request.compared) return reports[0];
    return { scenarios: asked.request.scenarios.map(({ name }, i) => ({ name, report: reports[i] })) };
  }

  private run(input: WhatIfInput, deadline: { at: number; now: () => number }): WhatIfResult {
    try {
      return simulateWhatIf(input, undefined, deadline);
    } catch (error) {
      if (error instanceof WhatIfTimeBudgetExceeded)
        throw tooMuch(`demand: ${error.message} (${WHAT_IF_TIME_BUDGET_MS} ms per request): send fewer buckets or scenarios`);
      throw error;
    }
  }

  private inputOf(scenario: AskedScenario, party: Party, now: Date): WhatIfInput {
    const input = { ...scenario.input };
    if (scenario.agreement) {
      const inForce = this.lineInForce(scenario.agreement, party, now);
      input.line = inForce.line;
      input.agreementVersion ??= inForce.version;
      // The agreement-wide allowance is priced too, as the live monitor charges it.
      input.agreementPenalties ??= inForce.agreement.penalties;
      input.currency ??= inForce.agreement.currency;
    }
    if (scenario.lineOverrides) input.line = { ...(input.line as object | undefined), ...scenario.lineOverrides };
    return input as unknown as WhatIfInput;
  }

  private lineInForce(asked: NonNullable<AskedScenario['agreement']>, party: Party, now: Date): AgreementLineInForce {
    const { agreementId } = asked;
    const agreement = this.agreements.agreement(agreementId);
    // Another pair's agreement answers as one that does not exist.
    if (!agreement || !isPartyTo(party, agreement))
      throw new NotFoundException(`agreementId ${agreementId} is not a known active agreement`);
    // An agreement of one line needs no siteId and itemId to say which.
    const only = agreement.lines.length === 1 ? agreement.lines[0] : undefined;
    const siteId = asked.siteId ?? only?.siteId;
    const itemId = asked.itemId ?? only?.itemId;
    if (siteId === undefined || itemId === undefined) {
      throw badRequest([`siteId and itemId are required: agreement ${agreementId} has ${agreement.lines.length} lines`]);
    }
    const inForce = this.agreements.lineFor(agreement.buyerId, siteId, itemId, now);
    if (inForce?.agreement.agreementId !== agreementId) {
      throw new NotFoundException(`agreement ${agreementId} has no line in force now for site ${siteId} x item ${itemId}`);
    }
    return inForce;
  }
}

/** A request valid in each part but asking for more work than one request may: 422, naming what to cut. */
function tooMuch(problem: string): HttpException {
  return new HttpException(
    { statusCode: HttpStatus.UNPROCESSABLE_ENTITY, error: 'Unprocessable Entity', message: problem, problems: [problem] },
    HttpStatus.UNPROCESSABLE_ENTITY,
  );
}

/** Every problem in the answer: `message` joined for people, `problems` listed for programs. */
function badRequest(problems: string[]): HttpException {
  return new HttpException(
    { statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message: problems.join('; '), problems },
    HttpStatus.BAD_REQUEST,
  );
}
