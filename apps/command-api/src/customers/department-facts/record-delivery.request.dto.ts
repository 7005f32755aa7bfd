import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import type { DeliveryStatus } from '@crm/domain';

export class RecordDeliveryRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  orderId: string;

  @ApiProperty({ enum: ['shipped', 'delivered', 'delayed'] })
  @IsIn(['shipped', 'delivered', 'delayed'])
  status: DeliveryStatus;

  @ApiPropertyOptional({ minimum: 1, description: "Days late; required when status is 'delayed'" })
  @ValidateIf((request: RecordDeliveryRequest) => request.status === 'delayed' || request.delayDays !== undefined)
  @IsInt()
  @Min(1)
  delayDays?: number;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
