import type pg from 'pg';

/** The case clocks' active checkpoint and the store's head, read straight from the database. */
export async function projectionPosition(client: pg.Client): Promise<{ checkpoint: bigint; head: bigint }> {
  const result = await client.query<{ checkpoint: string | null; head: string }>(
    `select (select position::text from projection_generations where name = 'case-clocks' and status = 'active')
              as checkpoint,
            (select coalesce(max(global_position), 0)::text from event_store.events) as head`,
  );
  const row = result.rows[0];
  return { checkpoint: BigInt(row?.checkpoint ?? '-1'), head: BigInt(row?.head ?? '0') };
}

/** Waits until the active generation has folded every stored event (or the time is up). */
export async function waitCaughtUp(client: pg.Client, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const { checkpoint, head } = await projectionPosition(client);
      if (checkpoint >= head) return true;
    } catch {
      // the read-model tables may not exist yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
