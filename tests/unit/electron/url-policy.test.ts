import { describe, expect, it } from 'vitest';
import { decodePunycode } from '../../../shared/punycode';
import {
  APP_ENTRY_URL,
  isInternalUrl,
  isSafeExternalUrl,
  MAX_EXTERNAL_URL_LENGTH,
  toSafeExternalUrl,
} from '../../../shared/url-policy';

describe('external links: only plain http(s) links reach the OS browser', () => {
  it.each([
    'https://example.com/',
    'http://example.com/path?q=1#top',
    'https://sub.example.co.uk:8443/a/b',
    'http://192.168.1.10/crm',
    'https://[2001:db8::1]/',
    'https://пример.рф/',
    'https://xn--e1afmkfd.xn--p1ai/',
    'https://münchen.de/',
    'https://apple.рф/',
  ])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with slashes', 'javascript://example.com/%0aalert(1)'],
    ['JaVaScRiPt: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC share', 'file://server/share/evil.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb:', 'smb://attacker/share'],
    ['the app origin itself', 'app://fieldbook/index.html'],
    ['ftp:', 'ftp://example.com/'],
    ['https without slashes', 'https:evil.example'],
    ['a relative path', '/etc/passwd'],
    ['an empty string', ''],
    ['leading whitespace', ' https://example.com/'],
    ['an embedded newline', 'https://exa\nmple.com/'],
    ['an embedded tab', 'https://example.com/\t'],
    ['a NUL byte', 'https://example.com/\u0000'],
    ['a backslash authority trick', 'https:\\\\evil.example'],
    ['a backslash before @', 'https://bank.example\\@evil.example/'],
    ['userinfo@host', 'https://bank.example@evil.example/'],
    ['user:password@host', 'https://user:secret@example.com/'],
    ['an empty userinfo', 'https://@example.com/'],
    ['Cyrillic а in a Latin name', 'https://\u0430pple.com/'],
    ['punycode of a mixed-script name', 'https://xn--pple-43d.com/'],
    ['an all-Cyrillic look-alike of apple under .com', 'https://xn--80ak6aa92e.com/'],
    ['Greek omicron in a Latin name', 'https://g\u03bfogle.com/'],
    ['a zero-width space', 'https://exam\u200bple.com/'],
    ['malformed punycode', 'https://xn--999999999.com/'],
    ['a BOM', '\ufeffhttps://example.com/'],
    ['a line separator', 'https://example.com/\u2028'],
  ])('refuses %s', (_name, url) => {
    expect(toSafeExternalUrl(url)).toBeNull();
  });

  it.each([null, undefined, 42, {}, ['https://example.com/'], { href: 'https://example.com/' }])(
    'refuses a non-string (%j)',
    (value) => {
      expect(isSafeExternalUrl(value)).toBe(false);
    },
  );

  it('refuses a link longer than the limit and accepts one at the limit', () => {
    const prefix = 'https://example.com/';
    const atLimit = prefix + 'a'.repeat(MAX_EXTERNAL_URL_LENGTH - prefix.length);
    expect(isSafeExternalUrl(atLimit)).toBe(true);
    expect(isSafeExternalUrl(atLimit + 'a')).toBe(false);
    expect(isSafeExternalUrl(prefix + 'a'.repeat(1_000_000))).toBe(false);
  });

  it('returns the normalized form, so the opened link is the checked link', () => {
    expect(toSafeExternalUrl('HTTPS://Example.COM/a/../b')).toBe('https://example.com/b');
    expect(toSafeExternalUrl('https://пример.рф/')).toBe('https://xn--e1afmkfd.xn--p1ai/');
  });
});

describe('internal URLs: only the exact app origin is the app', () => {
  it.each([
    APP_ENTRY_URL,
    'app://fieldbook/',
    'app://fieldbook/assets/index.js?x=1#y',
    'APP://FIELDBOOK/',
  ])('accepts %s', (url) => {
    expect(isInternalUrl(url)).toBe(true);
  });

  it.each([
    ['a look-alike host', 'app://fieldbook.evil/'],
    ['a host with fieldbook as a prefix', 'app://fieldbookevil/'],
    ['a host with fieldbook as a subdomain', 'app://fieldbook.evil.example/'],
    ['userinfo trick', 'app://fieldbook@evil/'],
    ['userinfo with the real host', 'app://user@fieldbook/'],
    ['another host with fieldbook in the path', 'app://evil/fieldbook'],
    ['a port', 'app://fieldbook:8080/'],
    ['an opaque app: URL', 'app:fieldbook'],
    ['https with the same host name', 'https://fieldbook/'],
    ['file:', 'file:///index.html'],
    ['about:blank', 'about:blank'],
    ['Cyrillic look-alike host', 'app://fi\u0435ldbook/'],
    ['percent-encoded host', 'app://fieldb%6fok/'],
    ['an embedded newline', 'app://fieldbook/\n'],
    ['the dev origin when not in dev', 'http://127.0.0.1:5173/'],
  ])('refuses %s', (_name, url) => {
    expect(isInternalUrl(url)).toBe(false);
  });

  it.each([null, undefined, 1, {}, []])('refuses a non-string (%j)', (value) => {
    expect(isInternalUrl(value)).toBe(false);
  });

  it('accepts the dev origin only when it is given, and only that exact origin', () => {
    const dev = 'http://127.0.0.1:5173';
    expect(isInternalUrl('http://127.0.0.1:5173/src/main.tsx', dev)).toBe(true);
    expect(isInternalUrl('http://127.0.0.1:5174/', dev)).toBe(false);
    expect(isInternalUrl('http://localhost:5173/', dev)).toBe(false);
    expect(isInternalUrl('https://127.0.0.1:5173/', dev)).toBe(false);
    expect(isInternalUrl('http://user@127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('punycode decoding', () => {
  it('decodes labels as RFC 3492 specifies', () => {
    expect(decodePunycode('e1afmkfd')).toBe('пример');
    expect(decodePunycode('p1ai')).toBe('рф');
    expect(decodePunycode('mnchen-3ya')).toBe('münchen');
  });

  it('returns null for malformed input instead of guessing', () => {
    expect(decodePunycode('99999999999')).toBeNull();
    expect(decodePunycode('a!b')).toBeNull();
    expect(decodePunycode('ü-abc')).toBeNull();
  });
});
