import { EntitySchema } from 'typeorm';

/** A projection and the generation of its tables that queries read. */
export interface ProjectionRow {
  name: string;
  activeGeneration: number | null;
}

export const ProjectionEntity = new EntitySchema<ProjectionRow>({
  name: 'Projection',
  tableName: 'projections',
  columns: {
    name: { type: 'text', primary: true },
    activeGeneration: { name: 'active_generation', type: 'integer', nullable: true },
  },
});

export type GenerationStatus = 'building' | 'active' | 'retired';

/** One set of a projection's tables (a schema) and its checkpoint in the store's global order. */
export interface ProjectionGenerationRow {
  name: string;
  generation: number;
  version: number;
  schemaName: string;
  status: GenerationStatus;
  /** Global position of the last event folded into this generation (a bigint as a string). */
  position: string;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
}

export const ProjectionGenerationEntity = new EntitySchema<ProjectionGenerationRow>({
  name: 'ProjectionGeneration',
  tableName: 'projection_generations',
  columns: {
    name: { type: 'text', primary: true },
    generation: { type: 'integer', primary: true },
    version: { type: 'integer' },
    schemaName: { name: 'schema_name', type: 'text', unique: true },
    status: { type: 'text' },
    position: { type: 'bigint', default: 0 },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz', updateDate: true },
    activatedAt: { name: 'activated_at', type: 'timestamptz', nullable: true },
  },
});

/** How far one LA's events are folded into a generation, and a revision counted up by every change to its rows. */
export interface ProjectionLaRevisionRow {
  name: string;
  generation: number;
  la: string;
  position: string;
  revision: string;
}

export const ProjectionLaRevisionEntity = new EntitySchema<ProjectionLaRevisionRow>({
  name: 'ProjectionLaRevision',
  tableName: 'projection_la_revisions',
  columns: {
    name: { type: 'text', primary: true },
    generation: { type: 'integer', primary: true },
    la: { type: 'text', primary: true },
    position: { type: 'bigint' },
    revision: { type: 'bigint', default: 1 },
  },
});
