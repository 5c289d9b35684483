import { describe, expect, it } from '@jest/globals';
import { BUNDLED_MIGRATIONS } from './bundled-migrations.js';
import { loadMigrations, migrationsDirectory } from './migrate.js';

describe('event store migrations', () => {
  it('load in name order, each with its SQL, the first creating the events and streams tables', () => {
    const directory = migrationsDirectory();
    expect(directory).toBeDefined();
    const migrations = loadMigrations(directory);
    expect(migrations.length).toBeGreaterThan(0);
    const names = migrations.map((migration) => migration.name);
    expect(names).toEqual([...names].sort());
    expect(names.every((name) => /^\d{4}_[a-z0-9_]+$/.test(name))).toBe(true);
    expect(migrations[0]!.sql).toMatch(/create table if not exists event_store\.events/);
    expect(migrations[0]!.sql).toMatch(/create table if not exists event_store\.streams/);
  });

  it('bundle exactly the SQL files, for builds that ship without them', () => {
    expect(BUNDLED_MIGRATIONS).toEqual(loadMigrations(migrationsDirectory()));
    expect(loadMigrations(undefined)).toEqual(BUNDLED_MIGRATIONS);
  });
});
