import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * check_in.reach_folded becomes the number of the fold that counted the row (0: not yet).
 * Handwritten: TypeORM would drop and re-add the column, losing which rows are folded.
 */
export class ReachFoldNumbers1796616937347 implements MigrationInterface {
  name = 'ReachFoldNumbers1796616937347';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `check_in` MODIFY `reach_folded` int NOT NULL DEFAULT '0'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE `check_in` SET `reach_folded` = 1 WHERE `reach_folded` <> 0");
    await queryRunner.query("ALTER TABLE `check_in` MODIFY `reach_folded` tinyint NOT NULL DEFAULT 0");
  }
}
