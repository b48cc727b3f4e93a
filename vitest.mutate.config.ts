import { defineConfig } from 'vitest/config';

/** The tests that guard the protection modules, for mutation testing (npm run mutate). */
export default defineConfig({
  test: {
    include: [
      'test/channels/delivery-guard.test.ts',
      'test/channels/telegram-webhook.test.ts',
      'test/campaigns/campaigns.test.ts',
      'test/officers/registry.test.ts',
      'test/officers/task-commands.test.ts',
      'test/server/web-security.test.ts',
      'test/knowledge/understanding.test.ts',
      'test/storage/private-files.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
