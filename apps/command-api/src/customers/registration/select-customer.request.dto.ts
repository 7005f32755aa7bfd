import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class SelectCustomerRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ maxLength: 500, description: 'Why this customer was chosen as a target' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
