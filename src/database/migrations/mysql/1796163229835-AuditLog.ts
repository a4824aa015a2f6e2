import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1796163229835 implements MigrationInterface {
  name = 'AuditLog1796163229835';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `audit_log` (`id` int NOT NULL AUTO_INCREMENT, `occurred_at` datetime(3) NOT NULL, `actor_id` varchar(36) NULL, `actor_role` varchar(24) NULL, `client_address` varchar(64) NOT NULL, `action` varchar(48) NOT NULL, `entity_type` varchar(24) NOT NULL, `entity_id` varchar(36) NOT NULL, `org_unit_id` varchar(36) NULL, `changes` text NOT NULL, INDEX `IDX_audit_log_action` (`action`, `occurred_at`), INDEX `IDX_audit_log_org_unit` (`org_unit_id`, `occurred_at`), INDEX `IDX_audit_log_actor` (`actor_id`, `occurred_at`), INDEX `IDX_audit_log_entity` (`entity_type`, `entity_id`, `occurred_at`), INDEX `IDX_audit_log_occurred` (`occurred_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_audit_log_occurred` ON `audit_log`");
    await queryRunner.query("DROP INDEX `IDX_audit_log_entity` ON `audit_log`");
    await queryRunner.query("DROP INDEX `IDX_audit_log_actor` ON `audit_log`");
    await queryRunner.query("DROP INDEX `IDX_audit_log_org_unit` ON `audit_log`");
    await queryRunner.query("DROP INDEX `IDX_audit_log_action` ON `audit_log`");
    await queryRunner.query("DROP TABLE `audit_log`");
  }
}
