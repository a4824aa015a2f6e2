/** At most this many keys are remembered; beyond it, full buckets and then the least recently used go. */
const MAX_KEYS = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets per key, in this process's memory: `perMinute` calls at once,
 * then `perMinute` a minute, refilled evenly. A guard against runaway clients,
 * not an exact quota: with N instances a client may get up to N times as much.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /** Takes `cost` calls from `key`'s bucket. Returns 0 when allowed, else the whole seconds until it would be (nothing is taken). */
  take(key: string, cost = 1): number {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs) : this.perMinute;
    if (tokens < cost) return Math.max(1, Math.ceil((Math.min(cost, this.perMinute) - tokens) / this.perMs / 1000));
    // Re-inserted, so the map's order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - cost, at: now });
    if (this.buckets.size > MAX_KEYS) this.evict(now);
    return 0;
  }

  /** Keys remembered now (for tests and memory checks). */
  get size(): number {
    return this.buckets.size;
  }

  private evict(now: number): void {
    // Full buckets carry no information; then drop the least recently used down to 90%, so this runs rarely.
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS * 0.9) break;
      this.buckets.delete(key);
    }
  }
}
