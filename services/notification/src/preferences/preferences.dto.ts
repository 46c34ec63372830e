import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { ALERT_TOPICS, AlertTopic } from '../alerts/alert-rules';
import { DELIVERY_CHANNELS, DeliveryChannel } from '../deliveries/delivery';
import { PREFERENCE_MODES } from './preference';

/** A party's notification preferences: its own, or what its agreements' communication terms give until it sets them. */
export class PreferenceDto {
  @ApiProperty({ description: 'The party.', example: 'acme' })
  partyId!: string;

  @ApiProperty({
    description: 'The alert rules it wants; null for all of them.',
    enum: ALERT_TOPICS,
    isArray: true,
    nullable: true,
    example: ['APPROVAL_NEEDED', 'STOCKOUT', 'SHIPMENT_DELAYED'],
  })
  rules!: AlertTopic[] | null;

  @ApiProperty({
    description: 'WEBHOOK or EMAIL: the party needs that address in the parties file.',
    enum: DELIVERY_CHANNELS,
    example: 'WEBHOOK',
  })
  channel!: DeliveryChannel;

  @ApiProperty({
    description: 'immediate: each alert at once; digest: together, every digestEveryHours.',
    enum: PREFERENCE_MODES,
    example: 'immediate',
  })
  mode!: 'immediate' | 'digest';

  @ApiProperty({ description: "Hours between digests: the agreements' communication frequency.", example: 24 })
  digestEveryHours!: number;

  @ApiProperty({ description: "'agreement' until the party sets its own, then 'party'.", enum: ['party', 'agreement'], example: 'party' })
  source!: 'party' | 'agreement';
}

export class PreferenceListDto {
  @ApiProperty({ description: "Every buyer's and supplier's preferences (what an operator reads).", type: [PreferenceDto] })
  preferences!: PreferenceDto[];
}

/** What a party sets. */
export class PreferenceRequestDto extends PickType(PreferenceDto, ['channel', 'mode'] as const) {
  @ApiPropertyOptional({
    description: 'The alert rules it wants (at least one); null or left out for all of them.',
    enum: ALERT_TOPICS,
    isArray: true,
    nullable: true,
    example: ['APPROVAL_NEEDED', 'STOCKOUT', 'SHIPMENT_DELAYED'],
  })
  rules?: AlertTopic[] | null;
}
