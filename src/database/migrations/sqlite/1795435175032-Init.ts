import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795435175032 implements MigrationInterface {
  name = 'Init1795435175032';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"org_unit\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(100) NOT NULL, \"level\" varchar(16) NOT NULL, \"parent_id\" varchar(36), \"root_marker\" varchar(4), \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_unit_code\" ON \"org_unit\" (\"code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_org_unit_parent\" ON \"org_unit\" (\"parent_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_unit_root\" ON \"org_unit\" (\"root_marker\") ");
    await queryRunner.query("CREATE TABLE \"org_unit_closure\" (\"ancestor_id\" varchar(36) NOT NULL, \"descendant_id\" varchar(36) NOT NULL, \"depth\" integer NOT NULL, PRIMARY KEY (\"ancestor_id\", \"descendant_id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_org_unit_closure_descendant\" ON \"org_unit_closure\" (\"descendant_id\", \"depth\") ");
    await queryRunner.query("CREATE TABLE \"app_user\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"email\" varchar(254) NOT NULL, \"name\" varchar(100) NOT NULL, \"password_hash\" varchar(255), \"role\" varchar(24) NOT NULL, \"org_unit_id\" varchar(36) NOT NULL, \"locale\" varchar(10) NOT NULL DEFAULT ('zh-CN'), \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_app_user_email\" ON \"app_user\" (\"email\") ");
    await queryRunner.query("CREATE INDEX \"IDX_app_user_org_unit\" ON \"app_user\" (\"org_unit_id\") ");
    await queryRunner.query("CREATE TABLE \"login_failure\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"account_key\" varchar(254) NOT NULL, \"client_ip\" varchar(64) NOT NULL, \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("CREATE INDEX \"IDX_login_failure_ip\" ON \"login_failure\" (\"client_ip\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"IDX_login_failure_account\" ON \"login_failure\" (\"account_key\", \"created_at\") ");
    await queryRunner.query("DROP INDEX \"UQ_org_unit_code\"");
    await queryRunner.query("DROP INDEX \"IDX_org_unit_parent\"");
    await queryRunner.query("DROP INDEX \"UQ_org_unit_root\"");
    await queryRunner.query("CREATE TABLE \"temporary_org_unit\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(100) NOT NULL, \"level\" varchar(16) NOT NULL, \"parent_id\" varchar(36), \"root_marker\" varchar(4), \"created_at\" datetime(3) NOT NULL, CONSTRAINT \"FK_b8e4301109a2850200ba2c7c512\" FOREIGN KEY (\"parent_id\") REFERENCES \"org_unit\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_org_unit\"(\"id\", \"code\", \"name\", \"level\", \"parent_id\", \"root_marker\", \"created_at\") SELECT \"id\", \"code\", \"name\", \"level\", \"parent_id\", \"root_marker\", \"created_at\" FROM \"org_unit\"");
    await queryRunner.query("DROP TABLE \"org_unit\"");
    await queryRunner.query("ALTER TABLE \"temporary_org_unit\" RENAME TO \"org_unit\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_unit_code\" ON \"org_unit\" (\"code\") ");
    await queryRunner.query("CREATE INDEX \"IDX_org_unit_parent\" ON \"org_unit\" (\"parent_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_unit_root\" ON \"org_unit\" (\"root_marker\") ");
    await queryRunner.query("DROP INDEX \"IDX_org_unit_closure_descendant\"");
    await queryRunner.query("CREATE TABLE \"temporary_org_unit_closure\" (\"ancestor_id\" varchar(36) NOT NULL, \"descendant_id\" varchar(36) NOT NULL, \"depth\" integer NOT NULL, CONSTRAINT \"FK_d2d433365fd34ef9b2da4bb193c\" FOREIGN KEY (\"ancestor_id\") REFERENCES \"org_unit\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT \"FK_1a951e7d0984b7c4a46a82ab8a6\" FOREIGN KEY (\"descendant_id\") REFERENCES \"org_unit\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY (\"ancestor_id\", \"descendant_id\"))");
    await queryRunner.query("INSERT INTO \"temporary_org_unit_closure\"(\"ancestor_id\", \"descendant_id\", \"depth\") SELECT \"ancestor_id\", \"descendant_id\", \"depth\" FROM \"org_unit_closure\"");
    await queryRunner.query("DROP TABLE \"org_unit_closure\"");
    await queryRunner.query("ALTER TABLE \"temporary_org_unit_closure\" RENAME TO \"org_unit_closure\"");
    await queryRunner.query("CREATE INDEX \"IDX_org_unit_closure_descendant\" ON \"org_unit_closure\" (\"descendant_id\", \"depth\") ");
    await queryRunner.query("DROP INDEX \"UQ_app_user_email\"");
    await queryRunner.query("DROP INDEX \"IDX_app_user_org_unit\"");
    await queryRunner.query("CREATE TABLE \"temporary_app_user\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"email\" varchar(254) NOT NULL, \"name\" varchar(100) NOT NULL, \"password_hash\" varchar(255), \"role\" varchar(24) NOT NULL, \"org_unit_id\" varchar(36) NOT NULL, \"locale\" varchar(10) NOT NULL DEFAULT ('zh-CN'), \"created_at\" datetime(3) NOT NULL, CONSTRAINT \"FK_90433b02ee8b208cb2ea924d947\" FOREIGN KEY (\"org_unit_id\") REFERENCES \"org_unit\" (\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION)");
    await queryRunner.query("INSERT INTO \"temporary_app_user\"(\"id\", \"email\", \"name\", \"password_hash\", \"role\", \"org_unit_id\", \"locale\", \"created_at\") SELECT \"id\", \"email\", \"name\", \"password_hash\", \"role\", \"org_unit_id\", \"locale\", \"created_at\" FROM \"app_user\"");
    await queryRunner.query("DROP TABLE \"app_user\"");
    await queryRunner.query("ALTER TABLE \"temporary_app_user\" RENAME TO \"app_user\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_app_user_email\" ON \"app_user\" (\"email\") ");
    await queryRunner.query("CREATE INDEX \"IDX_app_user_org_unit\" ON \"app_user\" (\"org_unit_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"IDX_app_user_org_unit\"");
    await queryRunner.query("DROP INDEX \"UQ_app_user_email\"");
    await queryRunner.query("ALTER TABLE \"app_user\" RENAME TO \"temporary_app_user\"");
    await queryRunner.query("CREATE TABLE \"app_user\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"email\" varchar(254) NOT NULL, \"name\" varchar(100) NOT NULL, \"password_hash\" varchar(255), \"role\" varchar(24) NOT NULL, \"org_unit_id\" varchar(36) NOT NULL, \"locale\" varchar(10) NOT NULL DEFAULT ('zh-CN'), \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("INSERT INTO \"app_user\"(\"id\", \"email\", \"name\", \"password_hash\", \"role\", \"org_unit_id\", \"locale\", \"created_at\") SELECT \"id\", \"email\", \"name\", \"password_hash\", \"role\", \"org_unit_id\", \"locale\", \"created_at\" FROM \"temporary_app_user\"");
    await queryRunner.query("DROP TABLE \"temporary_app_user\"");
    await queryRunner.query("CREATE INDEX \"IDX_app_user_org_unit\" ON \"app_user\" (\"org_unit_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_app_user_email\" ON \"app_user\" (\"email\") ");
    await queryRunner.query("DROP INDEX \"IDX_org_unit_closure_descendant\"");
    await queryRunner.query("ALTER TABLE \"org_unit_closure\" RENAME TO \"temporary_org_unit_closure\"");
    await queryRunner.query("CREATE TABLE \"org_unit_closure\" (\"ancestor_id\" varchar(36) NOT NULL, \"descendant_id\" varchar(36) NOT NULL, \"depth\" integer NOT NULL, PRIMARY KEY (\"ancestor_id\", \"descendant_id\"))");
    await queryRunner.query("INSERT INTO \"org_unit_closure\"(\"ancestor_id\", \"descendant_id\", \"depth\") SELECT \"ancestor_id\", \"descendant_id\", \"depth\" FROM \"temporary_org_unit_closure\"");
    await queryRunner.query("DROP TABLE \"temporary_org_unit_closure\"");
    await queryRunner.query("CREATE INDEX \"IDX_org_unit_closure_descendant\" ON \"org_unit_closure\" (\"descendant_id\", \"depth\") ");
    await queryRunner.query("DROP INDEX \"UQ_org_unit_root\"");
    await queryRunner.query("DROP INDEX \"IDX_org_unit_parent\"");
    await queryRunner.query("DROP INDEX \"UQ_org_unit_code\"");
    await queryRunner.query("ALTER TABLE \"org_unit\" RENAME TO \"temporary_org_unit\"");
    await queryRunner.query("CREATE TABLE \"org_unit\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"code\" varchar(32) NOT NULL, \"name\" varchar(100) NOT NULL, \"level\" varchar(16) NOT NULL, \"parent_id\" varchar(36), \"root_marker\" varchar(4), \"created_at\" datetime(3) NOT NULL)");
    await queryRunner.query("INSERT INTO \"org_unit\"(\"id\", \"code\", \"name\", \"level\", \"parent_id\", \"root_marker\", \"created_at\") SELECT \"id\", \"code\", \"name\", \"level\", \"parent_id\", \"root_marker\", \"created_at\" FROM \"temporary_org_unit\"");
    await queryRunner.query("DROP TABLE \"temporary_org_unit\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_unit_root\" ON \"org_unit\" (\"root_marker\") ");
    await queryRunner.query("CREATE INDEX \"IDX_org_unit_parent\" ON \"org_unit\" (\"parent_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"UQ_org_unit_code\" ON \"org_unit\" (\"code\") ");
    await queryRunner.query("DROP INDEX \"IDX_login_failure_account\"");
    await queryRunner.query("DROP INDEX \"IDX_login_failure_ip\"");
    await queryRunner.query("DROP TABLE \"login_failure\"");
    await queryRunner.query("DROP INDEX \"IDX_app_user_org_unit\"");
    await queryRunner.query("DROP INDEX \"UQ_app_user_email\"");
    await queryRunner.query("DROP TABLE \"app_user\"");
    await queryRunner.query("DROP INDEX \"IDX_org_unit_closure_descendant\"");
    await queryRunner.query("DROP TABLE \"org_unit_closure\"");
    await queryRunner.query("DROP INDEX \"UQ_org_unit_root\"");
    await queryRunner.query("DROP INDEX \"IDX_org_unit_parent\"");
    await queryRunner.query("DROP INDEX \"UQ_org_unit_code\"");
    await queryRunner.query("DROP TABLE \"org_unit\"");
  }
}
