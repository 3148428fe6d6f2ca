/**
 * Windows-1251, the encoding of CSV files saved by Russian Excel. Our own table rather than the
 * platform's TextDecoder label, which not every runtime ships; it is 64 entries and never changes.
 */
const HIGH =
  '0402 0403 201a 0453 201e 2026 2020 2021 20ac 2030 0409 2039 040a 040c 040b 040f ' +
  '0452 2018 2019 201c 201d 2022 2013 2014 0098 2122 0459 203a 045a 045c 045b 045f ' +
  '00a0 040e 045e 0408 00a4 0490 00a6 00a7 0401 00a9 0404 00ab 00ac 00ad 00ae 0407 ' +
  '00b0 00b1 0406 0456 0491 00b5 00b6 00b7 0451 2116 0454 00bb 0458 0405 0455 0457';

/** Byte → UTF-16 code unit: ASCII as is, 0x80–0xBF from the table, 0xC0–0xFF are А…я. */
const DECODE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let b = 0; b < 0x80; b++) table[b] = b;
  HIGH.split(' ').forEach((hex, i) => (table[0x80 + i] = parseInt(hex, 16)));
  for (let b = 0xc0; b <= 0xff; b++) table[b] = 0x0410 + (b - 0xc0);
  return table;
})();

export function decodeCp1251(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const units = new Uint16Array(end - start);
    for (let i = start; i < end; i++) units[i - start] = DECODE[bytes[i] as number] as number;
    out += String.fromCharCode(...units);
  }
  return out;
}

const ENCODE = new Map<number, number>(Array.from(DECODE, (unit, byte) => [unit, byte]));

/** Text → Windows-1251 bytes; null when a character has no byte in the code page. */
export function encodeCp1251(text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const byte = ENCODE.get(text.charCodeAt(i));
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return bytes;
}
