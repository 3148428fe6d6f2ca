// Draws build/icon.png (512x512 RGBA) with no image library: shapes are tested per pixel with 4x4
// supersampling, then written as a PNG with zlib. Run: node build/make-icon.mjs
// The motif: a notebook page with lines and a check mark, on the app's teal.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 512;
const SAMPLES = 4;

const TEAL = [15, 118, 110];
const TEAL_DARK = [17, 94, 89];
const PAPER = [250, 250, 247];
const LINE = [148, 163, 184];
const CHECK = [234, 88, 12];

function inRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function nearSegment(x, y, [x1, y1], [x2, y2], halfWidth) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return (x - (x1 + t * dx)) ** 2 + (y - (y1 + t * dy)) ** 2 <= halfWidth ** 2;
}

/** The colour at one sample point, or null for transparent. Later shapes paint over earlier. */
function colourAt(x, y) {
  if (!inRoundedRect(x, y, 16, 16, 496, 496, 104)) return null;
  let colour = y > 256 + (x - 256) * 0.35 ? TEAL_DARK : TEAL;
  if (inRoundedRect(x, y, 132, 92, 380, 420, 28)) colour = PAPER;
  for (const lineY of [168, 228, 288]) {
    if (inRoundedRect(x, y, 176, lineY - 9, 336, lineY + 9, 9)) colour = LINE;
  }
  if (
    nearSegment(x, y, [236, 352], [284, 396], 20) ||
    nearSegment(x, y, [284, 396], [420, 236], 20)
  ) {
    colour = CHECK;
  }
  return colour;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const rowStart = y * (SIZE * 4 + 1); // each row starts with filter byte 0 (none)
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        if (colour === null) continue;
        sum[0] += colour[0];
        sum[1] += colour[1];
        sum[2] += colour[2];
        sum[3] += 255;
      }
    }
    const covered = sum[3] / 255;
    const offset = rowStart + 1 + x * 4;
    for (let c = 0; c < 3; c++) rows[offset + c] = covered ? Math.round(sum[c] / covered) : 0;
    rows[offset + 3] = Math.round(sum[3] / (SAMPLES * SAMPLES));
  }
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, standard filters, no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(target, png);
stdout.write(`wrote ${target} (${png.length} bytes)\n`);
