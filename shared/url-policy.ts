/**
 * URL checks both sides need: Electron's main process decides what a window may navigate to and
 * what the OS browser may open; the browser build makes the same external-link decision.
 */
import { decodeHostLabel } from './punycode';

/** The app is served from this origin by the main process's custom protocol. */
export const APP_SCHEME = 'app';
const APP_HOST = 'fieldbook';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Longer links are refused rather than truncated: nothing a rep clicks is that long. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;
const MAX_INTERNAL_URL_LENGTH = 8192;

interface ParsedUrl {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly port: string;
}

// shared/ is typechecked without DOM or Node types; the WHATWG URL class exists in both runtimes.
const UrlConstructor = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL;

function parseUrl(input: string): ParsedUrl | null {
  try {
    return new UrlConstructor(input);
  } catch {
    return null;
  }
}

/**
 * Whitespace, control and invisible characters and backslashes are where URL parsers disagree or
 * silently drop text (`exam\u200bple.com` opens example.com); a real link has none of them.
 */
const AMBIGUOUS_CHARACTERS = /[\\\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]/u;

function hasAmbiguousCharacters(input: string): boolean {
  return AMBIGUOUS_CHARACTERS.test(input);
}

/** `https://bank.example@evil.example`: any @ before the path is a credentials trick. */
function hasUserInfo(input: string): boolean {
  const afterScheme = input.slice(input.indexOf('//') + 2);
  const authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  return authority.includes('@');
}

type Script = 'latin' | 'cyrillic' | 'neutral' | 'other';

function scriptOf(codePoint: number): Script {
  if (codePoint >= 0x30 && codePoint <= 0x39) return 'neutral';
  if (codePoint === 0x2d || codePoint === 0x5f) return 'neutral';
  if (codePoint >= 0x61 && codePoint <= 0x7a) return 'latin';
  if (codePoint >= 0xc0 && codePoint <= 0x24f && codePoint !== 0xd7 && codePoint !== 0xf7) {
    return 'latin';
  }
  if (codePoint >= 0x400 && codePoint <= 0x52f) return 'cyrillic';
  return 'other';
}

/**
 * Cyrillic letters that look like Latin ones. A label made only of these (`аррӏе`) imitates a Latin
 * name; browsers refuse such labels under a non-Cyrillic top-level domain, and so do we.
 */
const LATIN_LOOKALIKE_CYRILLIC = new Set(
  'аысԁеԍһіюјӏорԛѕԝхуъьҽпгѵѡ'.split('').map((c) => c.codePointAt(0)),
);

function labelScripts(label: string): Set<Script> {
  const scripts = new Set<Script>();
  for (const char of label) scripts.add(scriptOf(char.codePointAt(0) ?? 0));
  scripts.delete('neutral');
  return scripts;
}

function isLookalikeLabel(label: string): boolean {
  let letters = 0;
  for (const char of label) {
    const code = char.codePointAt(0) ?? 0;
    if (scriptOf(code) === 'neutral') continue;
    if (!LATIN_LOOKALIKE_CYRILLIC.has(code)) return false;
    letters++;
  }
  return letters > 0;
}

/**
 * A host is readable when each label is in one script, Latin or Cyrillic (`пример.рф` and
 * `example.com` pass; `аpple.com` with a Cyrillic `а`, Greek or other scripts do not).
 */
function isReadableHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return hostname.endsWith(']'); // IPv6 literal, already canonical
  const labels = hostname.replace(/\.$/, '').split('.');
  const decoded = labels.map(decodeHostLabel);
  if (decoded.some((label) => label === null || label.length === 0)) return false;
  const tld = decoded[decoded.length - 1] ?? '';
  const cyrillicTld = labelScripts(tld).has('cyrillic');
  for (const label of decoded as string[]) {
    const scripts = labelScripts(label);
    if (scripts.has('other') || scripts.size > 1) return false;
    if (scripts.has('cyrillic') && !cyrillicTld && isLookalikeLabel(label)) return false;
  }
  return true;
}

/**
 * The normalized link the OS browser may open, or null. Only http(s), no credentials (the
 * `https://bank.ru@evil.example` trick), no scheme the OS would hand to another program.
 */
export function toSafeExternalUrl(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  if (input.length === 0 || input.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (hasAmbiguousCharacters(input)) return null;
  // Check the scheme on the raw text too, so the parser cannot turn `https:evil` into a link.
  if (!/^https?:\/\//i.test(input) || hasUserInfo(input)) return null;
  const url = parseUrl(input);
  if (url === null) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '' || !isReadableHost(url.hostname)) return null;
  if (url.href.length > MAX_EXTERNAL_URL_LENGTH) return null;
  return url.href;
}

export function isSafeExternalUrl(input: unknown): boolean {
  return toSafeExternalUrl(input) !== null;
}

/**
 * True only for the app's own origin, `app://fieldbook`, exactly: `app://fieldbook.evil/`,
 * `app://evil/fieldbook` or `app://fieldbook@evil/` are foreign. In development the local dev
 * server's origin (e.g. `http://127.0.0.1:5173`) may be passed as well.
 */
export function isInternalUrl(input: unknown, devOrigin: string | null = null): boolean {
  if (typeof input !== 'string' || input.length > MAX_INTERNAL_URL_LENGTH) return false;
  if (hasAmbiguousCharacters(input)) return false;
  const url = parseUrl(input);
  if (url === null || url.username !== '' || url.password !== '') return false;
  if (url.protocol === `${APP_SCHEME}:`) {
    return url.hostname.toLowerCase() === APP_HOST && url.port === '';
  }
  return devOrigin !== null && url.origin !== 'null' && url.origin === devOrigin;
}
