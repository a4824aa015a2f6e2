import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from 'src/bootstrap';
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
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('finreach').log(`Listening on ${config.publicUrl} (database: ${config.database.type}).`);
}

main().catch((error: unknown) => {
  console.error('finreach could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
