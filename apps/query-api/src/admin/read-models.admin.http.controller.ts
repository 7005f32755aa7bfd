import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, ProblemException, Reads } from '@crm/platform';
import { ReadModelRebuilds, type RebuildStatus } from './read-model-rebuilds';

@ApiTags('admin')
@Controller('admin/read-models')
export class ReadModelsAdminHttpController {
  constructor(@Inject(ReadModelRebuilds) private readonly rebuilds: ReadModelRebuilds) {}

  private known(name: string): void {
    if (!this.rebuilds.names().includes(name)) {
      throw new ProblemException(HttpStatus.NOT_FOUND, `Unknown read model ${name}`, [
        { field: 'name', reason: `must be one of ${this.rebuilds.names().join(', ')}` },
      ]);
    }
  }

  @Post(':name/rebuild')
  @Allow('RebuildReadModel')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Rebuild a read model from the event store into fresh storage and swap it in when caught up' })
  rebuild(@Param('name') name: string): RebuildStatus {
    this.known(name);
    return this.rebuilds.start(name);
  }

  @Get(':name/rebuild')
  @Reads('read-models')
  @ApiOperation({ summary: 'Progress of the last rebuild of a read model' })
  status(@Param('name') name: string): RebuildStatus {
    this.known(name);
    const status = this.rebuilds.status(name);
    if (!status) throw new ProblemException(HttpStatus.NOT_FOUND, `No rebuild of ${name} has run since start-up`);
    return status;
  }
}
