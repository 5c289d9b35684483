import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per LA and generation, how far the projector has folded that LA's events and a revision counted up by every
 * change to the LA's rows (a projected batch, an erasure). Answers derived from an LA's rows are cached under its
 * revision, so a cache entry is never served once the rows it was computed from have changed.
 */
export class LaRevisions1764100000000 implements MigrationInterface {
  name = 'LaRevisions1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_la_revisions (
        name text NOT NULL,
        generation integer NOT NULL,
        la text NOT NULL,
        position bigint NOT NULL,
        revision bigint NOT NULL DEFAULT 1,
        PRIMARY KEY (name, generation, la)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_la_revisions`);
  }
}
