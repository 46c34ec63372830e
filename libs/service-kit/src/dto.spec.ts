import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { asDto } from './dto';
import { SiteItemDto } from './site-item.dto';

class StockDto extends SiteItemDto {
  @ApiProperty({ description: 'On hand.', example: 3 })
  quantity!: number;

  @ApiPropertyOptional({ description: 'A note.', example: 'x' })
  note?: string;
}

class Undescribed {
  quantity!: number;
}

describe('asDto', () => {
  it("answers exactly the fields the DTO and its parents declare, in their order, and nothing of the row's", () => {
    const row = { updatedAt: new Date(), quantity: 3, itemId: 'brake-pad', siteId: 'plant-lyon', buyerId: 'acme', internal: 'secret' };
    const answer = asDto(StockDto, row);
    expect(answer).toEqual({ buyerId: 'acme', siteId: 'plant-lyon', itemId: 'brake-pad', quantity: 3 });
    expect(Object.keys(answer)).toEqual(['buyerId', 'siteId', 'itemId', 'quantity']);
  });

  it('keeps an optional field when it is there, and null as null', () => {
    expect(asDto(StockDto, { buyerId: 'acme', siteId: 's', itemId: 'i', quantity: 0, note: null as unknown as string }).note).toBeNull();
    expect(asDto(StockDto, { buyerId: 'acme', siteId: 's', itemId: 'i', quantity: 0, note: 'n' }).note).toBe('n');
  });

  it('refuses a class that describes nothing, rather than answering an empty object', () => {
    expect(() => asDto(Undescribed, { quantity: 1 })).toThrow(/declares no @ApiProperty/);
  });
});
