import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { createApp, GracefulShutdown } from 'src/bootstrap';
import { runPrimary } from 'src/cluster';
import { ConfigError, loadConfig } from 'src/config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (config.workers > 1 && cluster.isPrimary) {
    runPrimary(config.workers, config.shutdownTimeoutMs);
    return;
  }
  const app = await createApp(config);
  // SIGTERM (or Ctrl-C): stop taking requests, finish those in flight and the workers' batches, exit 0.
  new GracefulShutdown(app, config.shutdownTimeoutMs).listen();
  // Every interface, as Node's own default: Fastify alone would listen on localhost only.
  await app.listen(config.port, '0.0.0.0');
  const { port } = app.getHttpServer().address() as AddressInfo;
  new Logger('finreach').log(`Listening on port ${port}: ${config.publicUrl} (database: ${config.database.type}).`);
}

main().catch((error: unknown) => {
  console.error('finreach could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
