// The Slack signature check on its own: the v0 HMAC over the raw bytes, compared in constant time, and the
// five-minute replay window on both sides.
import { createHmac } from 'node:crypto';
import { verifySlackSignature } from '../../src/adapters/slack/verify.js';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const NOW_MS = Date.UTC(2100, 2, 1, 13, 0, 0);
const NOW_S = NOW_MS / 1000;
const BODY = 'command=%2Fplaybook&text=panne+%C3%A9lectrique&user_id=U1';
const sign = (body: string | Buffer, ts: number | string, secret = SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`;
const headers = (signature: string | undefined, ts: string | number | undefined) => ({
  ...(signature === undefined ? {} : { 'x-slack-signature': signature }),
  ...(ts === undefined ? {} : { 'x-slack-request-timestamp': String(ts) }),
});
const check = (body: string | Buffer, signature: string | undefined, ts: string | number | undefined) =>
  verifySlackSignature(SECRET, body, headers(signature, ts), NOW_MS);

test('a request signed with the secret is accepted, whether its body is given as bytes or as text', () => {
  expect(check(BODY, sign(BODY, NOW_S), NOW_S)).toEqual({ ok: true });
  expect(check(Buffer.from(BODY), sign(BODY, NOW_S), NOW_S)).toEqual({ ok: true });
  const accented = 'text=café ☕';
  expect(check(Buffer.from(accented), sign(Buffer.from(accented), NOW_S), NOW_S)).toEqual({ ok: true });
});

test('another secret, a changed body, a changed timestamp or a mangled signature are refused', () => {
  expect(check(BODY, sign(BODY, NOW_S, 'another-secret'), NOW_S)).toEqual({ ok: false, reason: 'bad signature' });
  expect(check(`${BODY}&is_admin=1`, sign(BODY, NOW_S), NOW_S)).toEqual({ ok: false, reason: 'bad signature' });
  expect(check(BODY, sign(BODY, NOW_S), NOW_S - 1)).toEqual({ ok: false, reason: 'bad signature' });
  const good = sign(BODY, NOW_S);
  for (const mangled of [good.toUpperCase(), good.slice(0, -2), `${good}00`, good.replace('v0=', 'v1='), `v0=${'z'.repeat(64)}`, '']) {
    expect(check(BODY, mangled, NOW_S).ok).toBe(false);
  }
});

test('the replay window is five minutes on both sides', () => {
  for (const ts of [NOW_S - 300, NOW_S + 300]) expect(check(BODY, sign(BODY, ts), ts)).toEqual({ ok: true });
  expect(check(BODY, sign(BODY, NOW_S - 301), NOW_S - 301)).toEqual({ ok: false, reason: 'timestamp is too old' });
  expect(check(BODY, sign(BODY, NOW_S + 301), NOW_S + 301)).toEqual({ ok: false, reason: 'timestamp is in the future' });
});

test('missing or malformed headers are refused with the reason', () => {
  expect(check(BODY, undefined, NOW_S)).toEqual({ ok: false, reason: 'missing Slack signature headers' });
  expect(check(BODY, sign(BODY, NOW_S), undefined)).toEqual({ ok: false, reason: 'missing Slack signature headers' });
  for (const ts of [`${NOW_S}.5`, '-1', 'now', '1'.repeat(13), ` ${NOW_S}`]) {
    expect(check(BODY, sign(BODY, ts), ts)).toEqual({ ok: false, reason: 'malformed timestamp' });
  }
});

test('repeated headers: the first value counts', () => {
  const verdict = verifySlackSignature(SECRET, BODY, { 'x-slack-signature': [sign(BODY, NOW_S), 'v0=00'], 'x-slack-request-timestamp': [String(NOW_S), '1'] }, NOW_MS);
  expect(verdict).toEqual({ ok: true });
});
