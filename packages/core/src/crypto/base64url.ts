import { base64url } from 'jose';

/** base64url without padding (RFC 4648 §5), as JWS uses it. */
export function base64UrlEncode(data: Uint8Array | string): string {
  return base64url.encode(data);
}

/** Decodes base64url; returns `undefined` instead of throwing on malformed input. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return base64url.decode(text);
  } catch {
    return undefined;
  }
}
