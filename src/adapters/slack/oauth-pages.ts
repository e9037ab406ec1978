// The pages a person installing the app sees (GET /slack/install and the redirect's outcome), French first
// then English, self-contained (no stylesheet to serve, no outside image: Slack's button is plain text here).
import { html, raw, type Html } from '../../web/html.js';

const STYLE = raw(`<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:38rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}
a.button{display:inline-block;background:#4a154b;color:#fff;padding:.7rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}
section+section{border-top:1px solid #ddd;margin-top:1.5rem;padding-top:1rem}
code{background:#f4f4f4;padding:0 .2rem}
</style>`);

function page(title: string, fr: Html, en: Html): string {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
${STYLE}
</head>
<body>
<section>${fr}</section>
<section lang="en">${en}</section>
</body>
</html>
`.toString();
}

/** The "Add to Slack" page; `url` is Slack's authorize address with this browser's state. */
export function installPage(url: string): string {
  return page(
    'Support Coach — Ajouter à Slack / Add to Slack',
    html`<h1>Support Coach</h1><p>Le coach de votre centre de services dans Slack : guides d’intervention, défi quotidien, classements.</p>
<p><a class="button" href="${url}">Ajouter à Slack</a></p>`,
    html`<p>Your help-desk coach in Slack: playbooks, a daily challenge, leaderboards.</p>
<p><a class="button" href="${url}">Add to Slack</a></p>`,
  );
}

/** After a successful install; `name`: the workspace's or org's name as Slack gave it (escaped here). */
export function installedPage(name: string): string {
  return page(
    'Support Coach est installé / is installed',
    html`<h1>Support Coach est installé${name ? html` dans ${name}` : ''}</h1>
<p>Invitez-le dans le canal de votre équipe (<code>/invite @coach</code>), puis essayez <code>/playbook panne</code>. Un admin active le défi quotidien avec <code>/coach schedule on</code>.</p>`,
    html`<h1>Support Coach is installed${name ? html` in ${name}` : ''}</h1>
<p>Invite it to your team’s channel (<code>/invite @coach</code>), then try <code>/playbook outage</code>. An admin turns the daily challenge on with <code>/coach schedule on</code>.</p>`,
  );
}

/** Why an install did not go through: cancelled by the person, a state that is not this browser's, or Slack's refusal. */
export function installFailedPage(why: 'cancelled' | 'state' | 'slack'): string {
  const fr = { cancelled: 'L’installation a été annulée.', state: 'Ce lien d’installation n’est plus valide (expiré, déjà utilisé ou ouvert dans un autre navigateur).', slack: 'Slack n’a pas confirmé l’installation.' }[why];
  const en = { cancelled: 'The installation was cancelled.', state: 'This install link is no longer valid (expired, already used, or opened in another browser).', slack: 'Slack did not confirm the installation.' }[why];
  return page(
    'Support Coach — installation non faite / not installed',
    html`<h1>Support Coach n’est pas installé</h1><p>${fr}</p><p><a href="/slack/install">Recommencer</a></p>`,
    html`<h1>Support Coach is not installed</h1><p>${en}</p><p><a href="/slack/install">Start again</a></p>`,
  );
}
