import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to embedded storage, port 3000, every role and the documented calendar settings', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
    expect(config.eventStore).toBe('postgres');
    expect(config.kafkaBrokers).toEqual([]);
    expect([...config.roles].sort()).toEqual(['api', 'ingest', 'projector', 'rollups']);
    expect(config.calendar).toEqual({ countFrom: 'day0', reviewDue: 'strict', nextReviewFrom: 'meeting' });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      DATA_DIR: '/tmp/x',
      KAFKA_BROKERS: 'a:9092, b:9093',
      ROLES: 'api,projector',
      COUNT_FROM: 'day1',
      REVIEW_DUE: 'anniversary',
      NEXT_REVIEW_FROM: 'decision',
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false',
    });
    expect(config.port).toBe(8080);
    expect(config.kafkaBrokers).toEqual(['a:9092', 'b:9093']);
    expect([...config.roles]).toEqual(['api', 'projector']);
    expect(config.calendar.countFrom).toBe('day1');
    expect(config.eventStore).toBe('kurrentdb');
  });

  it('lists every bad setting at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        COUNT_FROM: 'day2',
        EVENT_STORE: 'kurrentdb',
        KAFKA_BROKERS: 'nohost',
        ROLES: 'api,cook',
        DATABASE_URL: 'mysql://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/PORT="eighty"/);
    expect(problems.join('\n')).toMatch(/COUNT_FROM="day2"/);
    expect(problems.join('\n')).toMatch(/KURRENTDB_CONNECTION_STRING/);
    expect(problems.join('\n')).toMatch(/KAFKA_BROKERS entry "nohost"/);
    expect(problems.join('\n')).toMatch(/ROLES entry "cook"/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
  });
});
