/**
 * `npm run reach:rebuild`
 *
 * Recomputes reach_rollup and reach_event of DATABASE_URL from the domain tables
 * (see ReachRebuild): after a bulk import of past events, after the folder was
 * off for a long time, or after APP_TIMEZONE changed. Safe while the service runs.
 */
import 'reflect-metadata';
import { loadConfig, redactUrl } from 'src/config/app-config';
import { exitWhenDone, withMigratedDataSource } from 'src/database/cli/open-data-source';
import { ReachRebuild } from 'src/reach/reach-rebuild';
import { ReachRepository } from 'src/reach/reach.repository';

async function main(): Promise<number> {
  const config = loadConfig();
  return withMigratedDataSource(config.database, async (dataSource) => {
    const started = Date.now();
    const rebuild = new ReachRebuild(dataSource, config, new ReachRepository(dataSource));
    const result = await rebuild.rebuild({
      onProgress: (p) => console.log(`  ${p.part.unitId}: ${p.events} events, ${p.checkIns} check-ins newly folded, ${p.rollupRows} rollup rows`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Rebuilt reach of ${redactUrl(config.database.url)} in ${seconds} s: ${result.parts} parts, ${result.events} events, ${result.rollupRows} rollup rows.`);
    return 0;
  });
}

exitWhenDone('reach:rebuild', main());
