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

/** Our table, byte by byte: the reference, and the fallback where the platform lacks the label. */
export function decodeCp1251Table(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  const units = new Uint16Array(CHUNK);
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) units[i - start] = DECODE[bytes[i] as number] as number;
    const slice = end - start === CHUNK ? units : units.subarray(0, end - start);
    parts.push(String.fromCharCode.apply(null, slice as unknown as number[]));
  }
  return parts.join('');
}

interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
const platformDecoder: TextDecoderLike | null = (() => {
  try {
    const { TextDecoder } = globalThis as unknown as {
      TextDecoder: new (label: string) => TextDecoderLike;
    };
    const decoder = new TextDecoder('windows-1251');
    // Trust the platform only if it agrees with the table on the letters that matter.
    const probe = Uint8Array.from([0xa8, 0xb8, 0xc0, 0xff, 0xb9, 0xab]);
    return decoder.decode(probe) === decodeCp1251Table(probe) ? decoder : null;
  } catch {
    return null;
  }
})();

/** Windows-1251 bytes to text: the platform's decoder when it has one (several times faster). */
export function decodeCp1251(bytes: Uint8Array): string {
  return platformDecoder ? platformDecoder.decode(bytes) : decodeCp1251Table(bytes);
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
