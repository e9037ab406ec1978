// The part of a core Request every Slack listener builds the same way: who (with their display name and
// locale from users.info), where (the channel's name, or that it is a DM), and the names Slack can look up.
import type { WebClient } from '@slack/web-api';
import type { Request } from '../../core/request.js';
import { isDirect, slackChannelNameNow, slackNames, slackPersonNow } from './people.js';

export async function slackRequestBase(
  client: WebClient,
  where: { workspace: string; channel: string; user: string; userName?: string; channelName?: string },
): Promise<Omit<Request, 'text'>> {
  // Both usually known already (cached, or the channel's name in the payload): then no promise at all.
  const personNow = slackPersonNow(client, where.workspace, where.user);
  const channelNow = slackChannelNameNow(client, where.workspace, where.channel, where.channelName);
  const [person, channelName] = personNow instanceof Promise || channelNow instanceof Promise
    ? await Promise.all([personNow, channelNow])
    : [personNow, channelNow];
  const userName = person?.name ?? where.userName;
  return {
    workspace: where.workspace,
    channel: where.channel,
    user: where.user,
    platform: 'slack',
    names: slackNames(client, where.workspace),
    ...(userName ? { userName } : {}),
    ...(channelName ? { channelName } : {}),
    ...(person?.locale ? { locale: person.locale } : {}),
    ...(isDirect(where.channel, where.channelName) ? { direct: true } : {}),
  };
}
