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

// Names (vendor names, API names) compare loosely: case, spaces, hyphens and underscores alike.
function normalizeName(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .replace(/\.$/, '');
}

// Addresses (hosts, emails, URLs) compare exactly but for case and a trailing root dot:
// `partner_firm.com` and `partner--firm.com` are other servers than `partner-firm.com`, which a
// model could register and send to if separators were folded as they are for names.
function normalizeAddress(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, '');
}

const addressLike = /[@./:]/;

/**
 * Whether a value is on a list. An entry matches when it equals the value (case-insensitive;
 * for names, spaces, hyphens and underscores alike, while hosts, emails and URLs, anything with
 * `@`, `.`, `/` or `:`, must be spelled exactly), or when the value is an email or URL whose
 * domain or host equals the entry exactly. Subdomains do not match: `evil.partner.com` is not
 * `partner.com`, so a list entry never admits more than it names.
 */
export function isOnList(entries: readonly string[], value: string): boolean {
  const address = addressLike.test(value);
  const wanted = address ? normalizeAddress(value) : normalizeName(value);
  const host = hostOf(value.trim());
  const wantedHost = host === undefined ? undefined : normalizeAddress(host);
  return entries.some((entry) => {
    if (addressLike.test(entry)) {
      const candidate = normalizeAddress(entry);
      return candidate === wanted || candidate === wantedHost;
    }
    // A name entry never matches an address value (`acme geocoder` is not `acme.geocoder`).
    return !address && normalizeName(entry) === wanted;
  });
}
