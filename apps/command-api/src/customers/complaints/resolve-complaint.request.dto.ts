import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ResolveComplaintRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  outcome: string;

  @ApiProperty()
  @IsBoolean()
  customerSatisfied: boolean;
}
