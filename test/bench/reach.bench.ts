/**
 * npm run bench:reach -- --scale small|large [--reuse]
 *
 * Builds a bank on MariaDB/MySQL (BENCH_MYSQL_URL, else TEST_MYSQL_URL, else local root) with
 * multi-row INSERT … SELECT (not the API), brings reach up to date with the real ReachRebuild
 * (the whole history is a backlog), folds a further batch of check-ins with the real ReachFolder,
 * then times ReachService.compute (the engine behind `reach`, without HTTP) for three questions,
 * and the same questions answered by a plain GROUP BY over the raw check-ins.
 *
 * The large scale needs more than MariaDB's default 128 MB buffer pool: the run raises
 * innodb_buffer_pool_size (and the redo log) for itself with SET GLOBAL and puts them back.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Clock } from 'src/common/clock';
import { AppConfig, loadConfig } from 'src/config/app-config';
import { dataSourceOptions } from 'src/database/data-source-options';
import { runPendingMigrations } from 'src/database/migration-runner';
import { ReachDimension } from 'src/reach/dto/reach.model';
import { ReachFolder } from 'src/reach/reach-folder';
import { ReachRebuild } from 'src/reach/reach-rebuild';
import { ReachRepository } from 'src/reach/reach.repository';
import { ReachQuery, ReachService } from 'src/reach/reach.service';
import { existingDatabase, freshDatabase } from './bench-server';

const SCALES = {
  small: { branches: 4, subBranches: 40, outlets: 400, events: 20_000, checkInsPerEvent: 20, runs: 20, plainRuns: 5 },
  large: { branches: 40, subBranches: 2_000, outlets: 16_000, events: 1_000_000, checkInsPerEvent: 20, runs: 20, plainRuns: 3 },
};
/** Server settings for the large run: the bank (about 25 GB with indexes) cannot fit, but the rollups and hot pages can. */
const LARGE_SERVER = { innodb_buffer_pool_size: 12 * 1024 ** 3, innodb_log_file_size: 2 * 1024 ** 3 };
/** Check-ins added after the rebuild, for the incremental folder to fold. */
const LATE_CHECK_INS = 10_000;
const GROUPS = ['ELDERLY', 'YOUTH', 'NEW_CITIZEN', 'DISABLED', 'ETHNIC_MINORITY', 'GENERAL'];
const VENUES = ['VILLAGE', 'COMMUNITY', 'SCHOOL', 'ENTERPRISE', 'BUSINESS_DISTRICT', 'OUTLET', 'ONLINE'];
const ENTITIES = [join(__dirname, '..', '..', 'src', '**', '*.entity.{ts,js}')];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const scaleName = arg('scale', 'small') as keyof typeof SCALES;
  const scale = SCALES[scaleName];
  if (!scale) throw new Error('--scale small|large');
  // --reuse: time the questions on the bank an earlier run of this scale left (after a change to the query side).
  const reuse = process.argv.includes('--reuse');
  const url = reuse ? existingDatabase(`finreach_bench_reach_${scaleName}`) : await freshDatabase(`finreach_bench_reach_${scaleName}`);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', APP_SECRET: 'bench-secret-0123456789abcdef0123456789abcdef', DATABASE_URL: url, REACH_FOLD_INTERVAL_MS: '0' });
  const ds = await new DataSource(dataSourceOptions(config.database, ENTITIES)).initialize();
  const restore = scaleName === 'large' ? await raiseServerSettings(ds, LARGE_SERVER) : async () => undefined;
  try {
    await run(ds, config, scaleName, scale, reuse);
  } finally {
    await restore();
    await ds.destroy();
  }
}

/** Raises global server variables that are below `wanted`; returns what puts them back. */
async function raiseServerSettings(ds: DataSource, wanted: Record<string, number>): Promise<() => Promise<void>> {
  const before: [string, number][] = [];
  for (const [name, value] of Object.entries(wanted)) {
    const [row] = await ds.query(`SELECT @@GLOBAL.${name} AS v`);
    if (Number(row.v) >= value) continue;
    before.push([name, Number(row.v)]);
    await ds.query(`SET GLOBAL ${name} = ${value}`);
    console.log(`${name}: ${row.v} -> ${value} for this run`);
  }
  return async () => {
    for (const [name, value] of before) await ds.query(`SET GLOBAL ${name} = ${value}`);
  };
}

async function run(ds: DataSource, config: AppConfig, scaleName: string, scale: (typeof SCALES)['small'], reuse: boolean): Promise<void> {
  await runPendingMigrations(ds);
  console.log(`scale ${scaleName}: ${JSON.stringify(scale)}`);
  const repo = new ReachRepository(ds);
  if (reuse) {
    const [[rows]] = [await ds.query('SELECT (SELECT COUNT(*) FROM check_in) AS checkIns, (SELECT COUNT(*) FROM reach_rollup) AS rollups')];
    console.log(`reusing the bank of an earlier run: ${rows.checkIns} check-ins, ${rows.rollups} rollup rows`);
  } else {
    await load(ds, config, scale, repo);
  }
  await ask(ds, config, scale, repo);
}

/** Builds the bank, rebuilds reach over its history, then folds a few late check-ins the usual way. */
async function load(ds: DataSource, config: AppConfig, scale: (typeof SCALES)['small'], repo: ReachRepository): Promise<void> {
  const [buildMs] = await timed(() => build(ds, scale));
  const [[rawCheckIns]] = [await ds.query('SELECT COUNT(*) AS n, SUM(count) AS people FROM check_in')];
  console.log(`built in ${(buildMs / 1000).toFixed(1)} s: ${rawCheckIns.n} check-ins (${rawCheckIns.people} people)`);

  const rebuild = new ReachRebuild(ds, config, repo);
  const [rebuildMs, rebuilt] = await timed(() =>
    rebuild.rebuild({ onProgress: (p) => scale.events > 100_000 && console.log(`  rebuilt ${p.part.unitId}: ${p.events} events, ${p.rollupRows} rollup rows`) }),
  );
  console.log(`rebuilt ${rebuilt.events} events and ${rebuilt.checkIns} check-ins in ${(rebuildMs / 1000).toFixed(1)} s (${rebuilt.parts} parts, ${rebuilt.rollupRows} rollup rows)`);

  await ds.query(
    `INSERT INTO check_in (event_id, client_id, target_group, count, checked_in_at, received_at, recorded_by_id, batch_id)
     SELECT CONCAT('e-', (n * 7919) MOD ${scale.events}), CONCAT('late-', n), 'ELDERLY', 1, NOW(), NOW(), 'bench', 'bench' FROM bench_seq WHERE n < ${LATE_CHECK_INS}`,
  );
  const folder = new ReachFolder(ds, config, repo);
  const [foldMs, folded] = await timed(() => folder.foldAll());
  console.log(`then folded ${folded.checkIns} new check-ins incrementally in ${(foldMs / 1000).toFixed(1)} s`);
  const [[rollups]] = [await ds.query('SELECT COUNT(*) AS n FROM reach_rollup')];
  console.log(`reach_rollup rows: ${rollups.n}`);
}

/** Times the three questions through ReachService.compute and as a plain GROUP BY over the raw check-ins. */
async function ask(ds: DataSource, config: AppConfig, scale: (typeof SCALES)['small'], repo: ReachRepository): Promise<void> {
  // compute() needs only the repository, the config and a clock; scope checks are not part of the timing.
  const service = new ReachService(config, repo, null as never, null as never, null as never, new Clock());
  const questions: { name: string; query: ReachQuery; plain: [string, unknown[]] }[] = [
    {
      name: 'head office, 2025, by TARGET_GROUP',
      query: { unitId: 'u-0', from: '2025-01-01', to: '2025-12-31', dimensions: [ReachDimension.TARGET_GROUP] },
      plain: [
        `SELECT c.target_group, SUM(c.count) AS attendees FROM check_in c JOIN event e ON e.id = c.event_id
           JOIN org_unit_closure oc ON oc.descendant_id = e.org_unit_id AND oc.ancestor_id = 'u-0'
          WHERE e.status IN ('IN_PROGRESS', 'COMPLETED') AND e.starts_at >= ? AND e.starts_at < ? GROUP BY c.target_group`,
        ['2024-12-31 16:00:00', '2025-12-31 16:00:00'],
      ],
    },
    {
      name: 'branch b-0, 2025, by ORG_UNIT',
      query: { unitId: 'b-0', from: '2025-01-01', to: '2025-12-31', dimensions: [ReachDimension.ORG_UNIT] },
      plain: [
        `SELECT ch.id, COUNT(DISTINCT e.id) AS events, SUM(c.count) AS attendees FROM check_in c JOIN event e ON e.id = c.event_id
           JOIN org_unit_closure oc ON oc.descendant_id = e.org_unit_id JOIN org_unit ch ON ch.id = oc.ancestor_id AND ch.parent_id = 'b-0'
          WHERE e.status IN ('IN_PROGRESS', 'COMPLETED') AND e.starts_at >= ? AND e.starts_at < ? GROUP BY ch.id`,
        ['2024-12-31 16:00:00', '2025-12-31 16:00:00'],
      ],
    },
    {
      name: 'head office, March 2025, by DAY',
      query: { unitId: 'u-0', from: '2025-03-01', to: '2025-03-31', dimensions: [ReachDimension.DAY] },
      plain: [
        `SELECT DATE(e.starts_at + INTERVAL 8 HOUR) AS day, COUNT(DISTINCT e.id) AS events, SUM(c.count) AS attendees FROM check_in c JOIN event e ON e.id = c.event_id
          WHERE e.status IN ('IN_PROGRESS', 'COMPLETED') AND e.starts_at >= ? AND e.starts_at < ? GROUP BY day`,
        ['2025-02-28 16:00:00', '2025-03-31 16:00:00'],
      ],
    },
  ];

  for (const q of questions) {
    const reachTimes: number[] = [];
    let report: Awaited<ReturnType<ReachService['compute']>> | undefined;
    for (let i = 0; i < scale.runs + 2; i++) {
      const [ms, r] = await timed(() => service.compute(q.query));
      if (i >= 2) reachTimes.push(ms); // two warm-up runs
      report = r;
    }
    const plainTimes: number[] = [];
    let plainRows: { attendees: unknown }[] = [];
    for (let i = 0; i < scale.plainRuns; i++) {
      const [ms, rows] = await timed(() => ds.query(q.plain[0], q.plain[1]));
      plainTimes.push(ms);
      plainRows = rows;
    }
    reachTimes.sort((a, b) => a - b);
    plainTimes.sort((a, b) => a - b);
    const plainAttendees = plainRows.reduce((s, r) => s + Number(r.attendees), 0);
    console.log(`\n${q.name}`);
    console.log(`  reach:      p50 ${percentile(reachTimes, 50).toFixed(1)} ms, p95 ${percentile(reachTimes, 95).toFixed(1)} ms (${reachTimes.length} runs), ${report!.rows.length} rows`);
    console.log(`  totals:     ${JSON.stringify(report!.totals)}`);
    console.log(`  plain:      p50 ${percentile(plainTimes, 50).toFixed(1)} ms, p95 ${percentile(plainTimes, 95).toFixed(1)} ms (${plainTimes.length} runs), attendees ${plainAttendees}`);
    console.log(`  same attendees: ${plainAttendees === report!.totals.attendees}; speed-up (p50): ${(percentile(plainTimes, 50) / percentile(reachTimes, 50)).toFixed(0)}x`);
  }
}

async function build(ds: DataSource, s: (typeof SCALES)['small']): Promise<void> {
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SET SESSION foreign_key_checks = 0');
    const max = Math.max(s.outlets, s.events, 1000);
    await runner.query('CREATE TABLE bench_seq (n INT PRIMARY KEY)');
    await runner.query('INSERT INTO bench_seq (n) VALUES (0)');
    for (let size = 1; size < max; size *= 2) await runner.query(`INSERT INTO bench_seq (n) SELECT n + ${size} FROM bench_seq WHERE n + ${size} < ${max}`);

    const now = "'2025-01-01 00:00:00'";
    const unit = (id: string, code: string, name: string, level: string, parent: string, from: string, root = 'NULL') =>
      `INSERT INTO org_unit (id, code, name, level, parent_id, root_marker, created_at) SELECT ${id}, ${code}, ${name}, '${level}', ${parent}, ${root}, ${now} FROM ${from}`;
    await runner.query(unit("'u-0'", "'HO'", "'总行'", 'HEAD_OFFICE', 'NULL', '(SELECT 1) x', "'ROOT'"));
    await runner.query(unit("CONCAT('b-', n)", "CONCAT('B', n)", "CONCAT('分行', n)", 'BRANCH', "'u-0'", `bench_seq WHERE n < ${s.branches}`));
    await runner.query(unit("CONCAT('s-', n)", "CONCAT('S', n)", "CONCAT('支行', n)", 'SUB_BRANCH', `CONCAT('b-', n MOD ${s.branches})`, `bench_seq WHERE n < ${s.subBranches}`));
    await runner.query(unit("CONCAT('o-', n)", "CONCAT('O', n)", "CONCAT('网点', n)", 'OUTLET', `CONCAT('s-', n MOD ${s.subBranches})`, `bench_seq WHERE n < ${s.outlets}`));
    await runner.query('INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth) SELECT id, id, 0 FROM org_unit');
    await runner.query('INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth) SELECT parent_id, id, 1 FROM org_unit WHERE parent_id IS NOT NULL');
    await runner.query('INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth) SELECT p.parent_id, u.id, 2 FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE p.parent_id IS NOT NULL');
    await runner.query(
      'INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth) SELECT g.parent_id, u.id, 3 FROM org_unit u JOIN org_unit p ON p.id = u.parent_id JOIN org_unit g ON g.id = p.parent_id WHERE g.parent_id IS NOT NULL',
    );
    await runner.query(
      `INSERT INTO campaign (id, name, start_date, end_date, org_unit_id, created_by_id, created_at, updated_at) SELECT CONCAT('c-', n), CONCAT('宣传周 ', n), '2025-01-01', '2025-12-31', 'u-0', 'bench', ${now}, ${now} FROM bench_seq WHERE n < 3`,
    );

    const venue = `ELT((n MOD 7) + 1, ${VENUES.map((v) => `'${v}'`).join(', ')})`;
    const group = (expr: string) => `ELT(((${expr}) MOD 6) + 1, ${GROUPS.map((g) => `'${g}'`).join(', ')})`;
    // Not n MOD 20: that would tie status to the outlet, and so to the branch (n MOD 40), leaving whole
    // branches with nothing held. Of every 20 rounds over the outlets, one is cancelled and one is still
    // scheduled; their check-ins (every event has checkInsPerEvent) must not count.
    const round = (n: string) => `((${n} DIV ${s.outlets}) MOD 20)`;
    const chunk = 50_000;
    for (let from = 0; from < s.events; from += chunk) {
      const to = Math.min(s.events, from + chunk);
      await runner.query(
        `INSERT INTO event (id, title, campaign_id, org_unit_id, venue_type, venue_name, starts_at, ends_at, topics, status, online_views, created_by_id, created_at, updated_at)
         SELECT CONCAT('e-', n), '金融知识宣传', IF(n MOD 10 < 3, CONCAT('c-', n MOD 3), NULL), CONCAT('o-', n MOD ${s.outlets}), ${venue}, '活动场地',
                TIMESTAMPADD(HOUR, (n MOD 365) * 24 + (n MOD 14), '2024-12-31 16:00:00'), TIMESTAMPADD(HOUR, (n MOD 365) * 24 + (n MOD 14) + 2, '2024-12-31 16:00:00'),
                '[]', ELT(IF(${round('n')} < 2, ${round('n')} + 1, 3), 'CANCELLED', 'SCHEDULED', 'COMPLETED'), IF(n MOD 7 = 6, 50, NULL), 'bench', ${now}, ${now}
           FROM bench_seq WHERE n >= ${from} AND n < ${to}`,
      );
      await runner.query(`INSERT INTO event_target_group (event_id, target_group) SELECT CONCAT('e-', n), ${group('n')} FROM bench_seq WHERE n >= ${from} AND n < ${to}`);
      await runner.query(`INSERT INTO event_target_group (event_id, target_group) SELECT CONCAT('e-', n), ${group('n + 2')} FROM bench_seq WHERE n >= ${from} AND n < ${to} AND n MOD 2 = 1`);
      await runner.query(
        `INSERT INTO event_assignment (event_id, user_id, role, joined_by_link, assigned_at) SELECT CONCAT('e-', n), CONCAT('user-', n MOD 997), 'LEAD', 0, ${now} FROM bench_seq WHERE n >= ${from} AND n < ${to}`,
      );
      await runner.query(
        `INSERT INTO check_in (event_id, client_id, target_group, count, checked_in_at, received_at, recorded_by_id, batch_id)
         SELECT CONCAT('e-', a.n), CONCAT('ci-', a.n, '-', b.n), ${group('a.n + b.n')}, 1 + (b.n MOD 3), ${now}, ${now}, 'bench', 'bench'
           FROM bench_seq a JOIN bench_seq b ON b.n < ${s.checkInsPerEvent} WHERE a.n >= ${from} AND a.n < ${to}`,
      );
      if (s.events > chunk) console.log(`  events ${to}/${s.events}`);
    }
  } finally {
    await runner.release();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
