/** How many failed logins are allowed in the window, per e-mail address and per client address. */
export interface ThrottleLimits {
  readonly perEmail: number;
  readonly perAddress: number;
  readonly windowMs: number;
}

/** Five wrong passwords for one account, or thirty from one address, in fifteen minutes. */
export const DEFAULT_THROTTLE: ThrottleLimits = { perEmail: 5, perAddress: 30, windowMs: 15 * 60 * 1000 };

/** Counts failed logins and says when the next attempt is allowed; the clock is a parameter. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds to wait before trying again, or 0 when a login may be attempted now. */
  retryAfterSeconds(email: string, address: string): number {
    let until = 0;
    for (const [key, limit] of [
      [`e:${email}`, this.limits.perEmail],
      [`a:${address}`, this.limits.perAddress],
    ] as const) {
      const recent = this.recent(key);
      if (recent.length >= limit)
        until = Math.max(until, (recent[recent.length - limit] ?? 0) + this.limits.windowMs);
    }
    return until === 0 ? 0 : Math.max(1, Math.ceil((until - this.now()) / 1000));
  }

  /** Records a failed login (or, before the password is checked, an attempt: concurrent tries count at once). */
  recordFailure(email: string, address: string): void {
    for (const key of [`e:${email}`, `a:${address}`])
      this.failures.set(key, [...this.recent(key), this.now()]);
    // Forget old keys now and then so a flood of made-up e-mails cannot grow the map without end.
    if (this.failures.size > 10_000) for (const key of [...this.failures.keys()]) this.recent(key);
  }

  /** Forgets the failures of an account after a correct password (and the attempt counted for it). */
  recordSuccess(email: string, address: string): void {
    this.failures.delete(`e:${email}`);
    const recent = this.recent(`a:${address}`);
    if (recent.length > 0) this.failures.set(`a:${address}`, recent.slice(0, -1));
  }
}
