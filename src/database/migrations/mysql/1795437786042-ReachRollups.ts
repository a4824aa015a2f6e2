import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReachRollups1795437786042 implements MigrationInterface {
  name = 'ReachRollups1795437786042';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `reach_rollup` (`unit_id` varchar(36) NOT NULL, `period_kind` varchar(1) NOT NULL, `period` varchar(10) NOT NULL, `venue_type` varchar(24) NOT NULL, `campaign_id` varchar(36) NOT NULL, `target_group` varchar(24) NOT NULL, `group_mask` int NOT NULL, `events` int NOT NULL DEFAULT '0', `attendees` int NOT NULL DEFAULT '0', `online_views` int NOT NULL DEFAULT '0', `leaflets` int NOT NULL DEFAULT '0', `staff` int NOT NULL DEFAULT '0', PRIMARY KEY (`unit_id`, `period_kind`, `period`, `venue_type`, `campaign_id`, `target_group`, `group_mask`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `reach_event` (`event_id` varchar(36) NOT NULL, `held` tinyint NOT NULL, `org_unit_id` varchar(36) NOT NULL, `campaign_id` varchar(36) NOT NULL, `day` varchar(10) NOT NULL, `venue_type` varchar(24) NOT NULL, `group_mask` int NOT NULL, `online_views` int NOT NULL, `leaflets` int NOT NULL, `staff` int NOT NULL, `attendees` text NOT NULL, PRIMARY KEY (`event_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `reach_dirty_event` (`event_id` varchar(36) NOT NULL, PRIMARY KEY (`event_id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `check_in` ADD `reach_folded` tinyint NOT NULL DEFAULT 0");
    await queryRunner.query("CREATE INDEX `IDX_check_in_reach_fold` ON `check_in` (`reach_folded`, `event_id`, `target_group`, `count`)");

    // Handwritten: event-level changes mark the event dirty in the same transaction (see ReachDirtyEventEntity),
    // and every existing event is folded once (existing check-ins start unfolded).
    await queryRunner.query("CREATE TRIGGER `trg_reach_event_ins` AFTER INSERT ON `event` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (NEW.id)");
    await queryRunner.query("CREATE TRIGGER `trg_reach_event_upd` AFTER UPDATE ON `event` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (NEW.id)");
    await queryRunner.query("CREATE TRIGGER `trg_reach_assignment_ins` AFTER INSERT ON `event_assignment` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (NEW.event_id)");
    await queryRunner.query("CREATE TRIGGER `trg_reach_assignment_upd` AFTER UPDATE ON `event_assignment` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (NEW.event_id)");
    await queryRunner.query("CREATE TRIGGER `trg_reach_assignment_del` AFTER DELETE ON `event_assignment` FOR EACH ROW INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (OLD.event_id)");
    await queryRunner.query("CREATE TRIGGER `trg_reach_distribute_ins` AFTER INSERT ON `stock_movement` FOR EACH ROW BEGIN IF NEW.kind = 'DISTRIBUTE' AND NEW.event_id IS NOT NULL THEN INSERT IGNORE INTO `reach_dirty_event` (`event_id`) VALUES (NEW.event_id); END IF; END");
    await queryRunner.query("INSERT INTO `reach_dirty_event` (`event_id`) SELECT `id` FROM `event`");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_event_ins`");
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_event_upd`");
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_assignment_ins`");
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_assignment_upd`");
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_assignment_del`");
    await queryRunner.query("DROP TRIGGER IF EXISTS `trg_reach_distribute_ins`");
    await queryRunner.query("DROP INDEX `IDX_check_in_reach_fold` ON `check_in`");
    await queryRunner.query("ALTER TABLE `check_in` DROP COLUMN `reach_folded`");
    await queryRunner.query("DROP TABLE `reach_dirty_event`");
    await queryRunner.query("DROP TABLE `reach_event`");
    await queryRunner.query("DROP TABLE `reach_rollup`");
  }
}
