#!/usr/bin/env node
// `npm test`: every suite on SQLite, then the integration and fault suites again on
// MySQL/MariaDB when TEST_MYSQL_URL is set (each test file on its own throwaway database).
// Paths given on the command line (`npm test -- test/faults`) narrow both passes.
const { spawnSync } = require('node:child_process');

const extra = process.argv.slice(2);
const paths = extra.filter((arg) => !arg.startsWith('-'));
const MYSQL_SUITES = ['test/integration', 'test/faults'];
const jest = require.resolve('jest/bin/jest');

function run(label, env, args) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(process.execPath, [jest, ...args, ...extra], { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

let status = run(paths.length ? `SQLite: ${paths.join(' ')}` : 'SQLite: all suites', { TEST_DB: 'sqlite' }, []);
if (process.env.TEST_MYSQL_URL) {
  const label = paths.length ? paths.join(' ') : 'integration and fault suites';
  status = run(`MySQL/MariaDB: ${label}`, { TEST_DB: 'mysql' }, paths.length ? [] : MYSQL_SUITES) || status;
} else if (process.env.CI === 'true') {
  console.error('\nMySQL/MariaDB run FAILED: TEST_MYSQL_URL is not set, and CI must test on MySQL/MariaDB.');
  status = 1;
} else {
  console.log('\nMySQL/MariaDB run skipped: TEST_MYSQL_URL is not set (e.g. TEST_MYSQL_URL=mysql://root@127.0.0.1:3306 npm test).');
}
process.exit(status);
