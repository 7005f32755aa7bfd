import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ContactChannel, ContactDirection } from '@crm/domain';

export class RecordContactRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ enum: ['phone', 'email', 'visit', 'web', 'call-centre', 'social'] })
  @IsIn(['phone', 'email', 'visit', 'web', 'call-centre', 'social'])
  channel: ContactChannel;

  @ApiProperty({ enum: ['inbound', 'outbound'] })
  @IsIn(['inbound', 'outbound'])
  direction: ContactDirection;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  purpose: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  outcome?: string;
}
