/** Passwords and device tokens: what is stored is never what the person or device holds. */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt with N=2^15, r=8, p=1 (OWASP's recommended floor): ~100 ms and 32 MiB per hash.
const SCRYPT = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 64;

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return { hash: key.toString('hex'), salt: salt.toString('hex') };
}

/** Constant-time comparison of the derived keys. */
export async function verifyPassword(
  password: string,
  hash: string,
  salt: string,
): Promise<boolean> {
  const expected = Buffer.from(hash, 'hex');
  const key = await scryptAsync(password, Buffer.from(salt, 'hex'));
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** A dummy verification, so an unknown e-mail takes as long as a wrong password. */
export async function burnPasswordTime(password: string): Promise<void> {
  await scryptAsync(password, Buffer.alloc(16));
}

/** 32 random bytes, base64url: what the device keeps. */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 is enough for a 256-bit random token: what the database keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A readable random password for the admin CLI to hand out. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
