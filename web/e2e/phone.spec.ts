import { expect, test, type Page } from '@playwright/test';
import { ensureUnits, expectAccessible, login } from './support';

// Tổng quan and Nhật ký are used on phones by inspection teams in the field: at 390 px nothing runs off the page
// (wide tables scroll inside their own frame) and every control stays reachable.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test.beforeAll(async ({ request }) => ensureUnits(request));

/** Nothing reaches past the screen's right edge (those that do are named in the failure). */
async function expectNoSideways(page: Page): Promise<void> {
  const past = await page.evaluate(() => Array.from(document.querySelectorAll('body *'))
    .filter((element) => element.getBoundingClientRect().right > 390.5
      && !element.parentElement?.closest('.table-wrap'))
    .slice(0, 5).map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`));
  const spill = await page.evaluate(() => Array.from(document.querySelectorAll('body, body *'))
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && !e.parentElement?.closest('.table-wrap') && !e.classList.contains('table-wrap'))
    .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}/${e.clientWidth}`));
  expect(spill).toEqual([]);
  expect(past).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test('Tổng quan and Nhật ký fit a 390-px phone', async ({ page }) => {
  await login(page, 'auditor');
  await page.goto('/tong-quan?unit=cu-chi&year=2024');
  await expect(page.getByRole('table', { name: 'Các chỉ số' })).toBeVisible();
  await expect(page.getByRole('table', { name: /theo đơn vị trực thuộc/ })).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/tong-quan-390.png', fullPage: true });

  await page.getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page.getByRole('table').first()).toBeVisible();
  await expectNoSideways(page);
  await expectAccessible(page);
  await page.getByRole('table').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/nhat-ky-390.png' });
});
