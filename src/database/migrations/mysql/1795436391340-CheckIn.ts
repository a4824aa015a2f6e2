import { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckIn1795436391340 implements MigrationInterface {
  name = 'CheckIn1795436391340';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `check_in` (`id` int NOT NULL AUTO_INCREMENT, `event_id` varchar(36) NOT NULL, `client_id` varchar(36) NOT NULL, `target_group` varchar(24) NOT NULL, `count` int NOT NULL, `name` varchar(100) NULL, `phone_hmac` varchar(64) NULL, `phone_masked` varchar(11) NULL, `checked_in_at` datetime(3) NOT NULL, `received_at` datetime(3) NOT NULL, `recorded_by_id` varchar(36) NOT NULL, `batch_id` varchar(36) NOT NULL, `pii_erased_at` datetime(3) NULL, INDEX `IDX_check_in_event_group` (`event_id`, `target_group`, `count`), UNIQUE INDEX `UQ_check_in_event_phone` (`event_id`, `phone_hmac`), UNIQUE INDEX `UQ_check_in_event_client` (`event_id`, `client_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `check_in` ADD CONSTRAINT `FK_58f16b5ac6fe55649c502f9f309` FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `check_in` ADD CONSTRAINT `FK_dcdf0001e21ce1e94a416d83953` FOREIGN KEY (`recorded_by_id`) REFERENCES `app_user`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `check_in` DROP FOREIGN KEY `FK_dcdf0001e21ce1e94a416d83953`");
    await queryRunner.query("ALTER TABLE `check_in` DROP FOREIGN KEY `FK_58f16b5ac6fe55649c502f9f309`");
    await queryRunner.query("DROP INDEX `UQ_check_in_event_client` ON `check_in`");
    await queryRunner.query("DROP INDEX `UQ_check_in_event_phone` ON `check_in`");
    await queryRunner.query("DROP INDEX `IDX_check_in_event_group` ON `check_in`");
    await queryRunner.query("DROP TABLE `check_in`");
  }
}
