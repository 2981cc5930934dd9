#!/usr/bin/env node
// Draws icon.png (128×128): a 公文 page — red header bars, the red separator line, text lines and a seal —
// on a deep-red rounded square. No image library: shapes are sampled 4×4 per pixel and written as a PNG
// with node:zlib. Run `node scripts/icon.mjs` after changing the drawing; the output is committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per axis

const RED = [190, 22, 34];
const DEEP = [140, 12, 22];
const PAGE = [255, 253, 248];
const INK = [88, 88, 96];

function roundRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A five-pointed star in the seal: outer radius 5.5, inner 2.2, centred at (78, 96), point up. */
const STAR = Array.from({ length: 10 }, (_, i) => {
  const r = i % 2 ? 2.2 : 5.5;
  const a = -Math.PI / 2 + (i * Math.PI) / 5;
  return [78 + r * Math.cos(a), 96 + r * Math.sin(a)];
});

function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The colour at a point, or undefined for transparent. Later shapes paint over earlier ones. */
function colourAt(x, y) {
  let c;
  if (roundRect(x, y, 2, 2, 126, 126, 24)) {
    // A soft vertical gradient on the background.
    const t = y / SIZE;
    c = RED.map((v, i) => Math.round(v * (1 - t) + DEEP[i] * t));
  }
  if (roundRect(x, y, 27, 14, 101, 114, 5)) c = PAGE;
  // 红头: the issuing authority's name in red, as two bars.
  if (roundRect(x, y, 38, 22, 90, 31, 2)) c = RED;
  // The red separator line under the header (GB/T 9704 版头中的分隔线).
  if (y >= 38 && y <= 40.5 && x >= 34 && x <= 94) c = RED;
  // Title and body lines.
  const lines = [
    [46, 50, 82],
    [58, 36, 92],
    [66, 36, 92],
    [74, 36, 92],
    [82, 36, 70],
  ];
  for (const [ly, lx0, lx1] of lines) if (roundRect(x, y, lx0, ly, lx1, ly + 3, 1.5)) c = ly === 46 ? [40, 40, 48] : INK;
  // The seal: a red ring with a star, over the signature area.
  const dx = x - 78;
  const dy = y - 96;
  const d = Math.hypot(dx, dy);
  if (d <= 11 && d >= 8.6) c = RED;
  if (d < 6 && inPolygon(x, y, STAR)) c = RED;
  return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0;
    let g = 0;
    let b = 0;
    let a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = colourAt(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a++;
      }
    }
    const o = py * (SIZE * 4 + 1) + 1 + px * 4;
    if (a) {
      raw[o] = Math.round(r / a);
      raw[o + 1] = Math.round(g / a);
      raw[o + 2] = Math.round(b / a);
    }
    raw[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'icon.png');
writeFileSync(out, png);
console.log(`icon.png: ${png.length} bytes`);
