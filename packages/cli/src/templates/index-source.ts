import type { PluginTemplateSpec } from './plugin-template-spec';

/** `src/index.ts` of a scaffolded plugin: the plugin itself, as the package's default export. */
export function indexSource(spec: PluginTemplateSpec): string {
  return `import { definePlugin } from '@paradox/sdk';
import { dipBuyerKind } from './dip-buyer';

export { DipBuyer } from './dip-buyer';
export type { DipBuyerConfig } from './dip-buyer';

/**
 * The plugin: an id scenarios name it by, a version recorded in every run's manifest, and its
 * agent kinds. Add a kind by writing its file and listing it under \`agents\`.
 */
export default definePlugin({
  id: '${spec.id}',
  version: '0.1.0',
  description: 'TODO: what these agents model (scaffolded by paradox new plugin)',
  agents: { 'dip-buyer': dipBuyerKind },
});
`;
}
