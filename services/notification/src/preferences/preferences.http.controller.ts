import { BadRequestException, Body, Controller, ForbiddenException, Get, Put, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { UnitOfWork } from '@smi/messaging';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiRefusal, asDto, AuthenticatedRequest, BusinessClock, Party, PartyDirectory } from '@smi/service-kit';
import { DataSource } from 'typeorm';
import { Preference } from '../alerts/alert-deliveries';
import { digestEveryHoursOf, defaultPreference, parsePreference, PreferenceView } from './preference';
import { PreferenceDto, PreferenceListDto, PreferenceRequestDto } from './preferences.dto';
import { PreferencesRepository } from './preferences.repository';

/**
 * A party's notification preferences: which rules, which channel, at once or in a digest at its
 * agreements' communication frequency. Until it sets its own, its agreements' communication terms
 * decide (`source: "agreement"`). An operator reads everyone's and sets none.
 */
@ApiTags('notification-preferences')
@ApiExtraModels(PreferenceDto, PreferenceListDto)
@Controller('notification-preferences')
export class PreferencesHttpController {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly parties: PartyDirectory,
    private readonly agreements: AgreementBook,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'How the caller takes its alerts: which rules, which channel, at once or in a digest',
    description:
      'A buyer or supplier gets its own (`source: "agreement"` until it sets them: its agreements\' communication terms ' +
      "decide); an operator gets every party's, as `{ preferences: [...] }`.",
  })
  @ApiOkResponse({
    description: "The caller's preferences; for an operator, everyone's.",
    schema: { oneOf: [{ $ref: getSchemaPath(PreferenceDto) }, { $ref: getSchemaPath(PreferenceListDto) }] },
  })
  async get(@Req() request: AuthenticatedRequest): Promise<PreferenceDto | PreferenceListDto> {
    const party = request.party;
    if (party.kind !== 'operator')
      return this.viewOf(party, (await this.preferences.ofParties(this.dataSource.manager, [party.id])).get(party.id));
    const others = this.parties.all().filter((p) => p.kind !== 'operator');
    const chosen = await this.preferences.ofParties(
      this.dataSource.manager,
      others.map((p) => p.id),
    );
    return { preferences: others.map((p) => this.viewOf(p, chosen.get(p.id))) };
  }

  @Put()
  @ApiOperation({
    summary: 'Sets which alerts the caller takes, how, and when',
    description:
      'Replaces the preferences as a whole; from then on they, not the agreements, decide. The channel needs its ' +
      'address (webhookUrl or email) for the party in the parties file. Buyers and suppliers only.',
  })
  @ApiBody({
    type: PreferenceRequestDto,
    examples: {
      digest: {
        summary: 'A daily e-mail digest of approvals and stockouts',
        value: { rules: ['APPROVAL_NEEDED', 'STOCKOUT'], channel: 'EMAIL', mode: 'digest' },
      },
      everything: { summary: 'Every alert at once, by webhook', value: { rules: null, channel: 'WEBHOOK', mode: 'immediate' } },
    },
  })
  @ApiOkResponse({ description: 'The preferences as set.', type: PreferenceDto })
  @ApiRefusal(400, 'A field is missing or wrong, an unknown rule is named, or the party has no address for the channel.')
  @ApiRefusal(403, 'The caller is an operator: it receives no alerts.')
  async put(@Req() request: AuthenticatedRequest, @Body() body: unknown): Promise<PreferenceDto> {
    const party = request.party;
    if (party.kind === 'operator') throw new ForbiddenException('an operator receives no alerts and sets no preferences');
    const parsed = parsePreference(body, this.parties.party(party.id) ?? party);
    if (parsed.kind === 'invalid') throw new BadRequestException(`${parsed.field} ${parsed.problem}`);
    await this.unitOfWork.run((tx) => this.preferences.save(tx.manager, party.id, parsed.preference, this.clock.now()));
    return this.viewOf(party, parsed.preference);
  }

  private viewOf(party: Party, own: Preference | undefined): PreferenceDto {
    const agreements = this.agreements.agreementsOf(party.id);
    const view: PreferenceView = {
      partyId: party.id,
      ...(own ?? defaultPreference(this.parties.party(party.id) ?? party, agreements)),
      digestEveryHours: digestEveryHoursOf(agreements),
      source: own ? 'party' : 'agreement',
    };
    return asDto(PreferenceDto, view);
  }
}
