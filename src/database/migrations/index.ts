// Migrations are listed explicitly (not globbed) so they load the same from
// ts-node, Jest and the compiled build. `npm run migration:generate` rewrites this file.
import type { MigrationInterface } from 'typeorm';
import { Init1795435175032 as mysqlInit1795435175032 } from './mysql/1795435175032-Init';
import { Init1795435175032 as sqliteInit1795435175032 } from './sqlite/1795435175032-Init';

type MigrationClass = new () => MigrationInterface;

export const mysqlMigrations: MigrationClass[] = [mysqlInit1795435175032];
export const sqliteMigrations: MigrationClass[] = [sqliteInit1795435175032];
