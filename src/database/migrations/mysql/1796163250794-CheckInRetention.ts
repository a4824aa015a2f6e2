import { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckInRetention1796163250794 implements MigrationInterface {
  name = 'CheckInRetention1796163250794';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_check_in_retention` ON `check_in` (`pii_erased_at`, `checked_in_at`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_check_in_retention` ON `check_in`");
  }
}
