import { BadRequestException, Body, Controller, ForbiddenException, Get, Put, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { UnitOfWork } from '@smi/messaging';
import { AuthenticatedRequest, BusinessClock, Party, PartyDirectory } from '@smi/service-kit';
import { DataSource } from 'typeorm';
import { Preference } from '../alerts/alert-deliveries';
import { digestEveryHoursOf, defaultPreference, parsePreference, PreferenceView } from './preference';
import { PreferencesRepository } from './preferences.repository';

/**
 * A party's notification preferences: which rules, which channel, at once or in a digest at its
 * agreements' communication frequency. Until it sets its own, its agreements' communication terms
 * decide (`source: "agreement"`). An operator reads everyone's and sets none.
 */
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
  async get(@Req() request: AuthenticatedRequest) {
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
  async put(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const party = request.party;
    if (party.kind === 'operator') throw new ForbiddenException('an operator receives no alerts and sets no preferences');
    const parsed = parsePreference(body, this.parties.party(party.id) ?? party);
    if (parsed.kind === 'invalid') throw new BadRequestException(`${parsed.field} ${parsed.problem}`);
    await this.unitOfWork.run((tx) => this.preferences.save(tx.manager, party.id, parsed.preference, this.clock.now()));
    return this.viewOf(party, parsed.preference);
  }

  private viewOf(party: Party, own: Preference | undefined): PreferenceView {
    const agreements = this.agreements.agreementsOf(party.id);
    return {
      partyId: party.id,
      ...(own ?? defaultPreference(this.parties.party(party.id) ?? party, agreements)),
      digestEveryHours: digestEveryHoursOf(agreements),
      source: own ? 'party' : 'agreement',
    };
  }
}
