import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { ComplaintCategory, ComplaintSeverity } from '@crm/domain';

export class FileComplaintRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ enum: ['rudeness', 'poor-service', 'untrained-staff', 'poor-quality', 'poor-choice', 'other'] })
  @IsIn(['rudeness', 'poor-service', 'untrained-staff', 'poor-quality', 'poor-choice', 'other'])
  category: ComplaintCategory;

  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'] })
  @IsIn(['low', 'medium', 'high', 'critical'])
  severity: ComplaintSeverity;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description: string;
}
