/**
 * Chances drawn on quota rather than case by case. Each kind of outcome (a refusal in 2024, a plan on time in 2024)
 * keeps what it owes: every case eligible for it adds its chance, an outcome taken pays one back. A case gets the
 * outcome when what is owed plus a uniform draw reaches one, so over a year the outcomes come to within one of the
 * sum of their chances, while which cases get them stays random. Per-case draws would miss a small LA's published
 * figure by their binomial spread: 5 points on 70 plans.
 */
export class Quotas {
  private readonly owed = new Map<string, number>();

  /**
   * Whether the case gets outcome `key`, at chance `chance`, from the uniform draw `u`. A case that counts towards
   * the outcome's share but cannot have it (`eligible` false: a request withdrawn before it is decided, for a
   * refusal) adds its chance without taking one, so the next eligible cases make up for it.
   */
  take(key: string, chance: number, u: number, eligible = true): boolean {
    const owed = (this.owed.get(key) ?? 0) + chance;
    const taken = eligible && owed + u >= 1;
    this.owed.set(key, taken ? owed - 1 : owed);
    return taken;
  }

  /** Undoes a `take` of outcome `key` at `chance` (the case turned out not to count towards its share). */
  giveBack(key: string, chance: number, taken: boolean): void {
    this.owed.set(key, (this.owed.get(key) ?? 0) - chance + (taken ? 1 : 0));
  }
}
