// Migrations are listed explicitly (not globbed) so they load the same from
// ts-node, Jest and the compiled build. `npm run migration:generate` rewrites this file.
import type { MigrationInterface } from 'typeorm';
import { Init1795435175032 as mysqlInit1795435175032 } from './mysql/1795435175032-Init';
import { Planning1795436329211 as mysqlPlanning1795436329211 } from './mysql/1795436329211-Planning';
import { CheckIn1795436391340 as mysqlCheckIn1795436391340 } from './mysql/1795436391340-CheckIn';
import { Materials1795437601785 as mysqlMaterials1795437601785 } from './mysql/1795437601785-Materials';
import { ReachRollups1795437786042 as mysqlReachRollups1795437786042 } from './mysql/1795437786042-ReachRollups';
import { ScheduledRuns1796162691348 as mysqlScheduledRuns1796162691348 } from './mysql/1796162691348-ScheduledRuns';
import { AuditLog1796163229835 as mysqlAuditLog1796163229835 } from './mysql/1796163229835-AuditLog';
import { CheckInRetention1796163250794 as mysqlCheckInRetention1796163250794 } from './mysql/1796163250794-CheckInRetention';
import { Notifications1796163595973 as mysqlNotifications1796163595973 } from './mysql/1796163595973-Notifications';
import { Feedback1796167428859 as mysqlFeedback1796167428859 } from './mysql/1796167428859-Feedback';
import { FeedbackReach1796599892479 as mysqlFeedbackReach1796599892479 } from './mysql/1796599892479-FeedbackReach';
import { ReachYearRollups1796613789233 as mysqlReachYearRollups1796613789233 } from './mysql/1796613789233-ReachYearRollups';
import { ReachFoldNumbers1796616937347 as mysqlReachFoldNumbers1796616937347 } from './mysql/1796616937347-ReachFoldNumbers';
import { Init1795435175032 as sqliteInit1795435175032 } from './sqlite/1795435175032-Init';
import { Planning1795436329211 as sqlitePlanning1795436329211 } from './sqlite/1795436329211-Planning';
import { CheckIn1795436391340 as sqliteCheckIn1795436391340 } from './sqlite/1795436391340-CheckIn';
import { Materials1795437601785 as sqliteMaterials1795437601785 } from './sqlite/1795437601785-Materials';
import { ReachRollups1795437786042 as sqliteReachRollups1795437786042 } from './sqlite/1795437786042-ReachRollups';
import { ScheduledRuns1796162691348 as sqliteScheduledRuns1796162691348 } from './sqlite/1796162691348-ScheduledRuns';
import { AuditLog1796163229835 as sqliteAuditLog1796163229835 } from './sqlite/1796163229835-AuditLog';
import { CheckInRetention1796163250794 as sqliteCheckInRetention1796163250794 } from './sqlite/1796163250794-CheckInRetention';
import { Notifications1796163595973 as sqliteNotifications1796163595973 } from './sqlite/1796163595973-Notifications';
import { Feedback1796167428859 as sqliteFeedback1796167428859 } from './sqlite/1796167428859-Feedback';
import { FeedbackReach1796599892479 as sqliteFeedbackReach1796599892479 } from './sqlite/1796599892479-FeedbackReach';
import { ReachYearRollups1796613789233 as sqliteReachYearRollups1796613789233 } from './sqlite/1796613789233-ReachYearRollups';
import { ReachFoldNumbers1796616937347 as sqliteReachFoldNumbers1796616937347 } from './sqlite/1796616937347-ReachFoldNumbers';

type MigrationClass = new () => MigrationInterface;

export const mysqlMigrations: MigrationClass[] = [mysqlInit1795435175032, mysqlPlanning1795436329211, mysqlCheckIn1795436391340, mysqlMaterials1795437601785, mysqlReachRollups1795437786042, mysqlScheduledRuns1796162691348, mysqlAuditLog1796163229835, mysqlCheckInRetention1796163250794, mysqlNotifications1796163595973, mysqlFeedback1796167428859, mysqlFeedbackReach1796599892479, mysqlReachYearRollups1796613789233, mysqlReachFoldNumbers1796616937347];
export const sqliteMigrations: MigrationClass[] = [sqliteInit1795435175032, sqlitePlanning1795436329211, sqliteCheckIn1795436391340, sqliteMaterials1795437601785, sqliteReachRollups1795437786042, sqliteScheduledRuns1796162691348, sqliteAuditLog1796163229835, sqliteCheckInRetention1796163250794, sqliteNotifications1796163595973, sqliteFeedback1796167428859, sqliteFeedbackReach1796599892479, sqliteReachYearRollups1796613789233, sqliteReachFoldNumbers1796616937347];
