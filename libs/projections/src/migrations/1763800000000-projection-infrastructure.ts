import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection runner's own tables, and the template schema of the read models.
 *
 * Read-model tables live in one schema per generation (`rm_<projection>_g<n>`), so a rebuild fills fresh tables
 * while the live generation keeps being served, then swaps in one transaction. Migrations own the table
 * definitions through the template schema `read_model_template`; a generation's tables are created with
 * `CREATE TABLE ... (LIKE read_model_template.<table> INCLUDING ALL)`. A migration that changes a read model's
 * table alters the template and goes with a bump of the projection's version, which triggers a rebuild.
 */
export class ProjectionInfrastructure1763800000000 implements MigrationInterface {
  name = 'ProjectionInfrastructure1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projections (
        name text PRIMARY KEY,
        active_generation integer
      )`);
    await queryRunner.query(`
      CREATE TABLE projection_generations (
        name text NOT NULL REFERENCES projections (name),
        generation integer NOT NULL,
        version integer NOT NULL,
        schema_name text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        position bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        PRIMARY KEY (name, generation)
      )`);
    await queryRunner.query(`CREATE SCHEMA read_model_template`);
    await queryRunner.query(`
      CREATE TABLE read_model_template.case_events (
        la text NOT NULL,
        case_id text NOT NULL,
        position bigint NOT NULL,
        recorded_at timestamptz NOT NULL,
        event jsonb NOT NULL,
        PRIMARY KEY (la, case_id, position)
      )`);
    await queryRunner.query(`CREATE INDEX case_events_recorded ON read_model_template.case_events (la, recorded_at)`);
    await queryRunner.query(`
      CREATE TABLE read_model_template.case_clock (
        la text NOT NULL,
        case_id text NOT NULL,
        stage text NOT NULL,
        next_deadline date,
        next_deadline_step text,
        team text,
        primary_need text,
        birth_month text,
        request_source text,
        clock jsonb NOT NULL,
        updated_position bigint NOT NULL,
        PRIMARY KEY (la, case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX case_clock_next_deadline ON read_model_template.case_clock (la, next_deadline)`,
    );
    await queryRunner.query(`
      CREATE TABLE read_model_template.case_facts (
        la text NOT NULL,
        case_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        span_from date NOT NULL,
        span_until date,
        primary_need text,
        birth_month text,
        request_source text,
        team text,
        fact jsonb NOT NULL,
        PRIMARY KEY (la, case_id, seq)
      )`);
    await queryRunner.query(
      `CREATE INDEX case_facts_period ON read_model_template.case_facts (la, kind, span_from, span_until)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA read_model_template CASCADE`);
    await queryRunner.query(`DROP TABLE projection_generations`);
    await queryRunner.query(`DROP TABLE projections`);
  }
}
