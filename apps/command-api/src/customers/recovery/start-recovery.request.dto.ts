import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class StartRecoveryRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ maxLength: 1000, description: 'What the win-back attempt offers' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  offer: string;
}
