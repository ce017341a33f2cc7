import { ConfigError } from '@paradox/sdk';

/**
 * Scenario values may be mathjs expressions: any string starting with `=` is evaluated with
 * the scenario's params in scope (`pool: { rwa: "=200 * holders" }`). mathjs is loaded only when
 * a file uses an expression (it takes ~2 s to import).
 */
export function evaluateExpressions(value: unknown, scope: Record<string, unknown>, path = ''): unknown {
  if (typeof value === 'string' && value.startsWith('=')) return evaluate(value.slice(1), scope, path);
  if (Array.isArray(value)) return value.map((v, i) => evaluateExpressions(v, scope, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluateExpressions(v, scope, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}

let mathjs: { evaluate: (expr: string, scope: Record<string, unknown>) => unknown } | undefined;

function evaluate(expression: string, scope: Record<string, unknown>, path: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mathjs ??= require('mathjs') as typeof mathjs;
  let result: unknown;
  try {
    result = mathjs!.evaluate(expression, { ...scope });
  } catch (error) {
    throw new ConfigError([`${path}: cannot evaluate "=${expression}": ${(error as Error).message}`]);
  }
  if (typeof result === 'number' || typeof result === 'boolean' || typeof result === 'string') return result;
  throw new ConfigError([`${path}: "=${expression}" must give a number, got ${typeof result}`]);
}
