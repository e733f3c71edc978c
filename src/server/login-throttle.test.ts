import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('stops an account after its limit of failures until the window has passed', () => {
    let t = 1_000_000;
    const throttle = new LoginThrottle({ perEmail: 3, perAddress: 100, windowMs: 60_000 }, () => t);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfterSeconds('a@x', '1.1.1.1')).toBe(0);
      throttle.recordFailure('a@x', '1.1.1.1');
    }
    expect(throttle.retryAfterSeconds('a@x', '1.1.1.1')).toBe(60);
    expect(throttle.retryAfterSeconds('b@x', '1.1.1.1')).toBe(0);
    t += 30_000;
    expect(throttle.retryAfterSeconds('a@x', '2.2.2.2')).toBe(30);
    t += 30_001;
    expect(throttle.retryAfterSeconds('a@x', '1.1.1.1')).toBe(0);
  });

  it('stops an address trying many accounts', () => {
    const throttle = new LoginThrottle({ perEmail: 100, perAddress: 5, windowMs: 60_000 }, () => 0);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`u${i}@x`, '9.9.9.9');
    expect(throttle.retryAfterSeconds('new@x', '9.9.9.9')).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('new@x', '8.8.8.8')).toBe(0);
  });

  it('forgets an account’s failures after a correct password', () => {
    const throttle = new LoginThrottle({ perEmail: 2, perAddress: 100, windowMs: 60_000 }, () => 0);
    throttle.recordFailure('a@x', '1');
    throttle.recordFailure('a@x', '1');
    expect(throttle.retryAfterSeconds('a@x', '1')).toBeGreaterThan(0);
    throttle.recordSuccess('a@x', '1');
    expect(throttle.retryAfterSeconds('a@x', '1')).toBe(0);
  });
});
