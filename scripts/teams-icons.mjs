// Draws the Teams app icons (committed in teams/): color.png, 192×192, a white speech bubble with a check
// mark on the coach's blue; outline.png, 32×32, the same bubble as a white outline on transparency (what
// Teams asks for). No dependency: shapes are rasterised with 4×4 supersampling and written as PNG with
// node:zlib. Run `node scripts/teams-icons.mjs` to redraw them.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const BLUE = [0x2e, 0x6d, 0xa4];

// ---- geometry, in unit coordinates (0..1, y down) ----
function roundedRectDistance(x, y, [x0, y0, x1, y1], r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const qx = Math.abs(x - cx) - hx, qy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by), d2 = s(x, y, bx, by, cx, cy), d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
/** Distance from the line through a and b, positive on the side of `inside`. */
function sideDistance(x, y, [ax, ay], [bx, by], [ix, iy]) {
  const nx = ay - by, ny = bx - ax, len = Math.hypot(nx, ny);
  const d = ((x - ax) * nx + (y - ay) * ny) / len;
  return Math.sign(((ix - ax) * nx + (iy - ay) * ny) / len) * d;
}
function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const BODY = [0.17, 0.2, 0.83, 0.68];
const TAIL = [[0.3, 0.62], [0.28, 0.85], [0.5, 0.62]];
const CHECK = [[0.35, 0.44], [0.46, 0.55], [0.66, 0.34]];

function inBubble(x, y) {
  return roundedRectDistance(x, y, BODY, 0.11) <= 0 || inTriangle(x, y, ...TAIL);
}
function onCheck(x, y, width) {
  return segmentDistance(x, y, CHECK[0], CHECK[1]) <= width / 2 || segmentDistance(x, y, CHECK[1], CHECK[2]) <= width / 2;
}

/** Renders size×size RGBA with `shade(x, y)` → [r, g, b, a] per sample, averaged over 4×4 samples. */
function render(size, shade) {
  const data = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      data[i + 3] = Math.round((a / (n * n)) * 255);
      if (a > 0) { data[i] = Math.round(r / a); data[i + 1] = Math.round(g / a); data[i + 2] = Math.round(b / a); }
    }
  }
  return data;
}

const color = render(192, (x, y) => {
  if (inBubble(x, y) && !onCheck(x, y, 0.075)) return [255, 255, 255, 1];
  return [...BLUE, 1];
});

// Outline: a 2 px white line at 32 px (1/16 of the size), the check mark inside, the rest transparent.
const stroke = 1 / 16;
const outline = render(32, (x, y) => {
  const body = roundedRectDistance(x, y, BODY, 0.11);
  const filled = body <= 0 || inTriangle(x, y, ...TAIL);
  // The inside of the outline: the body inset by the stroke, joined to the tail's inset wedge (open at
  // the top, so the line runs around the tail instead of across it).
  const [a, b, c] = TAIL;
  const innerTail = y >= 0.5 && sideDistance(x, y, a, b, c) >= stroke && sideDistance(x, y, b, c, a) >= stroke;
  const ring = filled && !(body <= -stroke || innerTail);
  return ring || onCheck(x, y, stroke * 1.1) ? [255, 255, 255, 1] : [255, 255, 255, 0];
});

// ---- PNG ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0 per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync(join(here, '..', 'teams', 'color.png'), png(192, color));
writeFileSync(join(here, '..', 'teams', 'outline.png'), png(32, outline));
process.stdout.write('teams/color.png (192×192) and teams/outline.png (32×32) written\n');
