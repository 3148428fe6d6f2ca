import type { Transaction } from 'dexie';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { randomHex } from '../../shared/ids';
import type { FieldbookDb } from './dbTypes';

/**
 * The device's identity, clock and outbox sequence live in the `meta` table and are read and
 * advanced inside each write transaction, so two windows on one database never reuse a sequence
 * number or issue a stamp that goes back in time.
 */
export const META = {
  device: 'device',
  clock: 'clock',
  seq: 'outboxSeq',
  session: 'session',
} as const;

export interface DeviceIdentity {
  deviceId: string;
}

export interface Session {
  /** The rep whose book this is: 'local' until the rep signs in to a sync server. */
  repId: string;
}

export async function deviceIdentity(db: FieldbookDb): Promise<DeviceIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(META.device);
    if (row) return row.value as DeviceIdentity;
    const identity = { deviceId: randomHex(8) };
    await db.meta.put({ key: META.device, value: identity });
    return identity;
  });
}

export async function currentSession(db: FieldbookDb): Promise<Session> {
  const row = await db.meta.get(META.session);
  return (row?.value as Session | undefined) ?? { repId: 'local' };
}

export interface WriteStamp {
  deviceId: string;
  repId: string;
  hlc: string;
  nowIso: string;
  nextSeq: () => Promise<number>;
  /** Reserves sequence numbers up to `seq` (a bulk write numbers its rows itself). */
  advanceSeqTo: (seq: number) => Promise<void>;
}

/** Call inside a read-write transaction that includes `meta`: one stamp for one logical write. */
export async function takeStamp(
  db: FieldbookDb,
  _tx: Transaction,
  now: () => number,
): Promise<WriteStamp> {
  const [deviceRow, clockRow, seqRow, sessionRow] = await db.meta.bulkGet([
    META.device,
    META.clock,
    META.seq,
    META.session,
  ]);
  let device = deviceRow?.value as DeviceIdentity | undefined;
  if (!device) {
    device = { deviceId: randomHex(8) };
    await db.meta.put({ key: META.device, value: device });
  }
  const clock = new HybridLogicalClock({
    node: device.deviceId,
    now,
    last: clockRow?.value as string | undefined,
  });
  const hlc = clock.tick();
  await db.meta.put({ key: META.clock, value: hlc });
  let seq = (seqRow?.value as number | undefined) ?? 0;
  return {
    deviceId: device.deviceId,
    repId: (sessionRow?.value as Session | undefined)?.repId ?? 'local',
    hlc,
    nowIso: new Date(now()).toISOString(),
    nextSeq: async () => {
      seq += 1;
      await db.meta.put({ key: META.seq, value: seq });
      return seq;
    },
    advanceSeqTo: async (target) => {
      seq = Math.max(seq, target);
      await db.meta.put({ key: META.seq, value: seq });
    },
  };
}
