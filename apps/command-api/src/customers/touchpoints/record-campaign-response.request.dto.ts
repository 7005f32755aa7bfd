import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { CampaignResponseKind } from '@crm/domain';

export class RecordCampaignResponseRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  campaign: string;

  @ApiProperty({ enum: ['opened', 'clicked', 'converted', 'ignored'] })
  @IsIn(['opened', 'clicked', 'converted', 'ignored'])
  response: CampaignResponseKind;
}
