// A token bucket per client address: a burst of runs is fine, a steady
// stream beyond the rate is told when to come back.
export interface RateLimiter {
  /** 0 when the run may go ahead, else seconds until it may. */
  take(client: string): number;
}

export function createRateLimiter(perMinute: number, burst: number, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(client) {
      if (perMinute === 0) return 0;
      const time = now();
      const bucket = buckets.get(client) ?? { tokens: burst, at: time };
      bucket.tokens = Math.min(burst, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.set(client, bucket);
      // Full buckets carry no information; dropping them keeps the map small.
      if (buckets.size > 10_000) for (const [key, value] of buckets) if (value.tokens >= burst) buckets.delete(key);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs / 1000);
    },
  };
}
