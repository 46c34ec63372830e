import { ApiProperty } from '@nestjs/swagger';

/** The key most answers are about: one item at one buyer site, as the agreement names them. */
export class SiteItemDto {
  @ApiProperty({ description: 'The buyer (the company whose stock it is), as named in the agreement.', example: 'acme' })
  buyerId!: string;

  @ApiProperty({ description: "The buyer's site (plant, warehouse, store).", example: 'plant-lyon' })
  siteId!: string;

  @ApiProperty({ description: 'The item, by the number both parties use in the agreement.', example: 'brake-pad' })
  itemId!: string;
}
