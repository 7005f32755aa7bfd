import { ApiPropertyOptional } from '@nestjs/swagger';
import { CUSTOMER_LIST_SORTS } from '@crm/read-models';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const CUSTOMER_SORTS = Object.keys(CUSTOMER_LIST_SORTS) as Array<keyof typeof CUSTOMER_LIST_SORTS>;

export class ListCustomersQuery {
  @ApiPropertyOptional({ enum: ['potential', 'target', 'active', 'lost', 'recovered'] })
  @IsOptional()
  @IsIn(['potential', 'target', 'active', 'lost', 'recovered'])
  status?: string;

  @ApiPropertyOptional({ enum: ['exploration', 'formation', 'stability', 'decline'] })
  @IsOptional()
  @IsIn(['exploration', 'formation', 'stability', 'decline'])
  stage?: string;

  @ApiPropertyOptional({ enum: ['key', 'general', 'phase-out'] })
  @IsOptional()
  @IsIn(['key', 'general', 'phase-out'])
  tier?: string;

  @ApiPropertyOptional({ enum: ['none', 'satisfaction', 'trust', 'behavioural', 'emotional', 'sustainable'] })
  @IsOptional()
  @IsIn(['none', 'satisfaction', 'trust', 'behavioural', 'emotional', 'sustainable'])
  loyalty?: string;

  @ApiPropertyOptional({ enum: ['end-customer', 'distributor', 'partner'] })
  @IsOptional()
  @IsIn(['end-customer', 'distributor', 'partner'])
  role?: string;

  @ApiPropertyOptional({ description: 'Name prefix, case-insensitive', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_SORTS, description: 'clp and lastTouchpoint sort descending, name ascending' })
  @IsOptional()
  @IsIn(CUSTOMER_SORTS)
  sort?: keyof typeof CUSTOMER_LIST_SORTS;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
