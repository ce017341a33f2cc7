import type { z } from 'zod';

/**
 * Bad input, named precisely: `agents[3].config.threshold: expected a number, got "high"`.
 * `issues` holds one line per problem so a caller can show all of them at once.
 */
export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(issues.length === 1 ? issues[0]! : `${issues.length} problems:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Joins a base path and a zod issue path the way a researcher would write it. */
export function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** Describes a value for an error message: strings quoted, objects summarised. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

/** Validates `input` against a zod schema; on failure throws a {@link ConfigError} with paths. */
export function parseWithPaths<S extends z.ZodType>(schema: S, input: unknown, basePath: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = formatPath(basePath, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    const got = valueAt(input, issue.path);
    return `${path}: ${lowerFirst(issue.message)}, got ${describeValue(got)}`;
  });
  throw new ConfigError(issues);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
