// The baseline for bench:slack: a bare Bolt app that only acknowledges /playbook. Run as its own process.
import bolt from '@slack/bolt';

const receiver = new bolt.HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' });
const app = new bolt.App({ token: process.env.SLACK_BOT_TOKEN, receiver, clientOptions: { slackApiUrl: process.env.SLACK_API_URL }, logLevel: bolt.LogLevel.ERROR });
app.command('/playbook', async ({ ack }) => { await ack(); });
const server = await app.start(0);
process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
process.once('SIGTERM', () => app.stop().then(() => process.exit(0)));
