import { MigrationInterface, QueryRunner } from 'typeorm';

export class ScheduledRuns1796162691348 implements MigrationInterface {
  name = 'ScheduledRuns1796162691348';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"scheduled_run\" (\"job\" varchar(64) NOT NULL, \"slot\" varchar(32) NOT NULL, \"claimed_by\" varchar(36) NOT NULL, \"lease_until\" datetime(3) NOT NULL, \"attempts\" integer NOT NULL, \"finished_at\" datetime(3), PRIMARY KEY (\"job\", \"slot\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"scheduled_run\"");
  }
}
