import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { CreditEventKind } from '@crm/domain';

export class RecordCreditEventRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ enum: ['limit-set', 'payment-received', 'payment-overdue'] })
  @IsIn(['limit-set', 'payment-received', 'payment-overdue'])
  kind: CreditEventKind;

  @ApiProperty({ minimum: 0, description: 'The new limit, the amount paid, or the amount overdue' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  amount: number;

  @ApiPropertyOptional({ maxLength: 100, description: 'Invoice or payment reference' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}
