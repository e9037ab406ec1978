// Wall tokens and signed playbook access: unguessable, stored only as hashes, compared in constant time,
// found across workspaces only by their own hash (test/web/wall-port.test.ts, on both stores).
import { LINK_LIFETIME_DAYS, WALL_TOKEN, accessValid, digestMatches, hashToken, newLinkKey, newWallToken, signAccess, tokenDigest } from '../../src/web/tokens.js';
import { escapeHtml, html, raw } from '../../src/web/html.js';
import { inline } from '../../src/web/markdown-html.js';
import { redactPath } from '../../src/web/web-pages.js';

test('wall tokens: 256 random bits in base64url, all different; the hash is hex SHA-256', () => {
  const tokens = new Set(Array.from({ length: 1000 }, newWallToken));
  expect(tokens.size).toBe(1000);
  for (const t of tokens) expect(t).toMatch(WALL_TOKEN);
  const [t] = tokens;
  expect(hashToken(t!)).toMatch(/^[0-9a-f]{64}$/);
  expect(digestMatches(tokenDigest(t!), hashToken(t!))).toBe(true);
  expect(digestMatches(tokenDigest(`${t!.slice(0, -1)}${t!.endsWith('A') ? 'B' : 'A'}`), hashToken(t!))).toBe(false); // one character changed
  expect(digestMatches(tokenDigest(t!), 'not hex')).toBe(false);
  expect(digestMatches(tokenDigest(t!), hashToken(t!).slice(0, 62))).toBe(false);
});

test('signed playbook access: valid for 30 days, the same all day, refused when tampered, expired or from another key', () => {
  const key = newLinkKey();
  const now = new Date('2100-03-01T13:00:00Z');
  const access = signAccess(key, now);
  expect(access).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
  expect(signAccess(key, new Date('2100-03-01T20:00:00Z'))).toBe(access);
  expect(accessValid(key, access, now)).toBe(true);
  expect(accessValid(key, access, new Date(now.getTime() + (LINK_LIFETIME_DAYS - 1) * 86_400_000))).toBe(true);
  expect(accessValid(key, access, new Date(now.getTime() + (LINK_LIFETIME_DAYS + 1) * 86_400_000))).toBe(false);
  expect(accessValid(newLinkKey(), access, now)).toBe(false);
  const [expiry, mac] = access.split('.') as [string, string];
  const later = (parseInt(expiry, 36) + 365).toString(36);
  expect(accessValid(key, `${later}.${mac}`, now)).toBe(false); // a pushed-back expiry breaks the signature
  for (const i of [0, 10, 21]) {
    const flipped = `${mac.slice(0, i)}${mac[i] === 'A' ? 'B' : 'A'}${mac.slice(i + 1)}`;
    expect(accessValid(key, `${expiry}.${flipped}`, now)).toBe(false);
  }
  for (const bad of ['', '.', 'zzzz', `${expiry}.`, `${expiry}.${mac}x`]) expect(accessValid(key, bad, now)).toBe(false);
});

test('HTML: every value is escaped unless it is markup built here; links only to http(s) and mailto', () => {
  expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  expect(html`<p title="${'"><img src=x onerror=alert(1)>'}">${'<b>'}${raw('<i>ok</i>')}${[1, '<', null, false]}</p>`.value)
    .toBe('<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;b&gt;<i>ok</i>1&lt;</p>');
  expect(inline('**gras** et *italique*, `code <x>` [site](https://ex.org/?a=1&b="2") [js](javascript:alert(1))').value)
    .toBe('<strong>gras</strong> et <em>italique</em>, <code>code &lt;x&gt;</code> <a href="https://ex.org/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">site</a> js (javascript:alert(1))');
  expect(inline('l’utilisateur **<img src=x>**').value).toBe('l’utilisateur <strong>&lt;img src=x&gt;</strong>');
});

test('logs see a wall path without its token', () => {
  expect(redactPath('/wall/abcDEF_-123/events')).toBe('/wall/[redacted]/events');
  expect(redactPath('/wall/abc')).toBe('/wall/[redacted]');
  expect(redactPath('/playbooks/outage')).toBe('/playbooks/outage');
});
