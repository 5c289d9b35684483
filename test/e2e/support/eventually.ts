/**
 * Reads until `done` holds or `ms` have passed, and answers the last value read (the test's own expectation then
 * says what was wrong). For things that happen in the background: a projector catching up, a consumer, a probe.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 60_000,
  pauseMs = 200,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
