import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from '@fastify/helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/logger';
import { Metrics } from '../metrics/metrics';
import { ProblemFilter, type ErrorMapper } from './problem.filter';
import { createValidationPipe } from './validation.pipe';

export interface HttpAppOptions {
  title: string;
  description: string;
  logger: Logger;
  errorMappers?: ErrorMapper[];
  bodyLimitBytes: number;
}

/**
 * Builds a Nest app on Fastify with the shared pipeline: security headers, a body size limit,
 * validation, problem bodies, metrics, OpenAPI at /docs. Authentication is the AuthModule's
 * global guard.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimitBytes, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new PinoNestLogger(options.logger.child({ component: 'nest' })),
  });
  // The Swagger UI at /docs needs its inline styles and data: images; nothing else is relaxed.
  await app.register(helmet as never, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'validator.swagger.io'], scriptSrc: ["'self'"] },
    },
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter(options.logger, options.errorMappers));
  app.enableShutdownHooks();
  instrument(app, app.get(Metrics));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

function instrument(app: INestApplication, metrics: Metrics): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
}
