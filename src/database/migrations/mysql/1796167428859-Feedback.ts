import { MigrationInterface, QueryRunner } from 'typeorm';

export class Feedback1796167428859 implements MigrationInterface {
  name = 'Feedback1796167428859';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `quiz_question` (`id` varchar(36) NOT NULL, `topic` varchar(100) NOT NULL, `text` varchar(500) NOT NULL, `options` text NOT NULL, `correct_option` int NOT NULL, `text_en` varchar(500) NULL, `options_en` text NULL, `active` tinyint NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `IDX_quiz_question_topic` (`topic`, `active`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `feedback_submission` (`id` varchar(36) NOT NULL, `event_id` varchar(36) NOT NULL, `phase` varchar(8) NOT NULL, `device_key` varchar(64) NOT NULL, `address_key` varchar(64) NOT NULL, `rating` int NULL, `comment` varchar(500) NULL, `correct_count` int NOT NULL, `answered_count` int NOT NULL, `submitted_at` datetime(3) NOT NULL, INDEX `IDX_feedback_submission_address` (`event_id`, `address_key`), UNIQUE INDEX `UQ_feedback_submission_device` (`event_id`, `phase`, `device_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `feedback_answer` (`submission_id` varchar(36) NOT NULL, `question_id` varchar(36) NOT NULL, `choice` int NOT NULL, `correct` tinyint NOT NULL, INDEX `IDX_feedback_answer_question` (`question_id`), PRIMARY KEY (`submission_id`, `question_id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_quiz_question` (`event_id` varchar(36) NOT NULL, `question_id` varchar(36) NOT NULL, `position` int NOT NULL, UNIQUE INDEX `UQ_event_quiz_question_position` (`event_id`, `position`), PRIMARY KEY (`event_id`, `question_id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `feedback_submission` ADD CONSTRAINT `FK_301dc7f801f432584e0dbf6a635` FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `feedback_answer` ADD CONSTRAINT `FK_bcced9aac31451b2320e7cc2013` FOREIGN KEY (`submission_id`) REFERENCES `feedback_submission`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `feedback_answer` ADD CONSTRAINT `FK_cee63acb21cc8db6ab62d502322` FOREIGN KEY (`question_id`) REFERENCES `quiz_question`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event_quiz_question` ADD CONSTRAINT `FK_de221cd6e8d073fecb56aea8d64` FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `event_quiz_question` ADD CONSTRAINT `FK_c9743e85ca54b044710afee8b5a` FOREIGN KEY (`question_id`) REFERENCES `quiz_question`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `event_quiz_question` DROP FOREIGN KEY `FK_c9743e85ca54b044710afee8b5a`");
    await queryRunner.query("ALTER TABLE `event_quiz_question` DROP FOREIGN KEY `FK_de221cd6e8d073fecb56aea8d64`");
    await queryRunner.query("ALTER TABLE `feedback_answer` DROP FOREIGN KEY `FK_cee63acb21cc8db6ab62d502322`");
    await queryRunner.query("ALTER TABLE `feedback_answer` DROP FOREIGN KEY `FK_bcced9aac31451b2320e7cc2013`");
    await queryRunner.query("ALTER TABLE `feedback_submission` DROP FOREIGN KEY `FK_301dc7f801f432584e0dbf6a635`");
    await queryRunner.query("DROP INDEX `UQ_event_quiz_question_position` ON `event_quiz_question`");
    await queryRunner.query("DROP TABLE `event_quiz_question`");
    await queryRunner.query("DROP INDEX `IDX_feedback_answer_question` ON `feedback_answer`");
    await queryRunner.query("DROP TABLE `feedback_answer`");
    await queryRunner.query("DROP INDEX `UQ_feedback_submission_device` ON `feedback_submission`");
    await queryRunner.query("DROP INDEX `IDX_feedback_submission_address` ON `feedback_submission`");
    await queryRunner.query("DROP TABLE `feedback_submission`");
    await queryRunner.query("DROP INDEX `IDX_quiz_question_topic` ON `quiz_question`");
    await queryRunner.query("DROP TABLE `quiz_question`");
  }
}
