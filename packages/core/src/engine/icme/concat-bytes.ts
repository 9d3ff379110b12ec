/** The chunks of a body joined into one array (`length`: their total, when already known). */
export function concatBytes(chunks: readonly Uint8Array[], length?: number): Uint8Array {
  let total = length ?? 0;
  if (length === undefined) for (const chunk of chunks) total += chunk.byteLength;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
