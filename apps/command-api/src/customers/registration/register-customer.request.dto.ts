import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { CustomerKind, CustomerRelation, CustomerRole } from '@crm/domain';

export class RegisterCustomerRequest {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ['individual', 'organization'] })
  @IsIn(['individual', 'organization'])
  kind: CustomerKind;

  @ApiProperty({ enum: ['end-customer', 'distributor', 'partner'] })
  @IsIn(['end-customer', 'distributor', 'partner'])
  role: CustomerRole;

  @ApiProperty({ enum: ['direct', 'indirect'], description: 'Direct customers bring profit; indirect ones influence it' })
  @IsIn(['direct', 'indirect'])
  relation: CustomerRelation;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Where the customer came from (campaign, referral, import)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  source?: string;

  @ApiPropertyOptional({ description: 'Business time (ISO 8601); defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}
