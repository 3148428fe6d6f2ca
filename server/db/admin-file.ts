/**
 * How the admin CLI finds a running server on an embedded data folder: the server writes
 * `fieldbook-admin.json` into the folder at start (its process id, the loopback port of its admin
 * endpoint and a fresh random secret), readable by its own user only (mode 0600), and removes it
 * when it stops. Whoever can read the file can administer the server, exactly as whoever can read
 * the data folder could before: the machine's admin, or the account the server runs as.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ADMIN_FILE = 'fieldbook-admin.json';

export interface AdminEndpoint {
  pid: number;
  /** Always a loopback address. */
  host: string;
  port: number;
  secret: string;
}

export function newAdminSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function writeAdminFile(dataDir: string, endpoint: AdminEndpoint): string {
  const path = join(dataDir, ADMIN_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  // Created 0600 (never readable by others, not even for a moment), then renamed into place.
  writeFileSync(temp, JSON.stringify(endpoint), { mode: 0o600, flag: 'w' });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  return path;
}

export class AdminFileError extends Error {}

/** The endpoint a running server published, or null when the folder has none. */
export function readAdminFile(dataDir: string): AdminEndpoint | null {
  const path = join(dataDir, ADMIN_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EACCES' || code === 'EPERM')
      throw new AdminFileError(
        `Cannot read ${path}: only the account that runs the server (or root) may administer it. Run the command as that user, e.g. sudo -u <server user> npm run server:admin -- …`,
      );
    throw error;
  }
  const parsed = JSON.parse(text) as AdminEndpoint;
  return parsed;
}

export function removeAdminFile(dataDir: string, pid: number = process.pid): void {
  const path = join(dataDir, ADMIN_FILE);
  try {
    const endpoint = JSON.parse(readFileSync(path, 'utf8')) as AdminEndpoint;
    if (endpoint.pid === pid) unlinkSync(path);
  } catch {
    // Gone already.
  }
}
