import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
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
  secure(app);
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

/** The headers helmet sets, read once from a response it secured: they are the same on every response. */
function securityHeaders(): Record<string, string> {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  // The Swagger UI at /docs needs its inline styles and data: images; nothing else is relaxed.
  helmet({
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'validator.swagger.io'], scriptSrc: ["'self'"] },
    },
  })(response.req, response, (error) => {
    if (error) throw error;
  });
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

/**
 * Security headers on every response, as reply headers: set on the raw response per request
 * (as helmet and @fastify/helmet do), they would also push every other header of the response
 * through Node's slow path.
 */
function secure(app: NestFastifyApplication): void {
  const headers = securityHeaders();
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

function instrument(app: INestApplication, metrics: Metrics): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeHttpRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}
