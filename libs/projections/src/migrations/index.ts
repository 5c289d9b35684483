import { ProjectionInfrastructure1763800000000 } from './1763800000000-projection-infrastructure.js';
import { LaRevisions1764100000000 } from './1764100000000-la-revisions.js';

/** Every read-model migration, oldest first. */
export const READ_MODEL_MIGRATIONS = [ProjectionInfrastructure1763800000000, LaRevisions1764100000000];
