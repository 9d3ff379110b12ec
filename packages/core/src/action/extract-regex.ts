/** Escapes text for use inside a RegExp source. Vocabulary words come from policy text. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
