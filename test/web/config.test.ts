// COACH_BASE_URL and COACH_PLAYBOOK_PAGES: validated at start, one clear message per bad value.
import { loadConfig } from '../../src/config.js';

const config = (env: Record<string, string>) => loadConfig(env);

test('COACH_BASE_URL: an http(s) address, kept without its trailing slash; absent by default', () => {
  const ok = config({ COACH_BASE_URL: 'https://coach.example.org/support/' });
  expect(ok.ok && ok.config.baseUrl).toBe('https://coach.example.org/support');
  const local = config({ COACH_BASE_URL: ' http://127.0.0.1:3000 ' });
  expect(local.ok && local.config.baseUrl).toBe('http://127.0.0.1:3000');
  const none = config({ COACH_BASE_URL: '' });
  expect(none.ok && none.config.baseUrl).toBeUndefined();
});

test.each([
  ['coach.example.org', 'must be the coach\'s public address'],
  ['ftp://coach.example.org', 'must start with https://'],
  ['https://admin:secret@coach.example.org', 'must not contain a user name or password'],
  ['https://coach.example.org/?team=1', 'must not have a ?query or #fragment'],
  ['https://coach.example.org/#wall', 'must not have a ?query or #fragment'],
  ['http://0.0.0.0:3000', 'must name a host that browsers can reach'],
])('COACH_BASE_URL=%s is refused: %s', (value, message) => {
  const result = config({ COACH_BASE_URL: value });
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain(`COACH_BASE_URL: ${message}`);
  }
});

test('COACH_PLAYBOOK_PAGES: public (default), token or off, any case; anything else is refused', () => {
  const byDefault = config({});
  expect(byDefault.ok && byDefault.config.playbookPages).toBe('public');
  for (const mode of ['public', 'token', 'off'] as const) {
    const result = config({ COACH_PLAYBOOK_PAGES: mode.toUpperCase() });
    expect(result.ok && result.config.playbookPages).toBe(mode);
  }
  const bad = config({ COACH_PLAYBOOK_PAGES: 'private' });
  expect(bad.ok).toBe(false);
  if (!bad.ok) expect(bad.errors).toEqual(['COACH_PLAYBOOK_PAGES: must be public, token or off (got "private").']);
});
