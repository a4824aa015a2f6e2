import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796163595973 implements MigrationInterface {
  name = 'Notifications1796163595973';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"email_outbox\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"template\" varchar(40) NOT NULL, \"locale\" varchar(10) NOT NULL, \"recipient\" varchar(254) NOT NULL, \"recipient_name\" varchar(100) NOT NULL, \"user_id\" varchar(36), \"subject\" varchar(300) NOT NULL, \"model\" text NOT NULL, \"dedupe_key\" varchar(191), \"status\" varchar(16) NOT NULL, \"attempts\" integer NOT NULL, \"next_attempt_at\" datetime(3) NOT NULL, \"last_error\" varchar(1000), \"claimed_by\" varchar(36), \"lease_until\" datetime(3), \"created_at\" datetime(3) NOT NULL, \"sent_at\" datetime(3))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_email_outbox_dedupe\" ON \"email_outbox\" (\"dedupe_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_email_outbox_created\" ON \"email_outbox\" (\"created_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_email_outbox_due\" ON \"email_outbox\" (\"status\", \"next_attempt_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_email_outbox_due\"");
    await queryRunner.query("DROP INDEX \"IDX_email_outbox_created\"");
    await queryRunner.query("DROP INDEX \"UQ_email_outbox_dedupe\"");
    await queryRunner.query("DROP TABLE \"email_outbox\"");
  }
}
