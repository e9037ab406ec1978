// The secrets of the web pages: wall tokens (random, only their hash is stored, compared in constant
// time) and signed playbook-page access (an expiry and its HMAC).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A wall token: 32 random bytes as base64url, 43 characters, the only secret in a wall's address. */
export function newWallToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What a wall token looks like; anything else is refused before any lookup. */
export const WALL_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Hex SHA-256 of a token: what the data file keeps (WallData.tokenHash). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The SHA-256 of a token, computed once to compare against many stored hashes. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether a token's digest equals `storedHash`, compared in constant time (the time taken tells nothing
 * about how close a guess was). A malformed stored hash never matches.
 */
export function digestMatches(digest: Buffer, storedHash: string): boolean {
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === digest.length && timingSafeEqual(digest, stored);
}

/** A new signing key for playbook-page links: 32 random bytes as base64url. */
export function newLinkKey(): string {
  return randomBytes(32).toString('base64url');
}

const DAY_MS = 86_400_000;

/** How long a signed playbook-page link stays valid. */
export const LINK_LIFETIME_DAYS = 30;

/**
 * Access to the playbook pages until a day boundary at least LINK_LIFETIME_DAYS after `now`:
 * `<expiry in base36 days since 1970>.<first 16 bytes of HMAC-SHA-256(key, "playbooks:" + expiry), base64url>`.
 * The same for a whole day, so a day's chat replies carry the same link.
 */
export function signAccess(key: string, now: Date): string {
  const expiresDay = Math.ceil(now.getTime() / DAY_MS) + LINK_LIFETIME_DAYS;
  const expiry = expiresDay.toString(36);
  return `${expiry}.${accessMac(key, expiry)}`;
}

/** Whether signed access is genuine (constant-time) and not expired at `now`. */
export function accessValid(key: string, access: string, now: Date): boolean {
  const m = /^([0-9a-z]{1,8})\.([A-Za-z0-9_-]{22})$/.exec(access);
  if (!m) return false;
  // The encoded texts are compared (not their bytes), so no other spelling of the same bytes passes.
  const expected = Buffer.from(accessMac(key, m[1]!), 'utf8');
  const given = Buffer.from(m[2]!, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return parseInt(m[1]!, 36) * DAY_MS > now.getTime();
}

function accessMac(key: string, expiry: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(`playbooks:${expiry}`).digest().subarray(0, 16).toString('base64url');
}
