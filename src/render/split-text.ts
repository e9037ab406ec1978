// Splitting long text for surfaces with a per-text limit (Slack 3,000 characters, Adaptive Cards a few
// KB): at a line break when possible, else at a space, never inside an HTML entity or an emoji.
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const amp = rest.lastIndexOf('&', cut);
    if (amp > cut - 8 && amp > 0 && !rest.slice(amp, cut).includes(';')) cut = amp; // inside &amp;
    if (/[\ud800-\udbff]/.test(rest[cut - 1] ?? '')) cut -= 1; // between the halves of an emoji
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest) pieces.push(rest);
  return pieces;
}
