/** Jest in ESM mode (NestJS 12 is ESM-only); each test tier is a project selected by file name. */
const moduleNameMapper = {
  '^#(calendar|pathway|event-store|projections|kpis|messaging|synthetic|rollups|http|benchmarks)$':
    '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  // @fastify/static (CommonJS, used by Swagger UI) requires content-disposition 3, which is ESM only: Node 20.19+
  // loads it with require(esm), Jest's CommonJS loader does not, so Jest compiles that one package to CommonJS.
  '/node_modules/content-disposition/.+\\.js$': [
    'ts-jest',
    {
      useESM: false,
      tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', isolatedModules: true },
    },
  ],
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform,
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

export default {
  coverageProvider: 'v8',
  collectCoverageFrom: ['libs/*/src/**/*.ts', '!libs/**/*.spec.ts', '!libs/**/*.int-spec.ts', '!libs/**/testing/**'],
  coverageReporters: ['text-summary', 'text'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
    },
  ],
};
