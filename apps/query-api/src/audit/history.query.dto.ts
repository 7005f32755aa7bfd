import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export class HistoryQuery {
  @ApiPropertyOptional({ description: 'Revision to continue after (the nextCursor of the previous page)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class StateQuery {
  @ApiPropertyOptional({ description: 'The relationship as the system knew it at this time (recording time)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ description: 'The relationship after this stream revision' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  atRevision?: number;
}
