import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class ReviewRelationshipsRequest {
  @ApiProperty({ description: 'Evaluate every relationship as of this time (ISO 8601)' })
  @IsISO8601({ strict: true })
  asOf: string;
}
