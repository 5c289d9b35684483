import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * oidc-provider's storage for grants, sessions, codes and interactions, in memory: they live minutes and a restart
 * only signs people out. Clients are not stored here (see `BuiltInIssuer`).
 */
export class MemoryAdapter implements Adapter {
  private static readonly rows = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  private static readonly grants = new Map<string, Set<string>>();

  constructor(private readonly model: string) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    MemoryAdapter.rows.set(this.key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
    if (payload.grantId !== undefined) {
      const keys = MemoryAdapter.grants.get(payload.grantId) ?? new Set<string>();
      keys.add(this.key(id));
      MemoryAdapter.grants.set(payload.grantId, keys);
    }
    MemoryAdapter.sweep();
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    const row = MemoryAdapter.rows.get(this.key(id));
    if (row === undefined || row.expiresAt < Date.now()) return Promise.resolve(undefined);
    return Promise.resolve(row.payload);
  }

  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.byUid(uid));
  }

  private byUid(uid: string): AdapterPayload | undefined {
    for (const [key, row] of MemoryAdapter.rows) {
      if (key.startsWith(`${this.model}:`) && row.payload.uid === uid && row.expiresAt >= Date.now()) {
        return row.payload;
      }
    }
    return undefined;
  }

  consume(id: string): Promise<void> {
    const row = MemoryAdapter.rows.get(this.key(id));
    if (row !== undefined) row.payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    MemoryAdapter.rows.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    for (const key of MemoryAdapter.grants.get(grantId) ?? []) MemoryAdapter.rows.delete(key);
    MemoryAdapter.grants.delete(grantId);
    return Promise.resolve();
  }

  /** Drops expired rows now and then, so memory stays bounded. */
  private static sweep(): void {
    if (MemoryAdapter.rows.size % 256 !== 0) return;
    const now = Date.now();
    for (const [key, row] of MemoryAdapter.rows) if (row.expiresAt < now) MemoryAdapter.rows.delete(key);
  }
}
