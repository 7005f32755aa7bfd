import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

export class GetCustomerQuery {
  @ApiPropertyOptional({ description: 'Wait (bounded) until the view has applied this stream revision: read-your-writes' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minRevision?: number;
}
