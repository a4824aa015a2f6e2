import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Handwritten (TypeORM does not see primary-key order): reach_rollup's key puts
 * venue type and campaign before the period, so a range of periods of one unit
 * is one contiguous read, and year rows ('Y', summed here from the month rows)
 * answer whole years.
 */
export class ReachYearRollups1796613789233 implements MigrationInterface {
  name = 'ReachYearRollups1796613789233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP PRIMARY KEY, ADD PRIMARY KEY (`unit_id`, `period_kind`, `venue_type`, `campaign_id`, `period`, `target_group`, `group_mask`)");
    await queryRunner.query("INSERT INTO `reach_rollup` (`unit_id`, `period_kind`, `period`, `venue_type`, `campaign_id`, `target_group`, `group_mask`, `events`, `attendees`, `online_views`, `leaflets`, `staff`, `feedback`, `rating_sum`, `feedback_correct`, `feedback_answered`, `paired_before_answered`, `paired_before_correct`, `paired_after_answered`, `paired_after_correct`) SELECT `unit_id`, 'Y', LEFT(`period`, 4), `venue_type`, `campaign_id`, `target_group`, `group_mask`, SUM(`events`), SUM(`attendees`), SUM(`online_views`), SUM(`leaflets`), SUM(`staff`), SUM(`feedback`), SUM(`rating_sum`), SUM(`feedback_correct`), SUM(`feedback_answered`), SUM(`paired_before_answered`), SUM(`paired_before_correct`), SUM(`paired_after_answered`), SUM(`paired_after_correct`) FROM `reach_rollup` WHERE `period_kind` = 'M' GROUP BY `unit_id`, LEFT(`period`, 4), `venue_type`, `campaign_id`, `target_group`, `group_mask`");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM `reach_rollup` WHERE `period_kind` = 'Y'");
    await queryRunner.query("ALTER TABLE `reach_rollup` DROP PRIMARY KEY, ADD PRIMARY KEY (`unit_id`, `period_kind`, `period`, `venue_type`, `campaign_id`, `target_group`, `group_mask`)");
  }
}
