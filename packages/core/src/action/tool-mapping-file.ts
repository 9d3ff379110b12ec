import { z } from 'zod';
import { PreflightError } from '../errors';
import type { DeclarativeToolMapping, ToolMappings, VariableSource } from './tool-mapping';

const sourceSchema = z.union([
  z.string().min(1),
  z.object({ from: z.literal('arg'), path: z.string().min(1) }).strict(),
  z.object({ from: z.literal('context'), key: z.string().min(1) }).strict(),
  z.object({ count: z.string().min(1) }).strict(),
  z.object({ const: z.union([z.boolean(), z.number(), z.string()]) }).strict(),
]);

const mappingSchema = z
  .object({
    variables: z.record(z.string(), sourceSchema).optional(),
    trustArgs: z.array(z.string()).optional(),
    nameMatching: z.boolean().optional(),
  })
  .strict();

/**
 * A declarative mapping file (JSON or YAML), for the CLI and for apps that keep mappings as data:
 * `{ tools: { <tool>: { variables: { <var>: 'argPath' | { from: 'arg', path } |
 * { from: 'context', key } | { count: 'argPath' } | { const: value } }, trustArgs?, nameMatching? } },
 * unmappedTools?, uncertain? }`. Functions and args schemas need TypeScript mappings.
 */
export const toolMappingFileSchema = z
  .object({
    tools: z.record(z.string(), mappingSchema).default({}),
    unmappedTools: z.enum(['check', 'allow', 'block']).optional(),
    uncertain: z.enum(['block', 'allow']).optional(),
  })
  .strict();

export interface ToolMappingFile {
  tools: ToolMappings;
  unmappedTools?: 'check' | 'allow' | 'block';
  uncertain?: 'block' | 'allow';
}

/** Validates parsed mapping-file data; anything malformed is INPUT_INVALID listing each problem. */
export function parseToolMappingFile(value: unknown, where = 'mapping file'): ToolMappingFile {
  const parsed = toolMappingFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`,
    );
    throw new PreflightError({
      code: 'INPUT_INVALID',
      message: `Invalid ${where}: ${problems.join('; ')}.`,
      details: { problems },
    });
  }
  const tools: Record<string, DeclarativeToolMapping<unknown>> = {};
  for (const [tool, mapping] of Object.entries(parsed.data.tools)) {
    tools[tool] = {
      ...(mapping.variables === undefined
        ? {}
        : { variables: mapping.variables as Record<string, VariableSource<unknown>> }),
      ...(mapping.trustArgs === undefined ? {} : { trustArgs: mapping.trustArgs }),
      ...(mapping.nameMatching === undefined ? {} : { nameMatching: mapping.nameMatching }),
    };
  }
  return {
    tools,
    ...(parsed.data.unmappedTools === undefined
      ? {}
      : { unmappedTools: parsed.data.unmappedTools }),
    ...(parsed.data.uncertain === undefined ? {} : { uncertain: parsed.data.uncertain }),
  };
}
