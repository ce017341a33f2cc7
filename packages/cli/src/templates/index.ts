import { agentSource } from './agent-source';
import { indexSource } from './index-source';
import { gitignore, jestConfig, packageJson, tsconfigJson } from './package-files';
import type { PluginTemplateSpec } from './plugin-template-spec';
import { readmeSource } from './readme-source';
import { specSource } from './spec-source';

export type { PluginTemplateSpec } from './plugin-template-spec';
export { STANDALONE_DEV_DEPENDENCIES } from './plugin-template-spec';

/** The files of a plugin scaffold: relative path (with `/`) and contents, in writing order. */
export function pluginTemplateFiles(spec: PluginTemplateSpec): [path: string, contents: string][] {
  const files: [string, string][] = [
    ['package.json', packageJson(spec)],
    ['tsconfig.json', tsconfigJson(spec)],
    ['README.md', readmeSource(spec)],
    ['src/index.ts', indexSource(spec)],
    ['src/dip-buyer.ts', agentSource(spec)],
    ['src/dip-buyer.spec.ts', specSource(spec)],
  ];
  if (spec.mode === 'standalone') files.push(['jest.config.js', jestConfig(spec)], ['.gitignore', gitignore(spec)]);
  return files;
}
