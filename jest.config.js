/** Jest in ESM mode (NestJS 12 is ESM-only); each test tier is a project selected by file name. */
const moduleNameMapper = {
  '^#(calendar|pathway|event-store|projections|kpis|messaging|synthetic)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
};
const common = {
  rootDir: '.',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  transform,
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
  ],
};
