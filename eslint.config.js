import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'static/vendor/',
      'data/',
      'coverage/',
      'bench/results/',
      'bench/.cache/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='c'][property.name='var']",
          message:
            "Use c.get('name'): Hono's c.var copies every request variable into a new object on each access (bench profile).",
        },
      ],
    },
  },
  {
    // Migrations are frozen in time and typed against Kysely<any> on purpose (Kysely's guidance).
    files: ['server/db/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['static/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', htmx: 'readonly' } },
  },
)
