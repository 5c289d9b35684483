import { ProjectionInfrastructure1763800000000 } from './1763800000000-projection-infrastructure.js';

/** Every read-model migration, oldest first. */
export const READ_MODEL_MIGRATIONS = [ProjectionInfrastructure1763800000000];
