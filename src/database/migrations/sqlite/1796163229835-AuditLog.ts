import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1796163229835 implements MigrationInterface {
  name = 'AuditLog1796163229835';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"occurred_at\" datetime(3) NOT NULL, \"actor_id\" varchar(36), \"actor_role\" varchar(24), \"client_address\" varchar(64) NOT NULL, \"action\" varchar(48) NOT NULL, \"entity_type\" varchar(24) NOT NULL, \"entity_id\" varchar(36) NOT NULL, \"org_unit_id\" varchar(36), \"changes\" text NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_audit_log_action\" ON \"audit_log\" (\"action\", \"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_log_org_unit\" ON \"audit_log\" (\"org_unit_id\", \"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_log_actor\" ON \"audit_log\" (\"actor_id\", \"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_log_entity\" ON \"audit_log\" (\"entity_type\", \"entity_id\", \"occurred_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_audit_log_occurred\" ON \"audit_log\" (\"occurred_at\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_audit_log_occurred\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_log_entity\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_log_actor\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_log_org_unit\"");
    await queryRunner.query("DROP INDEX \"IDX_audit_log_action\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
  }
}
