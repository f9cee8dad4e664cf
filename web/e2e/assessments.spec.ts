import { expect, test } from '@playwright/test';
import { ensureUnits, expectAccessible, login, logout, pickUnit } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

test('an assessor fills a TT22 form and sees the total and result while typing; a reviewer adjusts one indicator with a reason and concludes', async ({ page }) => {
  await login(page, 'assessor');
  await page.getByRole('link', { name: 'Đánh giá' }).click();
  await pickUnit(page, 'Đơn vị được đánh giá', 'phong giao duc cu chi', 'Phòng Giáo dục');
  await page.getByLabel('Năm').selectOption('2022');
  await page.getByLabel('Bộ tiêu chí').selectOption('TT22-2020-DVHT');
  await page.getByRole('button', { name: 'Mở bản đánh giá' }).click();
  await expect(page.getByRole('heading', { name: /Đơn vị học tập/ })).toBeVisible();
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText('Chưa đạt');

  const codes = ['TC1.1', 'TC1.2', 'TC1.3', 'TC2.1', 'TC2.2', 'TC2.3', 'TC3.1', 'TC3.2', 'TC3.3', 'TC3.4'];
  for (const code of codes) {
    await page.getByLabel(new RegExp(`^${code.replace('.', '\\.')} `)).fill('9');
  }
  await expect(preview).toContainText('Tổng điểm: 90');
  await expect(preview).toContainText('Tốt');
  await page.getByLabel(/^TC3\.4 /).fill('0');
  await expect(preview).toContainText('Tổng điểm: 81');
  await expect(preview).toContainText('Khá');
  await page.getByLabel(/^TC3\.4 /).fill('11');
  await expect(page.getByRole('alert').filter({ hasText: 'Điểm từ 0 đến 10.' })).toBeVisible();
  await page.getByLabel(/^TC3\.4 /).fill('4');
  await expect(preview).toContainText('Tổng điểm: 85');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Nộp bản đánh giá' }).click();
  await expect(page.getByTestId('assessment-status')).toHaveText('Đã nộp, chờ thẩm định');
  await expect(page.getByText('Nộp muộn')).toBeVisible();
  const address = page.url();
  await logout(page);

  await login(page, 'reviewer');
  await page.goto(address);
  await page.getByLabel('Điều chỉnh TC1.1', { exact: true }).fill('5');
  await expect(page.getByRole('alert').filter({ hasText: 'Mỗi điều chỉnh cần ghi lý do.' })).toBeVisible();
  await page.getByLabel('Lý do điều chỉnh TC1.1').fill('Kế hoạch chưa có minh chứng ban hành');
  await expect(page.getByTestId('preview')).toContainText('Tổng điểm sau thẩm định: 81');
  await expect(page.getByTestId('preview')).toContainText('Khá');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Kết luận thẩm định' }).click();
  await expect(page.getByTestId('assessment-status')).toHaveText('Đã thẩm định');
  const row = page.locator('tr[data-indicator="TC1.1"]');
  await expect(row).toContainText('9');
  await expect(row).toContainText('5');
  await expect(row).toContainText('Kế hoạch chưa có minh chứng ban hành');
  await expect(page.getByText(/Kết quả: Khá/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/danh-gia.png', fullPage: true });
});
