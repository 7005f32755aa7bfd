import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.infra-cache/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The functional core: pure TypeScript, no framework, database, broker or clock of its own.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@eventstore/*', 'kafkajs', 'mongodb', 'better-sqlite3', 'node:*', 'fs', 'crypto', 'pino'], message: 'The domain lib stays pure.' },
            { group: ['@crm/*'], message: 'The domain lib depends on no other lib.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time enters through the command (metadata.now).' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time enters through the command (metadata.now).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids and randomness come from the shell.' },
      ],
    },
  },
);
