import { MigrationInterface, QueryRunner } from 'typeorm';

export class Planning1795436329211 implements MigrationInterface {
  name = 'Planning1795436329211';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `campaign` (`id` varchar(36) NOT NULL, `name` varchar(200) NOT NULL, `theme` varchar(200) NULL, `description` text NULL, `start_date` date NOT NULL, `end_date` date NOT NULL, `org_unit_id` varchar(36) NOT NULL, `created_by_id` varchar(36) NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `IDX_campaign_dates` (`start_date`, `end_date`), INDEX `IDX_campaign_org_unit` (`org_unit_id`, `start_date`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `campaign_target` (`id` varchar(36) NOT NULL, `campaign_id` varchar(36) NOT NULL, `metric` varchar(32) NOT NULL, `target_group` varchar(24) NULL, `goal` int NOT NULL, `position` int NOT NULL, INDEX `IDX_campaign_target_campaign` (`campaign_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event` (`id` varchar(36) NOT NULL, `title` varchar(200) NOT NULL, `campaign_id` varchar(36) NULL, `org_unit_id` varchar(36) NOT NULL, `venue_type` varchar(24) NOT NULL, `venue_name` varchar(200) NOT NULL, `address` varchar(300) NULL, `starts_at` datetime(3) NOT NULL, `ends_at` datetime(3) NOT NULL, `topics` text NOT NULL, `capacity` int NULL, `status` varchar(16) NOT NULL, `online_views` int NULL, `media_reports` int NULL, `notes` text NULL, `cancel_reason` varchar(500) NULL, `scheduled_at` datetime(3) NULL, `started_at` datetime(3) NULL, `completed_at` datetime(3) NULL, `cancelled_at` datetime(3) NULL, `created_by_id` varchar(36) NOT NULL, `created_at` datetime(3) NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `IDX_event_status` (`status`), INDEX `IDX_event_campaign_starts` (`campaign_id`, `starts_at`), INDEX `IDX_event_org_unit_starts` (`org_unit_id`, `starts_at`), INDEX `IDX_event_starts` (`starts_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_target_group` (`event_id` varchar(36) NOT NULL, `target_group` varchar(24) NOT NULL, INDEX `IDX_event_target_group_group` (`target_group`, `event_id`), PRIMARY KEY (`event_id`, `target_group`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_assignment` (`event_id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `role` varchar(16) NOT NULL, `joined_by_link` tinyint NOT NULL DEFAULT 0, `assigned_by_id` varchar(36) NULL, `assigned_at` datetime(3) NOT NULL, INDEX `IDX_event_assignment_user` (`user_id`, `event_id`), PRIMARY KEY (`event_id`, `user_id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `campaign` ADD CONSTRAINT `FK_5d9e0b69aba7456418468d744ee` FOREIGN KEY (`org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `campaign` ADD CONSTRAINT `FK_64a40b9e433948738c2162d4fec` FOREIGN KEY (`created_by_id`) REFERENCES `app_user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `campaign_target` ADD CONSTRAINT `FK_81c31562368ee5ca3ca8b0f95a0` FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event` ADD CONSTRAINT `FK_61c3dfe0593eafa4624e16a2ffa` FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event` ADD CONSTRAINT `FK_4bc35698f87ef175860907d234e` FOREIGN KEY (`org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event` ADD CONSTRAINT `FK_73a97bec2931641bb0470c88129` FOREIGN KEY (`created_by_id`) REFERENCES `app_user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event_target_group` ADD CONSTRAINT `FK_e0984681b348f50d43f0b6c0555` FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event_assignment` ADD CONSTRAINT `FK_554ec292d6f4023ba230fc2ce61` FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event_assignment` ADD CONSTRAINT `FK_8b9dd9aa9b2be4c1ebe372290d2` FOREIGN KEY (`user_id`) REFERENCES `app_user`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `event_assignment` DROP FOREIGN KEY `FK_8b9dd9aa9b2be4c1ebe372290d2`");
    await queryRunner.query("ALTER TABLE `event_assignment` DROP FOREIGN KEY `FK_554ec292d6f4023ba230fc2ce61`");
    await queryRunner.query("ALTER TABLE `event_target_group` DROP FOREIGN KEY `FK_e0984681b348f50d43f0b6c0555`");
    await queryRunner.query("ALTER TABLE `event` DROP FOREIGN KEY `FK_73a97bec2931641bb0470c88129`");
    await queryRunner.query("ALTER TABLE `event` DROP FOREIGN KEY `FK_4bc35698f87ef175860907d234e`");
    await queryRunner.query("ALTER TABLE `event` DROP FOREIGN KEY `FK_61c3dfe0593eafa4624e16a2ffa`");
    await queryRunner.query("ALTER TABLE `campaign_target` DROP FOREIGN KEY `FK_81c31562368ee5ca3ca8b0f95a0`");
    await queryRunner.query("ALTER TABLE `campaign` DROP FOREIGN KEY `FK_64a40b9e433948738c2162d4fec`");
    await queryRunner.query("ALTER TABLE `campaign` DROP FOREIGN KEY `FK_5d9e0b69aba7456418468d744ee`");
    await queryRunner.query("DROP INDEX `IDX_event_assignment_user` ON `event_assignment`");
    await queryRunner.query("DROP TABLE `event_assignment`");
    await queryRunner.query("DROP INDEX `IDX_event_target_group_group` ON `event_target_group`");
    await queryRunner.query("DROP TABLE `event_target_group`");
    await queryRunner.query("DROP INDEX `IDX_event_starts` ON `event`");
    await queryRunner.query("DROP INDEX `IDX_event_org_unit_starts` ON `event`");
    await queryRunner.query("DROP INDEX `IDX_event_campaign_starts` ON `event`");
    await queryRunner.query("DROP INDEX `IDX_event_status` ON `event`");
    await queryRunner.query("DROP TABLE `event`");
    await queryRunner.query("DROP INDEX `IDX_campaign_target_campaign` ON `campaign_target`");
    await queryRunner.query("DROP TABLE `campaign_target`");
    await queryRunner.query("DROP INDEX `IDX_campaign_org_unit` ON `campaign`");
    await queryRunner.query("DROP INDEX `IDX_campaign_dates` ON `campaign`");
    await queryRunner.query("DROP TABLE `campaign`");
  }
}
