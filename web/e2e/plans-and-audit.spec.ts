import { expect, test } from '@playwright/test';
import { ensureUnits, expectAccessible, login, logout, pickUnit } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

test('a planner drafts, issues and closes a plan with a reason; an auditor finds who closed it and why', async ({ page }) => {
  await login(page, 'planner');
  await page.getByRole('link', { name: 'Kế hoạch' }).click();
  await expect(page.getByRole('heading', { name: 'Kế hoạch', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Soạn kế hoạch mới' });
  await pickUnit(page, 'Đơn vị ban hành', 'cu chi', 'Huyện Củ Chi');
  await form.getByLabel('Số hiệu').fill('12/KH-UBND');
  await form.getByLabel('Trích yếu').fill('Xây dựng xã hội học tập năm 2025');
  await form.getByLabel('Ngày ban hành').fill('15/01/2025');
  await form.getByLabel('Kỳ từ ngày').fill('01/01/2025');
  await form.getByLabel('Đến ngày').fill('31/12/2025');
  await form.getByLabel(/Chỉ tiêu/).fill('55');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Lưu dự thảo' }).click();

  await expect(page.getByRole('heading', { name: 'Kế hoạch 12/KH-UBND' })).toBeVisible();
  await expect(page.getByTestId('plan-status')).toHaveText('Dự thảo');
  await expect(page.getByText('HOUSEHOLDS_TITLED: 55,0%')).toBeVisible();
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('Đã ban hành');

  await page.getByRole('button', { name: 'Điều chỉnh chỉ tiêu, nhiệm vụ' }).click();
  const amend = page.getByRole('form', { name: 'Điều chỉnh kế hoạch' });
  await amend.getByLabel('Chỉ tiêu (%)').fill('62,5');
  await amend.getByRole('button', { name: 'Thêm thời hạn' }).click();
  await amend.getByLabel('Nội dung báo cáo 1').fill('Báo cáo sơ kết 6 tháng');
  await amend.getByLabel('Hạn (dd/MM/yyyy)').fill('20/06/2025');
  await amend.getByLabel('Lý do điều chỉnh').fill('Điều chỉnh theo Nghị quyết HĐND huyện');
  await expectAccessible(page);
  await amend.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
  await expect(page.getByText('HOUSEHOLDS_TITLED: 62,5%')).toBeVisible();
  await expect(page.getByText('Báo cáo sơ kết 6 tháng: 20/06/2025')).toBeVisible();
  await page.getByRole('button', { name: 'Khóa số liệu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Khóa số liệu kế hoạch' });
  await expectAccessible(page);
  await dialog.getByLabel('Lý do').fill('Chốt số liệu năm 2025 theo công văn 88/UBND');
  await dialog.getByRole('button', { name: 'Khóa số liệu' }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('Đã khóa số liệu');
  await expect(page.getByText('Chốt số liệu năm 2025 theo công văn 88/UBND').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/ke-hoach.png', fullPage: true });
  await logout(page);

  await login(page, 'auditor');
  await page.getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
  await pickUnit(page, 'Đơn vị (cả các đơn vị trực thuộc)', 'cu chi', 'Huyện Củ Chi');
  await page.getByLabel('Loại sự kiện').selectOption('PlanClosedEvent');
  await page.getByRole('button', { name: 'Lọc' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Khóa số liệu kế hoạch' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('planner');
  await expect(row).toContainText('Cán bộ kế hoạch');
  await expect(row).toContainText('Chốt số liệu năm 2025 theo công văn 88/UBND');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/nhat-ky.png', fullPage: true });

  // a commune of the district: its 2025 figures are frozen by the district's close, with who, when and why
  await page.goto('/tong-quan?unit=xa-tan-thong-hoi&year=2025');
  const frozen = page.getByRole('note').filter({ hasText: '12/KH-UBND' });
  await expect(frozen).toContainText('của cu-chi');
  await expect(frozen).toContainText('planner');
  await expect(frozen).toContainText('Chốt số liệu năm 2025 theo công văn 88/UBND');
});

test('verify shows that the log is intact', async ({ page }) => {
  await login(page, 'auditor');
  await page.getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
  await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
  await expect(page.getByRole('status')).toContainText('Nhật ký nguyên vẹn');
});
