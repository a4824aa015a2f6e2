import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { createAdmin, hasAnyUser } from 'src/auth/first-admin';
import { ConflictError } from 'src/common/errors';
import { AppConfig } from 'src/config/app-config';
import { serialiseSqliteTransactions } from 'src/database/sqlite-serial';
import { isUniqueViolation } from 'src/database/db-errors';
import { runPendingMigrations } from 'src/database/migration-runner';
import { loadDemoBank } from 'seeds/load-demo-bank';

export const MAX_BODY_BYTES = '1mb';

/** Builds the application: migrations applied, first data in place, not yet listening. */
export async function createApp(config: AppConfig, options: { logger?: false | ('error' | 'warn' | 'log')[] } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.useBodyParser('urlencoded', { limit: MAX_BODY_BYTES, extended: false });
  // Right behind the body parsers, ahead of Nest's own exception handler (added at init): a body that
  // cannot be read (bad JSON, too large) is answered here in the contract's shape.
  app.use(requestErrorHandler);
  app.enableShutdownHooks();

  const dataSource = app.get(DataSource);
  serialiseSqliteTransactions(dataSource);
  await runPendingMigrations(dataSource);
  await prepareData(dataSource, config);

  await app.init();
  return app;
}

/** On an empty database: the demo bank when SEED_DEMO is on, and the first admin from ADMIN_EMAIL. */
async function prepareData(dataSource: DataSource, config: AppConfig): Promise<void> {
  if (await hasAnyUser(dataSource)) return;
  const logger = new Logger('Bootstrap');
  try {
    if (config.seedDemo) {
      const loaded = await loadDemoBank(dataSource);
      logger.log(`Loaded the demo bank: ${loaded.units} org units, ${loaded.users} users.`);
    }
    if (config.adminEmail && config.adminPassword) {
      await createAdmin(dataSource, { email: config.adminEmail, password: config.adminPassword, headOfficeName: config.headOfficeName });
      logger.log(`Created the first administrator ${config.adminEmail}.`);
    }
  } catch (error) {
    // Several instances started together on an empty database: one wins, the others find its rows and go on.
    if ((isUniqueViolation(error) || error instanceof ConflictError) && (await hasAnyUser(dataSource))) {
      logger.log('Another instance prepared the first data.');
      return;
    }
    throw error;
  }
}

function requestErrorHandler(error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message =
    error.type === 'entity.too.large'
      ? `The request body is larger than ${MAX_BODY_BYTES}.`
      : error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : status < 500
          ? 'The request could not be read.'
          : 'Internal server error.';
  if (status >= 500) new Logger('HTTP').error(error);
  res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR', fields: [] } }] });
}
