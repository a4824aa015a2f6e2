import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReachRollups1795437786042 implements MigrationInterface {
  name = 'ReachRollups1795437786042';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"reach_rollup\" (\"unit_id\" varchar(36) NOT NULL, \"period_kind\" varchar(1) NOT NULL, \"period\" varchar(10) NOT NULL, \"venue_type\" varchar(24) NOT NULL, \"campaign_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"group_mask\" integer NOT NULL, \"events\" integer NOT NULL DEFAULT (0), \"attendees\" integer NOT NULL DEFAULT (0), \"online_views\" integer NOT NULL DEFAULT (0), \"leaflets\" integer NOT NULL DEFAULT (0), \"staff\" integer NOT NULL DEFAULT (0), PRIMARY KEY (\"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\"))");
    await queryRunner.query("CREATE TABLE \"reach_event\" (\"event_id\" varchar(36) PRIMARY KEY NOT NULL, \"held\" boolean NOT NULL, \"org_unit_id\" varchar(36) NOT NULL, \"campaign_id\" varchar(36) NOT NULL, \"day\" varchar(10) NOT NULL, \"venue_type\" varchar(24) NOT NULL, \"group_mask\" integer NOT NULL, \"online_views\" integer NOT NULL, \"leaflets\" integer NOT NULL, \"staff\" integer NOT NULL, \"attendees\" text NOT NULL)");
    await queryRunner.query("CREATE TABLE \"reach_dirty_event\" (\"event_id\" varchar(36) PRIMARY KEY NOT NULL)");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_client\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_phone\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_event_group\"");
    await queryRunner.query("CREATE TABLE \"temporary_check_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" varchar(36) NOT NULL, \"client_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"count\" integer NOT NULL, \"name\" varchar(100), \"phone_hmac\" varchar(64), \"phone_masked\" varchar(11), \"checked_in_at\" datetime(3) NOT NULL, \"received_at\" datetime(3) NOT NULL, \"recorded_by_id\" varchar(36) NOT NULL, \"batch_id\" varchar(36) NOT NULL, \"pii_erased_at\" datetime(3), \"reach_folded\" boolean NOT NULL DEFAULT (0), CONSTRAINT \"FK_dcdf0001e21ce1e94a416d83953\" FOREIGN KEY (\"recorded_by_id\") REFERENCES \"app_user\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_58f16b5ac6fe55649c502f9f309\" FOREIGN KEY (\"event_id\") REFERENCES \"event\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_check_in\"(\"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\") SELECT \"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\" FROM \"check_in\"");
    await queryRunner.query("DROP TABLE \"check_in\"");
    await queryRunner.query("ALTER TABLE \"temporary_check_in\" RENAME TO \"check_in\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_client\" ON \"check_in\" (\"event_id\", \"client_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_phone\" ON \"check_in\" (\"event_id\", \"phone_hmac\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_event_group\" ON \"check_in\" (\"event_id\", \"target_group\", \"count\") ");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_reach_fold\" ON \"check_in\" (\"reach_folded\", \"event_id\", \"target_group\", \"count\") ");

    // Handwritten: event-level changes mark the event dirty in the same transaction (see ReachDirtyEventEntity),
    // and every existing event is folded once (existing check-ins start unfolded).
    await queryRunner.query("CREATE TRIGGER \"trg_reach_event_ins\" AFTER INSERT ON \"event\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (NEW.id); END");
    await queryRunner.query("CREATE TRIGGER \"trg_reach_event_upd\" AFTER UPDATE ON \"event\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (NEW.id); END");
    await queryRunner.query("CREATE TRIGGER \"trg_reach_assignment_ins\" AFTER INSERT ON \"event_assignment\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (NEW.event_id); END");
    await queryRunner.query("CREATE TRIGGER \"trg_reach_assignment_upd\" AFTER UPDATE ON \"event_assignment\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (NEW.event_id); END");
    await queryRunner.query("CREATE TRIGGER \"trg_reach_assignment_del\" AFTER DELETE ON \"event_assignment\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (OLD.event_id); END");
    await queryRunner.query("CREATE TRIGGER \"trg_reach_distribute_ins\" AFTER INSERT ON \"stock_movement\" FOR EACH ROW WHEN NEW.kind = 'DISTRIBUTE' AND NEW.event_id IS NOT NULL BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (NEW.event_id); END");
    await queryRunner.query("INSERT INTO \"reach_dirty_event\" (\"event_id\") SELECT \"id\" FROM \"event\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_event_ins\"");
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_event_upd\"");
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_assignment_ins\"");
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_assignment_upd\"");
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_assignment_del\"");
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_distribute_ins\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_reach_fold\"");
    await queryRunner.query("DROP INDEX \"IDX_check_in_event_group\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_phone\"");
    await queryRunner.query("DROP INDEX \"UQ_check_in_event_client\"");
    await queryRunner.query("ALTER TABLE \"check_in\" RENAME TO \"temporary_check_in\"");
    await queryRunner.query("CREATE TABLE \"check_in\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" varchar(36) NOT NULL, \"client_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"count\" integer NOT NULL, \"name\" varchar(100), \"phone_hmac\" varchar(64), \"phone_masked\" varchar(11), \"checked_in_at\" datetime(3) NOT NULL, \"received_at\" datetime(3) NOT NULL, \"recorded_by_id\" varchar(36) NOT NULL, \"batch_id\" varchar(36) NOT NULL, \"pii_erased_at\" datetime(3), CONSTRAINT \"FK_dcdf0001e21ce1e94a416d83953\" FOREIGN KEY (\"recorded_by_id\") REFERENCES \"app_user\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT \"FK_58f16b5ac6fe55649c502f9f309\" FOREIGN KEY (\"event_id\") REFERENCES \"event\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"check_in\"(\"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\") SELECT \"id\", \"event_id\", \"client_id\", \"target_group\", \"count\", \"name\", \"phone_hmac\", \"phone_masked\", \"checked_in_at\", \"received_at\", \"recorded_by_id\", \"batch_id\", \"pii_erased_at\" FROM \"temporary_check_in\"");
    await queryRunner.query("DROP TABLE \"temporary_check_in\"");
    await queryRunner.query("CREATE INDEX \"IDX_check_in_event_group\" ON \"check_in\" (\"event_id\", \"target_group\", \"count\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_phone\" ON \"check_in\" (\"event_id\", \"phone_hmac\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_check_in_event_client\" ON \"check_in\" (\"event_id\", \"client_id\") ");
    await queryRunner.query("DROP TABLE \"reach_dirty_event\"");
    await queryRunner.query("DROP TABLE \"reach_event\"");
    await queryRunner.query("DROP TABLE \"reach_rollup\"");
  }
}
