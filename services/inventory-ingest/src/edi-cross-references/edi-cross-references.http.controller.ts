import { BadRequestException, Body, Controller, ForbiddenException, Get, Put, Req, UnprocessableEntityException } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgreementBook, AgreementLine } from '@smi/agreements';
import { ApiRefusal, asDto, AuthenticatedRequest } from '@smi/service-kit';
import {
  crossReferenceShapeProblems,
  crossReferencesOf,
  crossReferenceTermsProblems,
  EntryProblem,
  MAX_CROSS_REFERENCES_PER_REQUEST,
} from './cross-reference';
import { CrossReferenceRepository } from './cross-reference.repository';
import { CrossReferenceDto, CrossReferencesRequestDto, CrossReferencesSavedDto } from './edi-cross-references.dto';

/**
 * A buyer's EDI speaks its own location and item codes; these entries say which agreed site x item
 * each pair stands for, so its 852 and INVRPT lines become stock movements. A buyer keeps its own.
 */
@ApiTags('edi')
@Controller('edi-cross-references')
export class EdiCrossReferencesHttpController {
  constructor(
    private readonly crossReferences: CrossReferenceRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Put()
  @ApiOperation({
    summary: "Sets the buyer's EDI location x item codes for its agreed site x items",
    description:
      "Each entry maps a location code and an item code of the buyer's EDI to a site x item of one of its agreement lines. " +
      'Taken all or none; an entry for codes already kept replaces it. Buyers only, for themselves.',
  })
  @ApiBody({
    type: CrossReferencesRequestDto,
    examples: {
      two: {
        summary: 'Two items at one location',
        value: {
          entries: [
            { locationCode: 'LYON01', itemCode: 'BP-4471', siteId: 'plant-lyon', itemId: 'brake-pad' },
            { locationCode: 'LYON01', itemCode: 'OF-220', siteId: 'plant-lyon', itemId: 'oil-filter', ediUnit: 'PCE' },
          ],
        },
      },
    },
  })
  @ApiOkResponse({ description: 'All written.', type: CrossReferencesSavedDto })
  @ApiRefusal(400, 'Not `{ "entries": [...] }`, or an entry misses a field or repeats codes; `problems` names each `entries[i].field`.')
  @ApiRefusal(403, 'The caller is not a buyer.')
  @ApiRefusal(422, "An entry's site x item is on none of the buyer's agreement lines; `problems` names the entry. Nothing is written.")
  @ApiRefusal(413, 'The body is larger than the limit.')
  async put(@Body() body: unknown, @Req() { party }: AuthenticatedRequest): Promise<CrossReferencesSavedDto> {
    if (party.kind !== 'buyer') throw new ForbiddenException(`only a buyer sets its EDI cross-references (${party.id} is a ${party.kind})`);
    const entries = (body as { entries?: unknown } | null)?.entries;
    if (!Array.isArray(entries) || entries.length === 0)
      throw new BadRequestException('body must be { "entries": [...] } with at least one entry');
    if (entries.length > MAX_CROSS_REFERENCES_PER_REQUEST)
      throw new BadRequestException(`entries holds ${entries.length}; at most ${MAX_CROSS_REFERENCES_PER_REQUEST} per request`);
    refuse(BadRequestException, 400, 'Bad Request', crossReferenceShapeProblems(entries));
    const references = crossReferencesOf(party.id, entries);
    const lines = new Map<string, AgreementLine>();
    for (const agreement of this.agreements.agreementsOf(party.id))
      if (agreement.buyerId === party.id) for (const line of agreement.lines) lines.set(`${line.siteId}\u0000${line.itemId}`, line);
    refuse(
      UnprocessableEntityException,
      422,
      'Unprocessable Entity',
      crossReferenceTermsProblems(references, (siteId, itemId) => lines.get(`${siteId}\u0000${itemId}`)),
    );
    await this.crossReferences.saveAll(references);
    return { saved: references.length };
  }

  @Get()
  @ApiOperation({
    summary: 'The EDI cross-references the caller may see',
    description: "A buyer sees its own; an operator everyone's; a supplier none (its buyers' codes are theirs).",
  })
  @ApiOkResponse({ description: 'Ordered by buyer, location code and item code.', type: [CrossReferenceDto] })
  async list(@Req() { party }: AuthenticatedRequest): Promise<CrossReferenceDto[]> {
    if (party.kind === 'supplier') return [];
    const rows = await this.crossReferences.list(party.kind === 'operator' ? null : party.id);
    return rows.map((row) => asDto(CrossReferenceDto, row));
  }
}

function refuse(
  Refusal: typeof BadRequestException | typeof UnprocessableEntityException,
  statusCode: number,
  error: string,
  problems: EntryProblem[],
): void {
  if (problems.length === 0) return;
  throw new Refusal({ statusCode, error, message: problems.map((p) => `${p.field} ${p.problem}`).join('; '), problems });
}
