import type { z } from 'zod';
import { concatBytes } from './concat-bytes';
import { icmeProtocolError } from './icme-errors';
import { type CheckItResult, checkItDoneFieldsSchema, toCheckItResult } from './icme-schemas';
import type { IcmeTransportResponse } from './icme-transport';
import { type IcmeProgress, readIcmeStream, readText } from './read-icme-stream';

const jsonLimit = 8 * 1024 * 1024;
const proofLimit = 64 * 1024 * 1024;

/** Stream options of a `checkIt` without progress listener: shared, since it is the hot path. */
const checkItStream = { endpoint: 'checkIt' };

/** Reads a `checkIt` stream to its verdict. */
export async function readCheckIt(
  response: IcmeTransportResponse,
  onProgress?: (progress: IcmeProgress) => void,
): Promise<CheckItResult> {
  const done = await readIcmeStream(
    response,
    onProgress ? { endpoint: 'checkIt', onProgress } : checkItStream,
  );
  return toCheckItResult(validate('checkIt', checkItDoneFieldsSchema, done));
}

/** Reads a JSON body of at most 8 MiB and checks it against `schema`. */
export async function readJson<S extends z.ZodType>(
  response: IcmeTransportResponse,
  endpoint: string,
  schema: S,
): Promise<z.output<S>> {
  const text = await readText(response.body, jsonLimit, endpoint);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw icmeProtocolError(endpoint, 'response is not JSON', { body: text.slice(0, 500) }, error);
  }
  return validate(endpoint, schema, value);
}

/** Checks a response value against `schema`; `ICME_PROTOCOL` naming each bad field if not. */
export function validate<S extends z.ZodType>(
  endpoint: string,
  schema: S,
  value: unknown,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw icmeProtocolError(
      endpoint,
      `unexpected response shape: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`,
      { raw: value },
      parsed.error,
    );
  }
  return parsed.data;
}

/** Reads a binary body (a proof) of at most 64 MiB. */
export async function readBytes(
  response: IcmeTransportResponse,
  endpoint: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of response.body) {
    length += chunk.byteLength;
    if (length > proofLimit) throw icmeProtocolError(endpoint, `body exceeds ${proofLimit} bytes`);
    chunks.push(chunk);
  }
  return concatBytes(chunks, length);
}
