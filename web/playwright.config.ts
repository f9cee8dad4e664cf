import { defineConfig } from '@playwright/test';

// The journeys run against the packaged service (XHHT_JAR, built by ./mvnw verify) on a free port, with a fresh data
// directory and the demo users, in Debian's Chromium (never a downloaded browser).
const port = Number(process.env.XHHT_E2E_PORT ?? 18080);
const jar = process.env.XHHT_JAR ?? '../infrastructure/target/xhht-ledger.jar';
const data = process.env.XHHT_E2E_DATA ?? '../infrastructure/target/e2e-data';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 768 },
    reducedMotion: 'reduce',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
  },
  webServer: {
    command: `rm -rf ${data} && java -Xmx1g -jar ${jar} --server.port=${port} --xhht.data-dir=${data}`
      + ` --xhht.security.users-file=${data}/no-users-file.yml --xhht.audit.checkpoint-interval=PT2S`,
    url: `http://127.0.0.1:${port}/actuator/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
