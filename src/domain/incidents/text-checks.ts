// What the coach checks in a status update before it goes out (issue 11), from the outage playbook's
// lesson: say when the next update comes, apologise in the first notice, never promise a restoration
// time you cannot guarantee, no technical jargon. French and English are both checked whatever the
// person's language (people mix them). The checks only produce tips: a post is never blocked.
import { fold } from '../../text/fold.js';
import { dayInZone, zonedTime } from '../time.js';

export type TipId = 'next-update' | 'apology' | 'promise' | 'jargon' | 'placeholder';

export interface Tip {
  id: TipId;
  /** The words that caused it, as written (a promise's sentence, the jargon found, a placeholder). */
  found?: string;
}

export interface Review {
  /** The next update time the text announces, or null when it announces none (or one that is not ahead). */
  nextUpdateAt: Date | null;
  tips: Tip[];
}

/** A next update announced more than this far ahead is not read as one (a typo, or another day). */
const MAX_ANNOUNCED_MS = 24 * 3_600_000;
/** An announced time this close behind now still counts as "now" (a notice written a minute too slowly). */
const PAST_GRACE_MS = 2 * 60_000;

// On folded text (lowercase, no accents, straight apostrophes).
const NEXT_UPDATE = /prochaine?s? (?:mise a jour|mise-a-jour|maj|nouvelles?|suivi|avis|communication|message|point)|(?:on|nous) vous (?:re)?donn\w* des nouvelles|(?:on|nous) vous revien\w*|next (?:status )?(?:update|news|message|notice)|(?:we'll|we will) (?:update you|post an update|send an update|give you an update|share an update|be back with)|(?:more|further) (?:news|updates?) (?:at|by|around|in|before)/;
const MERIDIEM = String.raw`a\.?\s?m\b\.?|p\.?\s?m\b\.?`;
const CLOCK = String.raw`(?<hour>\d{1,2})\s*(?::|h(?:eures?)?)\s*(?<minute>\d{2})?\s*(?<meridiem>${MERIDIEM})?|(?<bareHour>\d{1,2})\s*(?<bareMeridiem>${MERIDIEM})|(?:\bat|\ba|à|vers|around|by|avant|before)\s+(?<atHour>\d{1,2})(?!\s*(?:[\d:h]|[ap]\.?\s?m\b))`;
const DURATION = String.raw`(?:dans|in|within|d'ici|sous)\s+(?:(?<amount>\d{1,3})\s*(?<unit>minutes?|mins?|min\b|heures?|hours?|hrs?|h\b)|(?<one>une|an|one)\s+(?:heure|hour)|(?<half>une demi-heure|half an hour))`;
const TIME_AHEAD = new RegExp(`${DURATION}|(?:a|à|at|vers|around|by|avant|before|pour|d'ici|until|jusqu'a)?\\s*(?:${CLOCK})`.replace(/\?<\w+>/g, ''));
const ANY_TIME = new RegExp(`${DURATION}|\\b(?:${CLOCK})`);
const APOLOGY = /\b(?:desole\w*|excus\w*|pardon\w*|regrett\w*|sorry|apolog\w*|regret\w*)\b/;
const RESTORE = /\b(?:retabli\w*|regle\w*|resolu\w*|resoudre|de retour|revenir|revenu\w*|reviendr\w*|revien\w*|fonctionn\w*|remis en (?:ligne|service|marche|route)|repare\w*|en ligne|operationnel\w*|disponible\w*|restored?|back|fixed|fix|resolved?|up and running|working again|online|available)\b/;
const FUTURE = /\b(?:sera|seront|serons|va|vont|allons|reviendr\w*|fonctionnera\w*|retablir\w*|reglera\w*|d'ici|dans|avant|will|'ll|going to|gonna|by|before|within|in \d)/;
const PAST = /\b(?:depuis|since|a ete|ont ete|etait|has been|have been|was|were)\b/;
const HEDGE = /\b(?:estim\w*|environ|approx\w*|probabl\w*|peut-etre|esper\w*|visons|on vise|devrai\w*|pourrai\w*|si tout va bien|expect\w*|hope\w*|maybe|might|should|aim\w*|roughly)\b/;
const PLACEHOLDER = /\[[^\]\n]{1,80}\]/;

/** Technical words users should not have to read (matched as written, acronyms case-sensitive). */
const JARGON_ACRONYMS = /\b(?:erreur|error|HTTP)\s+[45]\d\d\b|\b[45]\d\d\s+errors?\b|\b(?:DNS|DHCP|VLANs?|BGP|OSPF|RAID\s?\d{0,2}|SAN|NAS|LUNs?|SMB|CIFS|NFS|LDAP|iSCSI|TCP|UDP|MTU|SSL|TLS|APIs?|VMs?|ESXi|GPOs?|SQL|HTTPS?|SMTP|IMAP|MX|DAG|NIC|ARP|NAT|SNMP|SSH|RDP|AD|BIOS)\b/g;
/** Folded words and phrases. */
const JARGON_WORDS = /\b(?:hyperviseur|hypervisor|datastore|failover|fail-over|basculement|kernel|noyau|cluster|grappe|quorum|snapshot|replication|deadlock|time-?out|traceroute|ping|paquets|packets|logs?|journaux|firmware|micrologiciel|stack trace|load balancer|equilibreur de charge|reverse proxy|proxy|routage|routing|commutateur|switch|firewall|pare-feu|baie de stockage|storage array|vmware|active directory|controleur de domaine|domain controller)\b/g;

export interface ReviewContext {
  /** The first notice of the incident: it should apologise. */
  first: boolean;
  now: Date;
  timeZone: string;
}

/** Checks a status update; see the module comment. */
export function reviewUpdate(text: string, context: ReviewContext): Review {
  const tips: Tip[] = [];
  const folded = fold(text);
  const nextUpdateAt = announcedNextUpdate(text, context.now, context.timeZone);
  if (!nextUpdateAt) tips.push({ id: 'next-update' });
  if (context.first && !APOLOGY.test(folded)) tips.push({ id: 'apology' });
  const promise = restorationPromise(text);
  if (promise) tips.push({ id: 'promise', found: promise });
  const jargon = jargonIn(text);
  if (jargon.length) tips.push({ id: 'jargon', found: jargon.join(', ') });
  const placeholder = text.match(PLACEHOLDER)?.[0];
  if (placeholder) tips.push({ id: 'placeholder', found: placeholder });
  return { nextUpdateAt, tips };
}

/**
 * The next update time a text announces: a clock time ("9 h 30", "10:15 a.m.", "14h") or a delay
 * ("dans 30 minutes", "in an hour") after a next-update phrase, as an instant in `timeZone` after `now`.
 */
export function announcedNextUpdate(text: string, now: Date, timeZone: string): Date | null {
  const folded = fold(text);
  const marker = NEXT_UPDATE.exec(folded);
  if (!marker) return null;
  const after = folded.slice(marker.index + marker[0].length, marker.index + marker[0].length + 80);
  const m = ANY_TIME.exec(after);
  return m ? instantOf(m, now, timeZone) : null;
}

/** The sentence that promises a restoration time without hedging, or null. */
export function restorationPromise(text: string): string | null {
  for (const sentence of text.split(/(?<=[.!?;])\s+|\n+/)) {
    const folded = fold(sentence);
    if (!RESTORE.test(folded) || NEXT_UPDATE.test(folded) || PAST.test(folded) || HEDGE.test(folded)) continue;
    if (TIME_AHEAD.test(folded) && ANY_TIME.test(folded) && FUTURE.test(folded)) return sentence.trim().slice(0, 160);
  }
  return null;
}

/** The jargon a text uses, each word once, as written. */
export function jargonIn(text: string): string[] {
  const found = new Map<string, string>();
  for (const m of text.matchAll(JARGON_ACRONYMS)) found.set(m[0].toLowerCase(), m[0]);
  // Folding keeps the text's length for these characters, so positions map back to the original.
  const folded = fold(text);
  const sameLength = folded.length === text.length;
  for (const m of folded.matchAll(JARGON_WORDS)) {
    if (!found.has(m[0])) found.set(m[0], sameLength ? text.slice(m.index, m.index + m[0].length) : m[0]);
  }
  return [...found.values()];
}

function instantOf(m: RegExpExecArray, now: Date, timeZone: string): Date | null {
  const g = m.groups ?? {};
  let ms: number | null = null;
  if (g.amount) ms = Number(g.amount) * (/^h/.test(g.unit!) ? 3_600_000 : 60_000);
  else if (g.one) ms = 3_600_000;
  else if (g.half) ms = 1_800_000;
  if (ms !== null) return ms > 0 && ms <= MAX_ANNOUNCED_MS ? new Date(now.getTime() + ms) : null;
  const h = Number(g.hour ?? g.bareHour ?? g.atHour);
  const min = Number(g.minute ?? 0);
  const ampm = (g.meridiem ?? g.bareMeridiem ?? '').replace(/[\s.]/g, '');
  if (Number.isNaN(h) || h > 23 || min > 59 || (ampm && (h < 1 || h > 12))) return null;
  const hours = ampm === 'pm' ? (h % 12) + 12 : ampm === 'am' ? h % 12 : h;
  const today = dayInZone(now, timeZone);
  const candidates = [zonedTime(today, hours, min, timeZone)];
  // "2:30" said at 1 p.m. means 2:30 p.m.; "8 h" said at 23 h means tomorrow morning.
  if (!ampm && hours < 12) candidates.push(new Date(candidates[0]!.getTime() + 12 * 3_600_000));
  candidates.push(new Date(candidates[0]!.getTime() + 24 * 3_600_000));
  const ahead = candidates.find((c) => c.getTime() >= now.getTime() - PAST_GRACE_MS);
  return ahead && ahead.getTime() - now.getTime() <= MAX_ANNOUNCED_MS ? ahead : null;
}
