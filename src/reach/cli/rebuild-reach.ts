/**
 * `npm run reach:rebuild`
 *
 * Recomputes reach_rollup and reach_event of DATABASE_URL from the domain tables
 * (see ReachRebuild): after a bulk import of past events, after the folder was
 * off for a long time, or after APP_TIMEZONE changed. Safe while the service runs.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig, redactUrl } from 'src/config/app-config';
import { openMigratedDataSource } from 'src/database/cli/open-data-source';
import { ReachRebuild } from 'src/reach/reach-rebuild';
import { ReachRepository } from 'src/reach/reach.repository';

async function main(): Promise<number> {
  const config = loadConfig();
  const dataSource = await openMigratedDataSource(config.database);
  try {
    const started = Date.now();
    const rebuild = new ReachRebuild(dataSource, config, new ReachRepository(dataSource));
    const result = await rebuild.rebuild({
      onProgress: (p) => console.log(`  ${p.part.unitId}: ${p.events} events, ${p.checkIns} check-ins newly folded, ${p.rollupRows} rollup rows`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Rebuilt reach of ${redactUrl(config.database.url)} in ${seconds} s: ${result.parts} parts, ${result.events} events, ${result.rollupRows} rollup rows.`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error('reach:rebuild failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
