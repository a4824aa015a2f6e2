import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedbackReach1796599892479 implements MigrationInterface {
  name = 'FeedbackReach1796599892479';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"temporary_reach_rollup\" (\"unit_id\" varchar(36) NOT NULL, \"period_kind\" varchar(1) NOT NULL, \"period\" varchar(10) NOT NULL, \"venue_type\" varchar(24) NOT NULL, \"campaign_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"group_mask\" integer NOT NULL, \"events\" integer NOT NULL DEFAULT (0), \"attendees\" integer NOT NULL DEFAULT (0), \"online_views\" integer NOT NULL DEFAULT (0), \"leaflets\" integer NOT NULL DEFAULT (0), \"staff\" integer NOT NULL DEFAULT (0), \"feedback\" integer NOT NULL DEFAULT (0), \"rating_sum\" integer NOT NULL DEFAULT (0), \"feedback_correct\" integer NOT NULL DEFAULT (0), \"feedback_answered\" integer NOT NULL DEFAULT (0), \"paired_before_answered\" integer NOT NULL DEFAULT (0), \"paired_before_correct\" integer NOT NULL DEFAULT (0), \"paired_after_answered\" integer NOT NULL DEFAULT (0), \"paired_after_correct\" integer NOT NULL DEFAULT (0), PRIMARY KEY (\"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\"))");
    await queryRunner.query("INSERT INTO \"temporary_reach_rollup\"(\"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\", \"events\", \"attendees\", \"online_views\", \"leaflets\", \"staff\") SELECT \"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\", \"events\", \"attendees\", \"online_views\", \"leaflets\", \"staff\" FROM \"reach_rollup\"");
    await queryRunner.query("DROP TABLE \"reach_rollup\"");
    await queryRunner.query("ALTER TABLE \"temporary_reach_rollup\" RENAME TO \"reach_rollup\"");
    await queryRunner.query("CREATE TABLE \"temporary_reach_event\" (\"event_id\" varchar(36) PRIMARY KEY NOT NULL, \"held\" boolean NOT NULL, \"org_unit_id\" varchar(36) NOT NULL, \"campaign_id\" varchar(36) NOT NULL, \"day\" varchar(10) NOT NULL, \"venue_type\" varchar(24) NOT NULL, \"group_mask\" integer NOT NULL, \"online_views\" integer NOT NULL, \"leaflets\" integer NOT NULL, \"staff\" integer NOT NULL, \"attendees\" text NOT NULL, \"feedback\" text NOT NULL)");
    await queryRunner.query("INSERT INTO \"temporary_reach_event\"(\"event_id\", \"held\", \"org_unit_id\", \"campaign_id\", \"day\", \"venue_type\", \"group_mask\", \"online_views\", \"leaflets\", \"staff\", \"attendees\", \"feedback\") SELECT \"event_id\", \"held\", \"org_unit_id\", \"campaign_id\", \"day\", \"venue_type\", \"group_mask\", \"online_views\", \"leaflets\", \"staff\", \"attendees\", '{}' FROM \"reach_event\"");
    await queryRunner.query("DROP TABLE \"reach_event\"");
    await queryRunner.query("ALTER TABLE \"temporary_reach_event\" RENAME TO \"reach_event\"");
    // Handwritten: added in place, not by rebuilding the table, because feedback_answer points at it (renaming
    // a parent table rewrites its children's foreign keys in SQLite, so a rebuild would leave them dangling).
    await queryRunner.query("ALTER TABLE \"feedback_submission\" ADD COLUMN \"target_group\" varchar(24)");

    // Handwritten: a feedback submission taken or removed marks its event dirty in the same transaction (as the
    // ReachRollups triggers do), and every event that already has feedback is folded again to take it in.
    await queryRunner.query("CREATE TRIGGER \"trg_reach_feedback_ins\" AFTER INSERT ON \"feedback_submission\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (NEW.event_id); END");
    await queryRunner.query("CREATE TRIGGER \"trg_reach_feedback_del\" AFTER DELETE ON \"feedback_submission\" FOR EACH ROW BEGIN INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") VALUES (OLD.event_id); END");
    await queryRunner.query("INSERT OR IGNORE INTO \"reach_dirty_event\" (\"event_id\") SELECT DISTINCT \"event_id\" FROM \"feedback_submission\"");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_feedback_ins\"");
    await queryRunner.query("DROP TRIGGER IF EXISTS \"trg_reach_feedback_del\"");
    await queryRunner.query("ALTER TABLE \"feedback_submission\" DROP COLUMN \"target_group\"");
    await queryRunner.query("ALTER TABLE \"reach_event\" RENAME TO \"temporary_reach_event\"");
    await queryRunner.query("CREATE TABLE \"reach_event\" (\"event_id\" varchar(36) PRIMARY KEY NOT NULL, \"held\" boolean NOT NULL, \"org_unit_id\" varchar(36) NOT NULL, \"campaign_id\" varchar(36) NOT NULL, \"day\" varchar(10) NOT NULL, \"venue_type\" varchar(24) NOT NULL, \"group_mask\" integer NOT NULL, \"online_views\" integer NOT NULL, \"leaflets\" integer NOT NULL, \"staff\" integer NOT NULL, \"attendees\" text NOT NULL)");
    await queryRunner.query("INSERT INTO \"reach_event\"(\"event_id\", \"held\", \"org_unit_id\", \"campaign_id\", \"day\", \"venue_type\", \"group_mask\", \"online_views\", \"leaflets\", \"staff\", \"attendees\") SELECT \"event_id\", \"held\", \"org_unit_id\", \"campaign_id\", \"day\", \"venue_type\", \"group_mask\", \"online_views\", \"leaflets\", \"staff\", \"attendees\" FROM \"temporary_reach_event\"");
    await queryRunner.query("DROP TABLE \"temporary_reach_event\"");
    await queryRunner.query("ALTER TABLE \"reach_rollup\" RENAME TO \"temporary_reach_rollup\"");
    await queryRunner.query("CREATE TABLE \"reach_rollup\" (\"unit_id\" varchar(36) NOT NULL, \"period_kind\" varchar(1) NOT NULL, \"period\" varchar(10) NOT NULL, \"venue_type\" varchar(24) NOT NULL, \"campaign_id\" varchar(36) NOT NULL, \"target_group\" varchar(24) NOT NULL, \"group_mask\" integer NOT NULL, \"events\" integer NOT NULL DEFAULT (0), \"attendees\" integer NOT NULL DEFAULT (0), \"online_views\" integer NOT NULL DEFAULT (0), \"leaflets\" integer NOT NULL DEFAULT (0), \"staff\" integer NOT NULL DEFAULT (0), PRIMARY KEY (\"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\"))");
    await queryRunner.query("INSERT INTO \"reach_rollup\"(\"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\", \"events\", \"attendees\", \"online_views\", \"leaflets\", \"staff\") SELECT \"unit_id\", \"period_kind\", \"period\", \"venue_type\", \"campaign_id\", \"target_group\", \"group_mask\", \"events\", \"attendees\", \"online_views\", \"leaflets\", \"staff\" FROM \"temporary_reach_rollup\"");
    await queryRunner.query("DROP TABLE \"temporary_reach_rollup\"");
  }
}
