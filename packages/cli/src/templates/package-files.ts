import { STANDALONE_DEV_DEPENDENCIES, type PluginTemplateSpec } from './plugin-template-spec';

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** `package.json`: depends on @paradox/sdk only; a standalone package also brings its build and test tools. */
export function packageJson(spec: PluginTemplateSpec): string {
  const common = {
    name: spec.packageName,
    version: '0.1.0',
    private: true,
    description: `Paradox plugin ${spec.id}: TODO describe its agents`,
    main: 'dist/index.js',
    types: 'dist/index.d.ts',
    files: ['dist'],
  };
  if (spec.mode === 'workspace') return json({ ...common, dependencies: { '@paradox/sdk': spec.sdk } });
  return json({
    ...common,
    scripts: { build: 'tsc -p tsconfig.json', test: 'jest' },
    dependencies: { '@paradox/sdk': spec.sdk },
    devDependencies: { '@paradox/lab': spec.lab, ...STANDALONE_DEV_DEPENDENCIES },
    pnpm: { onlyBuiltDependencies: ['@swc/core'] },
  });
}

/**
 * `tsconfig.json`. In a checkout: extends the checkout's base config and references the SDK, like
 * every plugin there. Standalone: the same compiler settings, spelled out.
 */
export function tsconfigJson(spec: PluginTemplateSpec): string {
  const output = { rootDir: 'src', outDir: 'dist' };
  if (spec.mode === 'workspace') {
    return json({
      extends: '../../tsconfig.base.json',
      compilerOptions: { ...output, tsBuildInfoFile: 'dist/.tsbuildinfo' },
      include: ['src'],
      exclude: ['src/**/*.spec.ts', 'src/**/*.test.ts'],
      references: [{ path: '../../packages/sdk' }],
    });
  }
  return json({
    compilerOptions: {
      target: 'ES2022',
      module: 'node20',
      moduleResolution: 'node16',
      lib: ['ES2022'],
      types: ['node'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      declaration: true,
      sourceMap: true,
      esModuleInterop: true,
      skipLibCheck: true,
      forceConsistentCasingInFileNames: true,
      ...output,
    },
    include: ['src'],
    exclude: ['src/**/*.spec.ts', 'src/**/*.test.ts'],
  });
}

/** `jest.config.js` of a standalone plugin (in a checkout, the checkout's Jest config runs its specs). */
export function jestConfig(_spec: PluginTemplateSpec): string {
  return `// Specs run from TypeScript sources through swc (types are checked by \`npm run build\`).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: {
    '^.+\\\\.(t|j|mj)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // The SDK's dependency injection library (inversify 8) ships ESM only: let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(\\\\.pnpm/)?(inversify|@inversifyjs)[@+/])'],
};
`;
}

/** `.gitignore` of a standalone plugin. */
export function gitignore(_spec: PluginTemplateSpec): string {
  return 'node_modules/\ndist/\n*.tsbuildinfo\n';
}
