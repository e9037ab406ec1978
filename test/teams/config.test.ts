// Teams configuration: credentials turn the endpoint on, TEAMS_ALLOW_ANONYMOUS the Emulator mode;
// without either it is off; bad combinations stop the start with one clear message, secrets not echoed.
import { loadConfig } from '../../src/config.js';

const ID = '6b1f3c2a-0d4e-4f5a-8b9c-0a1b2c3d4e5f';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

test('no Teams variable: the Teams endpoint is off', () => {
  const result = loadConfig({});
  expect(result.ok && result.config.teams).toBeUndefined();
  const off = loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'false' });
  expect(off.ok && off.config.teams).toBeUndefined();
});

test('TEAMS_ALLOW_ANONYMOUS=true: anonymous mode, no app id', () => {
  const result = loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'TRUE' });
  expect(result.ok && result.config.teams).toEqual({ appId: '', appType: 'MultiTenant', anonymous: true });
});

test('credentials: the app id, password, tenant and type; SingleTenant when a tenant is given', () => {
  const multi = loadConfig({ MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'pw~secret', MICROSOFT_APP_TYPE: 'MultiTenant' });
  expect(multi.ok && multi.config.teams).toEqual({ appId: ID, appPassword: 'pw~secret', appType: 'MultiTenant', anonymous: false });
  const single = loadConfig({ MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TENANT_ID: TENANT });
  expect(single.ok && single.config.teams).toMatchObject({ appType: 'SingleTenant', tenantId: TENANT });
  const msi = loadConfig({ MICROSOFT_APP_ID: ID, MICROSOFT_APP_TYPE: 'userassignedmsi', MICROSOFT_APP_TENANT_ID: TENANT });
  expect(msi.ok && msi.config.teams).toMatchObject({ appType: 'UserAssignedMSI' });
  expect(msi.ok && msi.config.teams?.appPassword).toBeUndefined();
});

test('bad combinations are refused, each with a message naming the variable; the password is never echoed', () => {
  const cases: [Record<string, string>, string][] = [
    [{ MICROSOFT_APP_ID: 'my-bot' }, 'MICROSOFT_APP_ID: must be the bot’s Microsoft app id'],
    [{ MICROSOFT_APP_ID: ID }, 'MICROSOFT_APP_PASSWORD: missing'],
    [{ MICROSOFT_APP_PASSWORD: 'hunter2-secret' }, 'MICROSOFT_APP_ID: missing'],
    [{ MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'hunter2-secret', MICROSOFT_APP_TYPE: 'SingleTenant' }, 'MICROSOFT_APP_TENANT_ID: missing'],
    [{ MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'hunter2-secret', MICROSOFT_APP_TYPE: 'weird' }, 'MICROSOFT_APP_TYPE: must be MultiTenant, SingleTenant or UserAssignedMSI'],
    [{ MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'hunter2-secret', TEAMS_ALLOW_ANONYMOUS: 'true' }, 'TEAMS_ALLOW_ANONYMOUS: must not be true when MICROSOFT_APP_ID is set'],
    [{ TEAMS_ALLOW_ANONYMOUS: 'sure' }, 'TEAMS_ALLOW_ANONYMOUS: must be true or false'],
    [{ MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'hunter2-secret', MICROSOFT_APP_TENANT_ID: 'not a tenant!' }, 'MICROSOFT_APP_TENANT_ID: must be a tenant id'],
  ];
  for (const [env, message] of cases) {
    const result = loadConfig(env);
    expect(result.ok).toBe(false);
    const errors = result.ok ? '' : result.errors.join('\n');
    expect(errors).toContain(message);
    expect(errors).not.toContain('hunter2');
  }
});

test('Slack and Teams can run side by side', () => {
  const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', MICROSOFT_APP_ID: ID, MICROSOFT_APP_PASSWORD: 'pw' });
  expect(result.ok && Boolean(result.config.slack && result.config.teams)).toBe(true);
});
