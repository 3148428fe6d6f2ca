/**
 * The framing of a durable journal line, the same on the desktop (electron/main/journal.ts) and in
 * the browser (renderer/platform/browser-durable.ts):
 *
 *     <byte length of JSON> <CRC-32 of JSON, 8 hex> <JSON>\n
 *
 * Pure: bytes in, numbers and text out, so both sides frame and check lines alike.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib computes it) of the bytes. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** What stands before a record's JSON on its line: `<length> <CRC-32, 8 hex> `. */
export function frameHeader(json: Uint8Array): string {
  return `${json.length} ${crc32(json).toString(16).padStart(8, '0')} `;
}

/** Whether a line's length and checksum (as read from its header) are those of its JSON bytes. */
export function frameMatches(json: Uint8Array, length: string, crcHex: string): boolean {
  return json.length === Number(length) && crc32(json) === parseInt(crcHex, 16);
}
