import { describe, expect, it } from 'vitest';
import { TeamGate } from '../../server/sync/team-gate';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('TeamGate', () => {
  it('lets `slots` pushes of one team run at once, queues the rest in order, and never blocks another team', async () => {
    const gate = new TeamGate(2);
    const running = new Set<string>();
    const order: string[] = [];
    const holds = new Map<string, ReturnType<typeof deferred>>();
    const job = (team: string, name: string) => {
      const hold = deferred();
      holds.set(name, hold);
      return gate.run(team, async () => {
        running.add(name);
        order.push(name);
        await hold.promise;
        running.delete(name);
        return name;
      });
    };
    const jobs = [job('A', 'a1'), job('A', 'a2'), job('A', 'a3'), job('A', 'a4'), job('B', 'b1')];
    await Promise.resolve();
    expect([...running].sort()).toEqual(['a1', 'a2', 'b1']);
    expect(gate.waiting).toBe(2);

    holds.get('a2')!.resolve();
    await jobs[1];
    await Promise.resolve();
    expect([...running].sort()).toEqual(['a1', 'a3', 'b1']);

    for (const name of ['a1', 'a3', 'a4', 'b1']) holds.get(name)!.resolve();
    expect(await Promise.all(jobs)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    expect(gate.waiting).toBe(0);
  });

  it('a failing push gives its slot to the next one', async () => {
    const gate = new TeamGate(1);
    const failed = gate.run('A', async () => {
      throw new Error('rolled back');
    });
    const next = gate.run('A', async () => 'ran');
    await expect(failed).rejects.toThrow('rolled back');
    expect(await next).toBe('ran');
    // And the gate is empty again: a later push does not wait.
    expect(await gate.run('A', async () => 'alone')).toBe('alone');
  });
});
