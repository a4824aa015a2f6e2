import { MigrationInterface, QueryRunner } from 'typeorm';

export class Materials1795437601785 implements MigrationInterface {
  name = 'Materials1795437601785';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `material` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(200) NOT NULL, `topic` varchar(100) NULL, `format` varchar(16) NOT NULL, `language` varchar(16) NOT NULL, `low_stock_threshold` int NULL, `created_by_id` varchar(36) NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `UQ_material_code` (`code`), INDEX `IDX_material_format_code` (`format`, `code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `stock_movement` (`id` varchar(36) NOT NULL, `material_id` varchar(36) NOT NULL, `org_unit_id` varchar(36) NOT NULL, `kind` varchar(24) NOT NULL, `quantity` int NOT NULL, `event_id` varchar(36) NULL, `counterpart_org_unit_id` varchar(36) NULL, `note` varchar(500) NULL, `created_at` datetime(3) NOT NULL, `created_by_id` varchar(36) NOT NULL, INDEX `IDX_stock_movement_created` (`created_at`, `id`), INDEX `IDX_stock_movement_material` (`material_id`, `created_at`), INDEX `IDX_stock_movement_event` (`event_id`, `kind`, `material_id`), INDEX `IDX_stock_movement_unit_material` (`org_unit_id`, `material_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `stock_level` (`org_unit_id` varchar(36) NOT NULL, `material_id` varchar(36) NOT NULL, `on_hand` int NOT NULL, `updated_at` datetime(3) NOT NULL, INDEX `IDX_stock_level_material` (`material_id`, `org_unit_id`), PRIMARY KEY (`org_unit_id`, `material_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `low_stock_notice` (`id` varchar(36) NOT NULL, `org_unit_id` varchar(36) NOT NULL, `material_id` varchar(36) NOT NULL, `level` int NOT NULL, `threshold` int NOT NULL, `movement_id` varchar(36) NOT NULL, `status` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `IDX_low_stock_notice_unit_material` (`org_unit_id`, `material_id`, `created_at`), INDEX `IDX_low_stock_notice_status` (`status`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `material` ADD CONSTRAINT `FK_c5803adca0b7be4e8b0973ecbd5` FOREIGN KEY (`created_by_id`) REFERENCES `app_user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_movement` ADD CONSTRAINT `FK_8eb8c13566bb69d191bee5c9864` FOREIGN KEY (`material_id`) REFERENCES `material`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_movement` ADD CONSTRAINT `FK_5cf39255cbc1af5e4da6aa98b3f` FOREIGN KEY (`org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_movement` ADD CONSTRAINT `FK_8cbd042a3e86ace349cf785a5de` FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_movement` ADD CONSTRAINT `FK_ae6b493889c9f921828460f96d4` FOREIGN KEY (`counterpart_org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_movement` ADD CONSTRAINT `FK_dd9f90c7dfd4cb278667bb93888` FOREIGN KEY (`created_by_id`) REFERENCES `app_user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_level` ADD CONSTRAINT `FK_9caaa3a207ba1beee46e229fac2` FOREIGN KEY (`org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `stock_level` ADD CONSTRAINT `FK_91c24a1d450fab254fd023127b2` FOREIGN KEY (`material_id`) REFERENCES `material`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `low_stock_notice` ADD CONSTRAINT `FK_0dd9794daf3c3692f441ce575a1` FOREIGN KEY (`org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `low_stock_notice` ADD CONSTRAINT `FK_c17367bd6dbd438cd824a3da99a` FOREIGN KEY (`material_id`) REFERENCES `material`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `low_stock_notice` ADD CONSTRAINT `FK_c01941e71f262932702d72da570` FOREIGN KEY (`movement_id`) REFERENCES `stock_movement`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `low_stock_notice` DROP FOREIGN KEY `FK_c01941e71f262932702d72da570`");
    await queryRunner.query("ALTER TABLE `low_stock_notice` DROP FOREIGN KEY `FK_c17367bd6dbd438cd824a3da99a`");
    await queryRunner.query("ALTER TABLE `low_stock_notice` DROP FOREIGN KEY `FK_0dd9794daf3c3692f441ce575a1`");
    await queryRunner.query("ALTER TABLE `stock_level` DROP FOREIGN KEY `FK_91c24a1d450fab254fd023127b2`");
    await queryRunner.query("ALTER TABLE `stock_level` DROP FOREIGN KEY `FK_9caaa3a207ba1beee46e229fac2`");
    await queryRunner.query("ALTER TABLE `stock_movement` DROP FOREIGN KEY `FK_dd9f90c7dfd4cb278667bb93888`");
    await queryRunner.query("ALTER TABLE `stock_movement` DROP FOREIGN KEY `FK_ae6b493889c9f921828460f96d4`");
    await queryRunner.query("ALTER TABLE `stock_movement` DROP FOREIGN KEY `FK_8cbd042a3e86ace349cf785a5de`");
    await queryRunner.query("ALTER TABLE `stock_movement` DROP FOREIGN KEY `FK_5cf39255cbc1af5e4da6aa98b3f`");
    await queryRunner.query("ALTER TABLE `stock_movement` DROP FOREIGN KEY `FK_8eb8c13566bb69d191bee5c9864`");
    await queryRunner.query("ALTER TABLE `material` DROP FOREIGN KEY `FK_c5803adca0b7be4e8b0973ecbd5`");
    await queryRunner.query("DROP INDEX `IDX_low_stock_notice_status` ON `low_stock_notice`");
    await queryRunner.query("DROP INDEX `IDX_low_stock_notice_unit_material` ON `low_stock_notice`");
    await queryRunner.query("DROP TABLE `low_stock_notice`");
    await queryRunner.query("DROP INDEX `IDX_stock_level_material` ON `stock_level`");
    await queryRunner.query("DROP TABLE `stock_level`");
    await queryRunner.query("DROP INDEX `IDX_stock_movement_unit_material` ON `stock_movement`");
    await queryRunner.query("DROP INDEX `IDX_stock_movement_event` ON `stock_movement`");
    await queryRunner.query("DROP INDEX `IDX_stock_movement_material` ON `stock_movement`");
    await queryRunner.query("DROP INDEX `IDX_stock_movement_created` ON `stock_movement`");
    await queryRunner.query("DROP TABLE `stock_movement`");
    await queryRunner.query("DROP INDEX `IDX_material_format_code` ON `material`");
    await queryRunner.query("DROP INDEX `UQ_material_code` ON `material`");
    await queryRunner.query("DROP TABLE `material`");
  }
}
