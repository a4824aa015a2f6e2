import { MigrationInterface, QueryRunner } from 'typeorm';

export class Feedback1796167428859 implements MigrationInterface {
  name = 'Feedback1796167428859';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"quiz_question\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"topic\" varchar(100) NOT NULL, \"text\" varchar(500) NOT NULL, \"options\" text NOT NULL, \"correct_option\" integer NOT NULL, \"text_en\" varchar(500), \"options_en\" text, \"active\" boolean NOT NULL, \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_quiz_question_topic\" ON \"quiz_question\" (\"topic\", \"active\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"feedback_submission\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"event_id\" varchar(36) NOT NULL, \"phase\" varchar(8) NOT NULL, \"device_key\" varchar(64) NOT NULL, \"address_key\" varchar(64) NOT NULL, \"rating\" integer, \"comment\" varchar(500), \"correct_count\" integer NOT NULL, \"answered_count\" integer NOT NULL, \"submitted_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_feedback_submission_address\" ON \"feedback_submission\" (\"event_id\", \"address_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_feedback_submission_device\" ON \"feedback_submission\" (\"event_id\", \"phase\", \"device_key\") ");
    await queryRunner.query("CREATE TABLE \"feedback_answer\" (\"submission_id\" varchar(36) NOT NULL, \"question_id\" varchar(36) NOT NULL, \"choice\" integer NOT NULL, \"correct\" boolean NOT NULL, PRIMARY KEY (\"submission_id\", \"question_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_feedback_answer_question\" ON \"feedback_answer\" (\"question_id\") ");
    await queryRunner.query("CREATE TABLE \"event_quiz_question\" (\"event_id\" varchar(36) NOT NULL, \"question_id\" varchar(36) NOT NULL, \"position\" integer NOT NULL, PRIMARY KEY (\"event_id\", \"question_id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_event_quiz_question_position\" ON \"event_quiz_question\" (\"event_id\", \"position\") ");
    await queryRunner.query("DROP INDEX \"IDX_feedback_submission_address\"");
    await queryRunner.query("DROP INDEX \"UQ_feedback_submission_device\"");
    await queryRunner.query("CREATE TABLE \"temporary_feedback_submission\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"event_id\" varchar(36) NOT NULL, \"phase\" varchar(8) NOT NULL, \"device_key\" varchar(64) NOT NULL, \"address_key\" varchar(64) NOT NULL, \"rating\" integer, \"comment\" varchar(500), \"correct_count\" integer NOT NULL, \"answered_count\" integer NOT NULL, \"submitted_at\" datetime(3) NOT NULL, CONSTRAINT \"FK_301dc7f801f432584e0dbf6a635\" FOREIGN KEY (\"event_id\") REFERENCES \"event\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_feedback_submission\"(\"id\", \"event_id\", \"phase\", \"device_key\", \"address_key\", \"rating\", \"comment\", \"correct_count\", \"answered_count\", \"submitted_at\") SELECT \"id\", \"event_id\", \"phase\", \"device_key\", \"address_key\", \"rating\", \"comment\", \"correct_count\", \"answered_count\", \"submitted_at\" FROM \"feedback_submission\"");
    await queryRunner.query("DROP TABLE \"feedback_submission\"");
    await queryRunner.query("ALTER TABLE \"temporary_feedback_submission\" RENAME TO \"feedback_submission\"");
    await queryRunner.query("CREATE INDEX \"IDX_feedback_submission_address\" ON \"feedback_submission\" (\"event_id\", \"address_key\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_feedback_submission_device\" ON \"feedback_submission\" (\"event_id\", \"phase\", \"device_key\") ");
    await queryRunner.query("DROP INDEX \"IDX_feedback_answer_question\"");
    await queryRunner.query("CREATE TABLE \"temporary_feedback_answer\" (\"submission_id\" varchar(36) NOT NULL, \"question_id\" varchar(36) NOT NULL, \"choice\" integer NOT NULL, \"correct\" boolean NOT NULL, CONSTRAINT \"FK_bcced9aac31451b2320e7cc2013\" FOREIGN KEY (\"submission_id\") REFERENCES \"feedback_submission\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_cee63acb21cc8db6ab62d502322\" FOREIGN KEY (\"question_id\") REFERENCES \"quiz_question\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY (\"submission_id\", \"question_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_feedback_answer\"(\"submission_id\", \"question_id\", \"choice\", \"correct\") SELECT \"submission_id\", \"question_id\", \"choice\", \"correct\" FROM \"feedback_answer\"");
    await queryRunner.query("DROP TABLE \"feedback_answer\"");
    await queryRunner.query("ALTER TABLE \"temporary_feedback_answer\" RENAME TO \"feedback_answer\"");
    await queryRunner.query("CREATE INDEX \"IDX_feedback_answer_question\" ON \"feedback_answer\" (\"question_id\") ");
    await queryRunner.query("DROP INDEX \"UQ_event_quiz_question_position\"");
    await queryRunner.query("CREATE TABLE \"temporary_event_quiz_question\" (\"event_id\" varchar(36) NOT NULL, \"question_id\" varchar(36) NOT NULL, \"position\" integer NOT NULL, CONSTRAINT \"FK_de221cd6e8d073fecb56aea8d64\" FOREIGN KEY (\"event_id\") REFERENCES \"event\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_c9743e85ca54b044710afee8b5a\" FOREIGN KEY (\"question_id\") REFERENCES \"quiz_question\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY (\"event_id\", \"question_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_event_quiz_question\"(\"event_id\", \"question_id\", \"position\") SELECT \"event_id\", \"question_id\", \"position\" FROM \"event_quiz_question\"");
    await queryRunner.query("DROP TABLE \"event_quiz_question\"");
    await queryRunner.query("ALTER TABLE \"temporary_event_quiz_question\" RENAME TO \"event_quiz_question\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_event_quiz_question_position\" ON \"event_quiz_question\" (\"event_id\", \"position\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"UQ_event_quiz_question_position\"");
    await queryRunner.query("ALTER TABLE \"event_quiz_question\" RENAME TO \"temporary_event_quiz_question\"");
    await queryRunner.query("CREATE TABLE \"event_quiz_question\" (\"event_id\" varchar(36) NOT NULL, \"question_id\" varchar(36) NOT NULL, \"position\" integer NOT NULL, PRIMARY KEY (\"event_id\", \"question_id\"))");
    await queryRunner.query("INSERT INTO \"event_quiz_question\"(\"event_id\", \"question_id\", \"position\") SELECT \"event_id\", \"question_id\", \"position\" FROM \"temporary_event_quiz_question\"");
    await queryRunner.query("DROP TABLE \"temporary_event_quiz_question\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_event_quiz_question_position\" ON \"event_quiz_question\" (\"event_id\", \"position\") ");
    await queryRunner.query("DROP INDEX \"IDX_feedback_answer_question\"");
    await queryRunner.query("ALTER TABLE \"feedback_answer\" RENAME TO \"temporary_feedback_answer\"");
    await queryRunner.query("CREATE TABLE \"feedback_answer\" (\"submission_id\" varchar(36) NOT NULL, \"question_id\" varchar(36) NOT NULL, \"choice\" integer NOT NULL, \"correct\" boolean NOT NULL, PRIMARY KEY (\"submission_id\", \"question_id\"))");
    await queryRunner.query("INSERT INTO \"feedback_answer\"(\"submission_id\", \"question_id\", \"choice\", \"correct\") SELECT \"submission_id\", \"question_id\", \"choice\", \"correct\" FROM \"temporary_feedback_answer\"");
    await queryRunner.query("DROP TABLE \"temporary_feedback_answer\"");
    await queryRunner.query("CREATE INDEX \"IDX_feedback_answer_question\" ON \"feedback_answer\" (\"question_id\") ");
    await queryRunner.query("DROP INDEX \"UQ_feedback_submission_device\"");
    await queryRunner.query("DROP INDEX \"IDX_feedback_submission_address\"");
    await queryRunner.query("ALTER TABLE \"feedback_submission\" RENAME TO \"temporary_feedback_submission\"");
    await queryRunner.query("CREATE TABLE \"feedback_submission\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"event_id\" varchar(36) NOT NULL, \"phase\" varchar(8) NOT NULL, \"device_key\" varchar(64) NOT NULL, \"address_key\" varchar(64) NOT NULL, \"rating\" integer, \"comment\" varchar(500), \"correct_count\" integer NOT NULL, \"answered_count\" integer NOT NULL, \"submitted_at\" datetime(3) NOT NULL)");
    await queryRunner.query("INSERT INTO \"feedback_submission\"(\"id\", \"event_id\", \"phase\", \"device_key\", \"address_key\", \"rating\", \"comment\", \"correct_count\", \"answered_count\", \"submitted_at\") SELECT \"id\", \"event_id\", \"phase\", \"device_key\", \"address_key\", \"rating\", \"comment\", \"correct_count\", \"answered_count\", \"submitted_at\" FROM \"temporary_feedback_submission\"");
    await queryRunner.query("DROP TABLE \"temporary_feedback_submission\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_feedback_submission_device\" ON \"feedback_submission\" (\"event_id\", \"phase\", \"device_key\") ");
    await queryRunner.query("CREATE INDEX \"IDX_feedback_submission_address\" ON \"feedback_submission\" (\"event_id\", \"address_key\") ");
    await queryRunner.query("DROP INDEX \"UQ_event_quiz_question_position\"");
    await queryRunner.query("DROP TABLE \"event_quiz_question\"");
    await queryRunner.query("DROP INDEX \"IDX_feedback_answer_question\"");
    await queryRunner.query("DROP TABLE \"feedback_answer\"");
    await queryRunner.query("DROP INDEX \"UQ_feedback_submission_device\"");
    await queryRunner.query("DROP INDEX \"IDX_feedback_submission_address\"");
    await queryRunner.query("DROP TABLE \"feedback_submission\"");
    await queryRunner.query("DROP INDEX \"IDX_quiz_question_topic\"");
    await queryRunner.query("DROP TABLE \"quiz_question\"");
  }
}
