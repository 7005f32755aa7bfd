import type { DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { loadAppConfig, type AppConfig } from './config/app-config';
import { createHttpApp, type HttpAppOptions } from './http/http-app';
import { createLogger } from './logging/logger';

export interface AppDescription extends Omit<HttpAppOptions, 'logger' | 'bodyLimitBytes'> {
  name: string;
  module: (config: AppConfig, logger: Logger) => DynamicModule;
}

/**
 * Every app's main: validate the configuration (exit 1 with the problems on a bad one), build
 * the Nest app, listen. Returns the app so tests can start one in-process.
 */
export async function runApp(description: AppDescription, env: NodeJS.ProcessEnv = process.env) {
  let config: AppConfig;
  try {
    config = loadAppConfig(env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, description.name);
  const app = await createHttpApp(description.module(config, logger), { ...description, logger, bodyLimitBytes: config.httpBodyLimitBytes });
  await app.listen(config.port, config.host);
  logger.info({ url: await app.getUrl(), dataDir: config.dataDir }, `${description.name} listening`);
  return app;
}
