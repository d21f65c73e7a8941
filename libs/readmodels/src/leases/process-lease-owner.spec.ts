import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { leaseOwnerOf, leaseOwnerOfExitedProcess } from '../testing/lease-owners';
import { isLeaseOwnerProcessGone, markLeaseOwnersEnded, processLeaseOwner } from './process-lease-owner';

describe('process lease owners', () => {
  it('names a distinct owner for every runner, none of them gone while this process runs', () => {
    const [first, second] = [processLeaseOwner(), processLeaseOwner()];
    expect(first).not.toBe(second);
    expect(isLeaseOwnerProcessGone(first)).toBe(false);
  });

  it('judges gone the owners of this process declared ended (a dead worker thread), and only those', () => {
    const [ended, running] = [processLeaseOwner(), processLeaseOwner()];
    markLeaseOwnersEnded([ended]);
    expect(isLeaseOwnerProcessGone(ended)).toBe(true);
    expect(isLeaseOwnerProcessGone(running)).toBe(false);
  });

  it('tells a crashed process of this host from one that still runs', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const owner = leaseOwnerOf(child);
    try {
      expect(isLeaseOwnerProcessGone(owner)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    expect(isLeaseOwnerProcessGone(owner)).toBe(true);
  });

  it('never judges owners it cannot check: other hosts, other PID namespaces, other formats', async () => {
    const [, namespace, pid, random] = (await leaseOwnerOfExitedProcess()).split('/');
    const [host] = processLeaseOwner().split('/');
    expect(isLeaseOwnerProcessGone(['elsewhere.example', namespace, pid, random].join('/'))).toBe(false);
    expect(isLeaseOwnerProcessGone([host, '1', pid, random].join('/'))).toBe(false);
    expect(isLeaseOwnerProcessGone(`${host}:${pid}:${random}`)).toBe(false);
    expect(isLeaseOwnerProcessGone('runner-a')).toBe(false);
  });
});
