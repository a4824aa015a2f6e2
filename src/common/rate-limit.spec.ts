import { RateLimiter } from './rate-limit';

/** A limiter on a clock the test moves. */
function limiter(perMinute: number) {
  let now = 0;
  return { limiter: new RateLimiter(perMinute, () => now), advance: (ms: number) => (now += ms) };
}

describe(RateLimiter.name, () => {
  it('never holds back the check-in page at its fastest (a sync every 500 ms, for ten minutes) under the default 120 a minute', () => {
    const { limiter: l, advance } = limiter(120);
    let refused = 0;
    for (let i = 0; i < 1200; i++) {
      if (l.take('phone') > 0) refused++;
      advance(500);
    }
    expect(refused).toBe(0);
  });

  it('holds back a runaway client (20 calls a second) within seconds, then lets through the refill rate', () => {
    const { limiter: l, advance } = limiter(120);
    const allowedPerSecond: number[] = [];
    for (let second = 0; second < 20; second++) {
      let allowed = 0;
      for (let i = 0; i < 20; i++) {
        if (l.take('runaway') === 0) allowed++;
        advance(50);
      }
      allowedPerSecond.push(allowed);
    }
    // The burst of 120 lasts about 6.7 seconds at 18 net a second; after that, 2 a second.
    expect(allowedPerSecond.slice(0, 6)).toEqual(Array(6).fill(20));
    expect(allowedPerSecond.slice(8)).toEqual(Array(12).fill(2));
  });

  it('says how many whole seconds until the call would be allowed, and takes nothing when it refuses', () => {
    const { limiter: l, advance } = limiter(60);
    expect(l.take('k', 60)).toBe(0);
    expect(l.take('k')).toBe(1);
    expect(l.take('k', 30)).toBe(30);
    advance(30_000);
    expect(l.take('k', 30)).toBe(0);
    expect(l.take('k')).toBe(1);
  });

  it('keeps keys apart', () => {
    const { limiter: l } = limiter(1);
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBe(60);
    expect(l.take('b')).toBe(0);
  });

  it('remembers a bounded number of keys however many clients appear', () => {
    const { limiter: l, advance } = limiter(10);
    for (let i = 0; i < 120_000; i++) {
      l.take(`client-${i}`);
      advance(1);
    }
    expect(l.size).toBeLessThanOrEqual(50_000);
  });
});
