import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weekly rollups, every revision kept ("as first reported" is revision 1, "as known now" the latest), and the
 * transactional outbox a new revision is written to in the same transaction. Written with IF NOT EXISTS so that
 * applying it over a database that already has the tables changes nothing.
 */
export class WeeklyRollups1763900000000 implements MigrationInterface {
  name = 'WeeklyRollups1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS weekly_rollups (
        la text NOT NULL,
        week text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 1),
        week_start date NOT NULL,
        week_end date NOT NULL,
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        based_on_position bigint NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (la, week, revision)
      )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS weekly_rollups_by_week ON weekly_rollups (la, week_start DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic text NOT NULL,
        key text NOT NULL,
        payload text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (id) WHERE published_at IS NULL`);
    // Which relay may publish: one at a time, so records leave in the order they were written.
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS outbox_relay_lease (
        name text PRIMARY KEY,
        holder text,
        expires_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS outbox_relay_lease`);
    await queryRunner.query(`DROP TABLE IF EXISTS outbox`);
    await queryRunner.query(`DROP TABLE IF EXISTS weekly_rollups`);
  }
}
