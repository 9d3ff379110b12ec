/**
 * Named lists supplied as data at decision time, keyed by the IR list `key` (the list name in
 * snake case, e.g. `approved_baa`): each is the list's entries (emails, hosts, vendor names...).
 */
export type ListData = Readonly<Record<string, readonly string[]>>;

/** The host a value names: the domain of an email, the host of a URL, else undefined. */
function hostOf(value: string): string | undefined {
  const email = /^[^@\s]+@([^@\s/]+)$/.exec(value);
  if (email !== null) return email[1];
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return new URL(value).hostname;
  } catch {
    return undefined;
  }
  return undefined;
}

function normalize(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/\.$/, '');
}

/**
 * Whether a value is on a list. An entry matches when it equals the value (case-insensitive;
 * spaces, hyphens and underscores alike), or when the value is an email or URL whose domain or
 * host equals the entry exactly. Subdomains do not match: `evil.partner.com` is not
 * `partner.com`, so a list entry never admits more than it names.
 */
export function isOnList(entries: readonly string[], value: string): boolean {
  const wanted = normalize(value);
  const host = hostOf(value.trim());
  const wantedHost = host === undefined ? undefined : normalize(host);
  return entries.some((entry) => {
    const candidate = normalize(entry);
    return candidate === wanted || (wantedHost !== undefined && candidate === wantedHost);
  });
}
