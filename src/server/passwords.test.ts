import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, isPasswordCorrect, passwordHashed } from './passwords.js';

describe('passwords', () => {
  it('hashes with scrypt and a salt, and checks', async () => {
    const a = await passwordHashed('correct horse battery');
    const b = await passwordHashed('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await isPasswordCorrect('correct horse battery', a)).toBe(true);
    expect(await isPasswordCorrect('correct horse batterY', a)).toBe(false);
    expect(await isPasswordCorrect('anything', DUMMY_HASH)).toBe(false);
    expect(await isPasswordCorrect('anything', 'md5$abc')).toBe(false);
  });
});
