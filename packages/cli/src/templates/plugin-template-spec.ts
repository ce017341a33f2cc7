/** What a plugin scaffold is made from. */
export interface PluginTemplateSpec {
  /** The plugin id (lowercase letters, digits, dashes): what scenarios name it by. */
  readonly id: string;
  /** npm package name. */
  readonly packageName: string;
  /**
   * `workspace`: a package in a Paradox checkout's `plugins/` (workspace dependencies, the
   * checkout's tsconfig and Jest). `standalone`: a package of its own anywhere else, linking
   * the SDK and the lab and bringing its own TypeScript and Jest.
   */
  readonly mode: 'workspace' | 'standalone';
  /** Dependency specs of @paradox/sdk and (tests only) @paradox/lab, e.g. `workspace:*` or `link:../paradox/packages/sdk`. */
  readonly sdk: string;
  readonly lab: string;
  /** The directory of the package as the README shows it (relative to where the command ran). */
  readonly displayDir: string;
}

/** Versions of the tools a standalone plugin installs: those the Paradox checkout uses. */
export const STANDALONE_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@swc/core': '1.16.22',
  '@swc/jest': '0.2.39',
  '@types/jest': '30.0.0',
  '@types/node': '20.19.43',
  jest: '30.5.2',
  typescript: '5.9.3',
};
