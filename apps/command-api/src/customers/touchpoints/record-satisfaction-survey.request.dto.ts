import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, Max, Min } from 'class-validator';

export class RecordSatisfactionSurveyRequest {
  @ApiProperty()
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsInt()
  @Min(0)
  @Max(10)
  score: number;
}
