import pg from 'pg';

/**
 * One query on a connection of the pool that goes back to the pool when the server answered with an error.
 * `pg.Pool#query` closes the connection after any error, so every expected refusal (a version conflict, an eventId
 * already stored) would cost a new connection and a new server process; only an error that is not the server's
 * answer (a broken or timed-out connection) closes it here.
 */
export async function pooledQuery<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  text: string,
  values?: unknown[],
): Promise<pg.QueryResult<R>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost while the query runs is reported by the query; this keeps its 'error' event handled.
  const onError = (error: Error): void => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await client.query<R>(text, values);
  } catch (error) {
    // An ERROR ends the statement and leaves the session usable; FATAL and PANIC (a terminated backend) end it.
    const answered = error instanceof pg.DatabaseError && error.severity === 'ERROR';
    if (!answered) broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
