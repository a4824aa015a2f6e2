import { MigrationInterface, QueryRunner } from 'typeorm';

/** check_in.reach_folded becomes the number of the fold that counted the row (0: not yet); the table is copied with its marks. */
export class ReachFoldNumbers1796616937347 implements MigrationInterface {
  name = 'ReachFoldNumbers1796616937347';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_check_in_reach_fold\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_retention\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_event_group\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_phone\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_client\"");
    await queryRunner.query("CREATE TABLE \"temporary_check_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" varchar(36) NOT NULL, \"client_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"count\" integer NOT NULL, \"name\" varchar(100), \"phone_hmac\" varchar(64), \"phone_masked\" varchar(11), \"checked_in_at\" datetime(3) NOT NULL, \"received_at\" datetime(3) NOT NULL, \"recorded_by_id\" varchar(36) NOT NULL, \"batch_id\" varchar(36) NOT NULL, \"pii_erased_at\" datetime(3), \"reach_folded\" integer NOT NULL DEFAULT (0), CONSTRAINT \"FK_58f16b5ac6fe55649c502f9f309\" FOREIGN KEY (\"event_id\") REFERENCES \"event\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_dcdf0001e21ce1e94a416d83953\" FOREIGN KEY (\"recorded_by_id\") REFERENCES \"app_user\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_check_in\"(\"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\", \"reach_folded\") SELECT \"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\", \"reach_folded\" FROM \"check_in\"");
    await queryRunner.query("DROP TABLE \"check_in\"");
    await queryRunner.query("ALTER TABLE \"temporary_check_in\" RENAME TO \"check_in\"");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_retention\" ON \"check_in\" (\"pii_erased_at\", \"checked_in_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_event_group\" ON \"check_in\" (\"event_id\", \"target_group\", \"count\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_phone\" ON \"check_in\" (\"event_id\", \"phone_hmac\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_client\" ON \"check_in\" (\"event_id\", \"client_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_reach_fold\" ON \"check_in\" (\"reach_folded\", \"event_id\", \"target_group\", \"count\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE \"check_in\" SET \"reach_folded\" = 1 WHERE \"reach_folded\" <> 0");
    await queryRunner.query("DROP INDEX \"IDX_check_in_reach_fold\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_client\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_phone\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_event_group\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_retention\"");
    await queryRunner.query("ALTER TABLE \"check_in\" RENAME TO \"temporary_check_in\"");
    await queryRunner.query("CREATE TABLE \"check_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" varchar(36) NOT NULL, \"client_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"count\" integer NOT NULL, \"name\" varchar(100), \"phone_hmac\" varchar(64), \"phone_masked\" varchar(11), \"checked_in_at\" datetime(3) NOT NULL, \"received_at\" datetime(3) NOT NULL, \"recorded_by_id\" varchar(36) NOT NULL, \"batch_id\" varchar(36) NOT NULL, \"pii_erased_at\" datetime(3), \"reach_folded\" boolean NOT NULL DEFAULT (0), CONSTRAINT \"FK_58f16b5ac6fe55649c502f9f309\" FOREIGN KEY (\"event_id\") REFERENCES \"event\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_dcdf0001e21ce1e94a416d83953\" FOREIGN KEY (\"recorded_by_id\") REFERENCES \"app_user\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"check_in\"(\"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\", \"reach_folded\") SELECT \"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\", \"reach_folded\" FROM \"temporary_check_in\"");
    await queryRunner.query("DROP TABLE \"temporary_check_in\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_client\" ON \"check_in\" (\"event_id\", \"client_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_phone\" ON \"check_in\" (\"event_id\", \"phone_hmac\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_event_group\" ON \"check_in\" (\"event_id\", \"target_group\", \"count\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_retention\" ON \"check_in\" (\"pii_erased_at\", \"checked_in_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_reach_fold\" ON \"check_in\" (\"reach_folded\", \"event_id\", \"target_group\", \"count\") ");
  }
}
