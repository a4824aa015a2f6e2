import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeedbackReach1796599892479 implements MigrationInterface {
  name = 'FeedbackReach1796599892479';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `feedback` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `rating_sum` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `feedback_correct` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `feedback_answered` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `paired_before_answered` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `paired_before_correct` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `paired_after_answered` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `reach_rollup` ADD `paired_after_correct` int NOT NULL DEFAULT '0'");
    // Handwritten: folded events start with no feedback ('{}'; a TEXT column takes no literal DEFAULT on MySQL).
    await queryRunner.query("ALTER TABLE `reach_event` ADD `feedback` text NULL");
    await queryRunner.query("UPDATE `reach_event` SET `feedback` = '{}'");
    await queryRunner.query("ALTER TABLE `reach_event` MODIFY `feedback` text NOT NULL");
    await queryRunner.query("ALTER TABLE `feedback_submission` ADD `target_group` varchar(24) NULL");

    // Handwritten: a feedback submission taken or removed marks its event dirty in the same transaction (as the
    // ReachRollups triggers do), and every event that already has feedback is folded again to take it in.
    await queryRunner.query("CREATE TRIGGER `trg_reach_feedback_ins` AFTER INSERT ON `feedback_submission` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (NEW.event_id)");
    await queryRunner.query("CREATE TRIGGER `trg_reach_feedback_del` AFTER DELETE ON `feedback_submission` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (OLD.event_id)");
    await queryRunner.query("INSERT IGNORE INTO `reach_dirty_event` (`event_id`) SELECT DISTINCT `event_id` FROM `feedback_submission`");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_feedback_ins`");
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_feedback_del`");
    await queryRunner.query("ALTER TABLE `feedback_submission` DROP COLUMN `target_group`");
    await queryRunner.query("ALTER TABLE `reach_event` DROP COLUMN `feedback`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `paired_after_correct`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `paired_after_answered`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `paired_before_correct`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `paired_before_answered`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `feedback_answered`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `feedback_correct`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `rating_sum`");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP COLUMN `feedback`");
  }
}
