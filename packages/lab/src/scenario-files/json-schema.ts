import { z } from '@paradox/sdk';
import { scenarioFileSchema } from './schema';

/**
 * The published JSON Schema of scenario files (docs/scenario.schema.json), for editors to
 * complete and check them. Generated from the zod schema the loader uses, so the two cannot
 * drift; wherever a number is expected, an `=expression` string is accepted too.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...allowExpressions(schema) as Record<string, unknown>,
    $id: 'https://paradox.dev/schemas/scenario.schema.json',
    title: 'Paradox scenario file',
  };
}

function allowExpressions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowExpressions);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = allowExpressions(v);
  if (out['type'] === 'number' || out['type'] === 'integer') {
    return { anyOf: [out, { type: 'string', pattern: '^=', description: 'a mathjs expression over the params' }] };
  }
  return out;
}
