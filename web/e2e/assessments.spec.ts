import { expect, test, type Page } from '@playwright/test';
import { ensureUnits, expectAccessible, login, logout, pickUnit } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

/** An assessor opens an assessment of the Phòng GDĐT Củ Chi for a year under a framework, and sees its form. */
async function openAssessment(page: Page, year: string, framework: string): Promise<void> {
  await login(page, 'assessor');
  await page.getByRole('link', { name: 'Đánh giá' }).click();
  await pickUnit(page, 'Đơn vị được đánh giá', 'phong giao duc cu chi', 'Phòng Giáo dục');
  await page.getByLabel('Năm').selectOption(year);
  await page.getByLabel('Bộ tiêu chí').selectOption(framework);
  await page.getByRole('button', { name: 'Mở bản đánh giá' }).click();
  await expect(page.getByRole('heading', { name: /Đơn vị học tập/ })).toBeVisible();
}

test('an assessor fills a TT22 form and sees the total and result while typing; a reviewer adjusts one indicator with a reason and concludes', async ({ page }) => {
  await openAssessment(page, '2022', 'TT22-2020-DVHT');
  const preview = page.getByTestId('preview');
  await expect(preview).toContainText('Chưa đạt');

  // TT 22/2020 as corrected (version 2): caps 10/10/10 · 10/5/10/5 · 25/10/5
  const given: Record<string, string> = {
    'TC1.1': '9', 'TC1.2': '9', 'TC1.3': '9', 'TC2.1': '9', 'TC2.2': '4', 'TC2.3': '9', 'TC2.4': '4',
    'TC3.1': '22', 'TC3.2': '9', 'TC3.3': '4',
  };
  for (const [code, points] of Object.entries(given)) {
    await page.getByLabel(new RegExp(`^${code.replace('.', '\\.')} `)).fill(points);
  }
  await expect(preview).toContainText('Tổng điểm: 88');
  await expect(preview).toContainText('Tốt');
  await page.getByLabel(/^TC3\.1 /).fill('13');
  await expect(preview).toContainText('Tổng điểm: 79');
  await expect(preview).toContainText('Khá');
  await page.getByLabel(/^TC3\.1 /).fill('26');
  await expect(page.getByRole('alert').filter({ hasText: 'Điểm từ 0 đến 25.' })).toBeVisible();
  await page.getByLabel(/^TC3\.1 /).fill('19');
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
  await logout(page);

  // the title granted from that assessment: TT22's ranking is yearly, so it holds through the year it ranks
  await login(page, 'recognizer');
  await page.goto('/danh-hieu?unit=phong-gd-cu-chi&year=2022');
  const grant = page.getByRole('form', { name: 'Công nhận danh hiệu' });
  await grant.getByLabel('Danh hiệu').selectOption('DON_VI_HOC_TAP');
  await grant.getByLabel('Số quyết định').fill('21/QĐ-UBND');
  await grant.getByLabel('Ngày quyết định').fill('20/12/2022');
  await grant.getByLabel('Theo bản đánh giá').selectOption({ label: 'TT22-2020-DVHT v2 · Khá' });
  await grant.getByRole('button', { name: 'Công nhận' }).click();
  const granted = page.getByRole('row').filter({ hasText: '21/QĐ-UBND' });
  await expect(granted).toContainText('Đơn vị học tập');
  await expect(granted).toContainText('31/12/2022');
});

test('an assessor gives TT24 shares as numerator and denominator and sees the level they reach at the target and one below', async ({ page }) => {
  await openAssessment(page, '2023', 'TT24-2023-DVHT');
  const preview = page.getByTestId('preview');
  for (const code of ['TC1.1', 'TC1.2', 'TC1.3', 'TC1.4', 'TC1.5', 'TC3.1', 'TC3.2', 'TC3.3']) {
    await page.getByLabel(new RegExp(`^${code.replace('.', '\\.')} `)).check();
  }
  const share = async (code: string, numerator: string, denominator: string) => {
    await page.getByLabel(new RegExp(`^${code.replace('.', '\\.')} .*tử số$`)).fill(numerator);
    await page.getByLabel(new RegExp(`^${code.replace('.', '\\.')} .*mẫu số$`)).fill(denominator);
  };
  await share('TC2.1', '45', '50');
  await share('TC2.2', '46', '50');
  await share('TC2.3', '45', '50');
  await expect(preview).toContainText('Mức độ 1'); // 90% of members are Công dân học tập: level 1
  await share('TC2.3', '48', '50');
  await expect(preview).toContainText('Mức độ 2'); // 96% ≥ 95%
  await share('TC2.3', '44', '50');
  await expect(preview).toContainText('Chưa đạt'); // 88% < 90%
  await share('TC2.3', '51', '50');
  await expect(page.getByRole('alert').filter({ hasText: 'Tử số không lớn hơn mẫu số.' })).toBeVisible();
  await share('TC2.3', '48', '50');
  await expect(page.getByText('Mức độ 1: ≥ 90% · Mức độ 2: ≥ 95%')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^TC2\.3 .*tử số$/)).toHaveValue('48');
  await expect(page.getByTestId('preview')).toContainText('Mức độ 2');
  await page.screenshot({ path: 'test-results/screens/danh-gia-ty-le.png', fullPage: true });
});
