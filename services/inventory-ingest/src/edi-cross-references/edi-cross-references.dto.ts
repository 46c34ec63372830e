import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One of a buyer's EDI location x item codes and the agreed site x item it stands for. */
export class CrossReferenceDto {
  @ApiProperty({ description: 'The buyer (set from the caller on PUT).', example: 'acme-motors' })
  buyerId!: string;

  @ApiProperty({ description: "The buyer's own location code, as its 852 (N1/LIN) or INVRPT (LOC) names it.", example: 'LYON01' })
  locationCode!: string;

  @ApiProperty({ description: "The buyer's own item code, as its 852 LIN or INVRPT LIN/PIA names it.", example: 'BP-4471' })
  itemCode!: string;

  @ApiProperty({ description: 'The site of an agreement line of the buyer.', example: 'plant-lyon' })
  siteId!: string;

  @ApiProperty({ description: 'The item of that agreement line.', example: 'brake-pad' })
  itemId!: string;

  @ApiPropertyOptional({
    description:
      "The unit the buyer's EDI sends for it, when not the agreement line's (PCE for EA, say): quantities in it are taken as in the line's unit. Null: the EDI sends the line's unit.",
    type: String,
    nullable: true,
    example: 'PCE',
  })
  ediUnit!: string | null;
}

export class CrossReferenceEntryDto {
  @ApiProperty({ description: "The buyer's own location code.", example: 'LYON01' }) locationCode!: string;
  @ApiProperty({ description: "The buyer's own item code.", example: 'BP-4471' }) itemCode!: string;
  @ApiProperty({ description: "The site of one of the buyer's agreement lines.", example: 'plant-lyon' }) siteId!: string;
  @ApiProperty({ description: 'The item of that agreement line.', example: 'brake-pad' }) itemId!: string;
  @ApiPropertyOptional({
    description: "The unit the buyer's EDI sends, when not the agreement line's; left out or null: the line's.",
    type: String,
    nullable: true,
    example: 'PCE',
  })
  ediUnit?: string | null;
}

export class CrossReferencesRequestDto {
  @ApiProperty({
    description: 'One to 5000 entries, taken all or none. An entry for codes already kept replaces it; others are kept as they are.',
    type: [CrossReferenceEntryDto],
  })
  entries!: CrossReferenceEntryDto[];
}

export class CrossReferencesSavedDto {
  @ApiProperty({ description: 'How many entries were written.', example: 2 })
  saved!: number;
}
