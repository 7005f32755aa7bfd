import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, Reads } from '../auth/permission.decorator';
import { HealthRegistry } from '../health/health.registry';
import { Metrics } from '../metrics/metrics';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  @Get('health')
  @Public()
  async getHealth(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.report();
    await reply.status(report.ok ? 200 : 503).send({ status: report.ok ? 'ok' : 'unavailable', checks: report.checks });
  }

  @Get('metrics')
  @Reads('metrics')
  @Header('Cache-Control', 'no-store')
  async getMetrics(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('Content-Type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
