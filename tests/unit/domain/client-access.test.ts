import { describe, expect, it } from 'vitest';
import { clientAccess, type Viewer } from '../../../shared/domain/clientAccess';
import { LOCAL_OWNER } from '../../../shared/domain/followups/ownBook';

const MANAGER = '01900000-0000-7000-8000-00000000000a';
const ANNA = '01900000-0000-7000-8000-00000000000b';
const manager: Viewer = { userId: MANAGER, role: 'manager' };

describe('who may change a client on this device', () => {
  it("a manager reads a rep's client and is told whose it is", () => {
    expect(clientAccess({ ownerId: ANNA }, manager)).toEqual({ kind: 'view', ownerId: ANNA });
  });
  it('a manager changes their own clients, and those written here before signing in', () => {
    expect(clientAccess({ ownerId: MANAGER }, manager)).toEqual({ kind: 'edit' });
    expect(clientAccess({ ownerId: LOCAL_OWNER }, manager)).toEqual({ kind: 'edit' });
  });
  it("a rep changes every client on their device, a colleague's shared one included", () => {
    expect(clientAccess({ ownerId: MANAGER }, { userId: ANNA, role: 'rep' })).toEqual({
      kind: 'edit',
    });
  });
  it('a device not signed in changes every client it holds', () => {
    expect(clientAccess({ ownerId: ANNA }, null)).toEqual({ kind: 'edit' });
  });
});
