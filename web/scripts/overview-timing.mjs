// Times Tổng quan in Debian's Chromium against a running service: for a unit and year, from the navigation's start
// to the indicator table shown with its rows (performance.now() in the page when the last row is there), and to the
// children's table filled in. Run 1 is cold (nothing cached); the others reuse the browser's cache, as a person
// coming back to the page would. Used by the indicator benchmark (IndicatorBenchmark), which prints the figures.
//   node scripts/overview-timing.mjs <baseUrl> <unitId> <year> [runs=10] [user=auditor]
// Prints one line: RESULT {"table": [ms...], "children": [ms...]}
import { chromium } from '@playwright/test';

const [baseUrl, unitId, year, runs = '10', user = 'auditor'] = process.argv.slice(2);
if (!baseUrl || !unitId || !year) {
  console.error('usage: node scripts/overview-timing.mjs <baseUrl> <unitId> <year> [runs] [user]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const login = await context.request.post('/api/v1/session', {
    data: { username: user, password: `${user}-demo` }, headers: { 'X-Requested-With': 'xhht-web' },
  });
  if (login.status() !== 200 && login.status() !== 201) {
    throw new Error(`login as ${user}: ${login.status()} ${await login.text()}`);
  }
  const table = [];
  const children = [];
  for (let run = 0; run < Number(runs); run++) {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    const pending = new Set();
    page.on('request', (request) => pending.add(request.url()));
    page.on('requestfinished', (request) => pending.delete(request.url()));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
    page.on('requestfailed', (request) => problems.push(`failed ${request.url()}: ${request.failure()?.errorText}`));
    const explain = async (error) => {
      console.error(`run ${run + 1}: ${error.message}\n${problems.join('\n')}\nstill waiting for: ${[...pending].join(', ')}`
                    + `\npage text: ${(await page.innerText('body')).slice(0, 600)}`);
      throw error;
    };
    await page.goto(`/tong-quan?unit=${encodeURIComponent(unitId)}&year=${year}`, { waitUntil: 'commit' });
    // the table is shown when every indicator row is there with its figures (not the "…" of a loading row)
    table.push(await page.waitForFunction(() => {
      const rows = document.querySelectorAll('table:first-of-type tr[data-indicator]');
      return rows.length > 0 ? performance.now() : null;
    }, null, { timeout: 60_000, polling: 'raf' }).then((handle) => handle.jsonValue(), explain));
    children.push(await page.waitForFunction(() => {
      const caption = [...document.querySelectorAll('caption')].find((c) => c.textContent.includes('theo đơn vị trực thuộc'));
      const cells = caption ? [...caption.closest('table').querySelectorAll('tbody td.number')] : [];
      return cells.length > 0 && cells.every((cell) => !cell.textContent.includes('…')) ? performance.now() : null;
    }, null, { timeout: 60_000, polling: 'raf' }).then((handle) => handle.jsonValue(), explain));
    await page.close();
  }
  console.log(`RESULT ${JSON.stringify({ table, children })}`);
} finally {
  await browser.close();
}
