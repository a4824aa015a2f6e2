import * as argon2 from 'argon2';
import { PasswordHasher } from './password-hasher';

// The real argon2, with `verify` replaceable per test (its exports cannot be spied on directly).
jest.mock('argon2', () => {
  const real = jest.requireActual<typeof import('argon2')>('argon2');
  return { ...real, verify: jest.fn(real.verify) };
});
const realVerify = jest.requireActual<typeof import('argon2')>('argon2').verify;

describe(PasswordHasher.name, () => {
  afterEach(() => jest.mocked(argon2.verify).mockImplementation(realVerify));

  it('runs at most four hashes at once and serves every caller', async () => {
    let running = 0;
    let most = 0;
    jest.mocked(argon2.verify).mockImplementation(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return true;
    });
    const hasher = new PasswordHasher();
    const answers = await Promise.all(Array.from({ length: 20 }, () => hasher.verify('$argon2id$stored', 'secret')));
    expect(answers).toEqual(Array(20).fill(true));
    expect(most).toBe(4);
  });

  it('still answers false for a wrong password and frees its slot after a failure', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('correct horse battery');
    expect(await hasher.verify(hash, 'wrong')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
    expect(await hasher.verify(hash, 'correct horse battery')).toBe(true);
  });
});
