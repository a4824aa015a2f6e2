import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795435175032 implements MigrationInterface {
  name = 'Init1795435175032';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `org_unit` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `name` varchar(100) NOT NULL, `level` varchar(16) NOT NULL, `parent_id` varchar(36) NULL, `root_marker` varchar(4) NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `UQ_org_unit_code` (`code`), INDEX `IDX_org_unit_parent` (`parent_id`), UNIQUE INDEX `UQ_org_unit_root` (`root_marker`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `org_unit_closure` (`ancestor_id` varchar(36) NOT NULL, `descendant_id` varchar(36) NOT NULL, `depth` int NOT NULL, INDEX `IDX_org_unit_closure_descendant` (`descendant_id`, `depth`), PRIMARY KEY (`ancestor_id`, `descendant_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `app_user` (`id` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `name` varchar(100) NOT NULL, `password_hash` varchar(255) NULL, `role` varchar(24) NOT NULL, `org_unit_id` varchar(36) NOT NULL, `locale` varchar(10) NOT NULL DEFAULT 'zh-CN', `created_at` datetime(3) NOT NULL, UNIQUE INDEX `UQ_app_user_email` (`email`), INDEX `IDX_app_user_org_unit` (`org_unit_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `login_failure` (`id` varchar(36) NOT NULL, `account_key` varchar(254) NOT NULL, `client_ip` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `IDX_login_failure_ip` (`client_ip`, `created_at`), INDEX `IDX_login_failure_account` (`account_key`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `org_unit` ADD CONSTRAINT `FK_b8e4301109a2850200ba2c7c512` FOREIGN KEY (`parent_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `org_unit_closure` ADD CONSTRAINT `FK_d2d433365fd34ef9b2da4bb193c` FOREIGN KEY (`ancestor_id`) REFERENCES `org_unit`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `org_unit_closure` ADD CONSTRAINT `FK_1a951e7d0984b7c4a46a82ab8a6` FOREIGN KEY (`descendant_id`) REFERENCES `org_unit`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `app_user` ADD CONSTRAINT `FK_90433b02ee8b208cb2ea924d947` FOREIGN KEY (`org_unit_id`) REFERENCES `org_unit`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `app_user` DROP FOREIGN KEY `FK_90433b02ee8b208cb2ea924d947`");
    await queryRunner.query("ALTER TABLE `org_unit_closure` DROP FOREIGN KEY `FK_1a951e7d0984b7c4a46a82ab8a6`");
    await queryRunner.query("ALTER TABLE `org_unit_closure` DROP FOREIGN KEY `FK_d2d433365fd34ef9b2da4bb193c`");
    await queryRunner.query("ALTER TABLE `org_unit` DROP FOREIGN KEY `FK_b8e4301109a2850200ba2c7c512`");
    await queryRunner.query("DROP INDEX `IDX_login_failure_account` ON `login_failure`");
    await queryRunner.query("DROP INDEX `IDX_login_failure_ip` ON `login_failure`");
    await queryRunner.query("DROP TABLE `login_failure`");
    await queryRunner.query("DROP INDEX `IDX_app_user_org_unit` ON `app_user`");
    await queryRunner.query("DROP INDEX `UQ_app_user_email` ON `app_user`");
    await queryRunner.query("DROP TABLE `app_user`");
    await queryRunner.query("DROP INDEX `IDX_org_unit_closure_descendant` ON `org_unit_closure`");
    await queryRunner.query("DROP TABLE `org_unit_closure`");
    await queryRunner.query("DROP INDEX `UQ_org_unit_root` ON `org_unit`");
    await queryRunner.query("DROP INDEX `IDX_org_unit_parent` ON `org_unit`");
    await queryRunner.query("DROP INDEX `UQ_org_unit_code` ON `org_unit`");
    await queryRunner.query("DROP TABLE `org_unit`");
  }
}
