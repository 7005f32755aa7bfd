// Unit, contract and end-to-end suites that need nothing but Node. Suites needing Kafka or a
// MongoDB-compatible server are named *.infra.spec.ts and run under `npm run test:infra`.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
}];

const moduleNameMapper = {
  '^@crm/(domain|contracts|event-store|messaging|read-models|platform|application)$': '<rootDir>/libs/$1/src',
  '^@crm/(command-api|event-relay|projector|query-api)$': '<rootDir>/apps/$1/src',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  testPathIgnorePatterns: process.env.CRM_INFRA_TESTS ? ['/node_modules/'] : ['/node_modules/', '\\.infra\\.spec\\.ts$'],
  maxWorkers: 2,
  // End-to-end suites start real processes on a 2-core machine shared with other work.
  testTimeout: 30_000,
};
