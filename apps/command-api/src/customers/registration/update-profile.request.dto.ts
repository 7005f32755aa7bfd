import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { CustomerKind, CustomerRelation, CustomerRole } from '@crm/domain';

export class UpdateProfileRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ enum: ['individual', 'organization'] })
  @IsOptional()
  @IsIn(['individual', 'organization'])
  kind?: CustomerKind;

  @ApiPropertyOptional({ enum: ['end-customer', 'distributor', 'partner'] })
  @IsOptional()
  @IsIn(['end-customer', 'distributor', 'partner'])
  role?: CustomerRole;

  @ApiPropertyOptional({ enum: ['direct', 'indirect'] })
  @IsOptional()
  @IsIn(['direct', 'indirect'])
  relation?: CustomerRelation;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  segment?: string;
}
