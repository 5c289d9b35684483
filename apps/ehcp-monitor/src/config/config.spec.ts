import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems.join('\n');
    throw error;
  }
  return '';
}

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

  describe('Kafka SASL and TLS', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kafka-config-'));
    const caFile = join(folder, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const passwordFile = join(folder, 'password');
    writeFileSync(passwordFile, 'from-a-file\n');

    it('is plaintext without SASL by default, and stalls after 60 s', () => {
      const { kafka } = loadConfig({});
      expect(kafka.sasl).toBeUndefined();
      expect(kafka.tls).toBeUndefined();
      expect(kafka.stallSeconds).toBe(60);
    });

    it('reads SCRAM credentials and a private CA, and never shows the password', () => {
      const config = loadConfig({
        KAFKA_SASL_USERNAME: 'ehcp',
        KAFKA_SASL_PASSWORD: 's3cret-value',
        KAFKA_TLS: 'true',
        KAFKA_TLS_CA_FILE: caFile,
        KAFKA_STALL_SECONDS: '2',
      });
      expect(config.kafka.sasl?.mechanism).toBe('scram-sha-512');
      expect(config.kafka.sasl?.username).toBe('ehcp');
      expect(config.kafka.sasl?.password.reveal()).toBe('s3cret-value');
      expect(config.kafka.tls?.ca).toContain('BEGIN CERTIFICATE');
      expect(config.kafka.stallSeconds).toBe(2);
      for (const shown of [
        JSON.stringify(config),
        inspect(config, { depth: 10 }),
        String(config.kafka.sasl?.password),
      ]) {
        expect(shown).not.toContain('s3cret-value');
      }
      expect(
        loadConfig({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: passwordFile }).kafka.sasl?.password.reveal(),
      ).toBe('from-a-file');
      expect(loadConfig({ KAFKA_TLS: 'true' }).kafka.tls).toEqual({});
    });

    it('refuses half a setting, naming it and not its value', () => {
      expect(problemsOf({ KAFKA_SASL_USERNAME: 'u' })).toMatch(
        /needs both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
      );
      expect(problemsOf({ KAFKA_SASL_PASSWORD: 'only-a-password' })).not.toContain('only-a-password');
      expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toMatch(
        /KAFKA_SASL_MECHANISM="plain" is not one of: scram-sha-512, scram-sha-256/,
      );
      expect(problemsOf({ KAFKA_TLS_CA_FILE: caFile })).toMatch(/KAFKA_TLS is not true/);
      expect(problemsOf({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: join(folder, 'missing.pem') })).toMatch(
        /KAFKA_TLS_CA_FILE: cannot read .* \(ENOENT\)/,
      );
      expect(problemsOf({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: passwordFile })).toMatch(/must hold PEM certificates/);
      expect(problemsOf({ KAFKA_STALL_SECONDS: '0' })).toMatch(/KAFKA_STALL_SECONDS/);
    });
  });
});
