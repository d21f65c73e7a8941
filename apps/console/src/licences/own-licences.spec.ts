import type { LicenceListItem } from '../api/api-types';
import { OwnLicences, OwnLicencesSource } from './own-licences';

/** GET /v1/licences answering `answers` in turn (an Error: a refusal), counting the calls. */
function source(...answers: (LicenceListItem[] | Error)[]) {
  let calls = 0;
  const api: OwnLicencesSource = {
    get: <T>() => {
      const answer = answers[Math.min(calls++, answers.length - 1)];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ items: answer } as T);
    },
  };
  return { api, calls: () => calls };
}

const licence = (id: string) => ({ id }) as LicenceListItem;

describe('OwnLicences', () => {
  it('asks once, however many parts of the console want them, and tells when they arrive', async () => {
    const { api, calls } = source([licence('a')]);
    const changed = jest.fn();
    const licences = new OwnLicences(api, changed);
    expect(licences.items).toBeUndefined();
    const [first, second] = await Promise.all([licences.load(), licences.load()]);
    await licences.load();
    expect(first).toBe(second);
    expect(licences.items?.map((item) => item.id)).toEqual(['a']);
    expect(calls()).toBe(1);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('asks again on reload (a registration completed)', async () => {
    const { api, calls } = source([licence('a')], [licence('a'), licence('b')]);
    const licences = new OwnLicences(api, () => undefined);
    await licences.load();
    await licences.reload();
    expect(licences.items?.map((item) => item.id)).toEqual(['a', 'b']);
    expect(calls()).toBe(2);
  });

  it('says null when they could not be read, and keeps what it had when a reload fails', async () => {
    const failing = new OwnLicences(source(new Error('down')).api, () => undefined);
    await expect(failing.load()).rejects.toThrow('down');
    expect(failing.items).toBeNull();

    const known = new OwnLicences(source([licence('a')], new Error('down')).api, () => undefined);
    await known.load();
    await expect(known.reload()).rejects.toThrow('down');
    expect(known.items?.map((item) => item.id)).toEqual(['a']);
  });
});
