/**
 * Entry of the bare server (a child process of the HTTP scenarios): Nest on Fastify with the
 * platform's validation pipe and one controller. Env: PORT, HOST, BARE_DOCUMENT_FILE.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe } from '@crm/platform';
import { bareHttpModule } from './bare-http.app';

async function main(): Promise<void> {
  const document: unknown = JSON.parse(readFileSync(process.env.BARE_DOCUMENT_FILE ?? '', 'utf8'));
  const app = await NestFactory.create<NestFastifyApplication>(bareHttpModule(document), new FastifyAdapter({ logger: false }), { logger: ['error'] });
  app.useGlobalPipes(createValidationPipe());
  await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
}

void main();
