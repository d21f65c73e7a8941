import { hasRole, Session } from './session';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: object) => `${encode({ alg: 'HS256' })}.${encode(payload)}.sig`;

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('Session', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');

  it('keeps a valid token and describes the person', () => {
    const session = new Session(memoryStorage(), () => now);
    const token = jwt({ email: 'eve@vendor.example', roles: ['engineer'], exp: now / 1000 + 3600 });
    expect(session.signIn(` ${token}\n`)).toMatchObject({ email: 'eve@vendor.example', staff: true });
    expect(session.token()).toBe(token);
    expect(hasRole(session.user(), 'engineer', 'csm')).toBe(true);
    expect(hasRole(session.user(), 'admin')).toBe(false);
  });

  it('refuses an expired token and forgets one that expires later', () => {
    let clock = now;
    const session = new Session(memoryStorage(), () => clock);
    expect(() => session.signIn(jwt({ email: 'a@b.example', exp: now / 1000 - 1 }))).toThrow('expired');
    session.signIn(jwt({ email: 'a@b.example', exp: now / 1000 + 60 }));
    expect(session.user()).toMatchObject({ email: 'a@b.example', staff: false });
    clock += 61_000;
    expect(session.token()).toBeUndefined();
    expect(session.user()).toBeUndefined();
  });
});
