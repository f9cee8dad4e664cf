import { expect, test } from '@playwright/test';
import { basic, ensureUnits, expectAccessible, login } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

test('a ward\'s officer records its literacy survey, sees the levels with each ratio and locks it; the district sees its share', async ({ page, request }) => {
  const run = Date.now().toString(36);
  const district = `ngo-quyen-${run}`;
  const ward = `lach-tray-${run}`;
  for (const unit of [{ id: district, name: `Quận Ngô Quyền ${run}`, kind: 'DISTRICT', parentId: 'tp-ho-chi-minh' },
                      { id: ward, name: `Phường Lạch Tray ${run}`, kind: 'COMMUNE', parentId: district }]) {
    const response = await request.post('/api/v1/units', { headers: basic('admin'), data: { ...unit, validFrom: '2020-01-01' } });
    expect(response.status()).toBe(201);
  }

  await login(page, 'planner');
  await page.goto(`/pho-cap?unit=${ward}&year=2025`);
  const form = page.getByRole('form', { name: 'Số liệu điều tra năm 2025' });
  await form.getByLabel('Người 15–60 tuổi', { exact: true }).fill('4.000');
  await form.getByLabel('15–60 tuổi biết chữ mức 2').fill('3600');
  await form.getByLabel('Người 15–35 tuổi', { exact: true }).fill('1500');
  await form.getByLabel('15–35 tuổi biết chữ mức 1').fill('1400');
  await form.getByLabel('Xóa mù chữ', { exact: true }).check();
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Lưu số liệu điều tra' }).click();
  const literacy = page.getByTestId('levels-ND20-2014-XMC');
  await expect(literacy.locator('caption')).toHaveText('Xóa mù chữ: Mức độ 2');
  await expect(literacy.getByRole('row').filter({ hasText: 'XMC2.1' })).toContainText('3.600');
  await expect(literacy.getByRole('row').filter({ hasText: 'XMC2.1' })).toContainText('90%');
  // the 2025 cycle: figures taken on 30/9; after the reform the province recognises its wards
  await expect(page.getByTestId('levels-cycle')).toContainText('30/09/2025');
  await expect(page.getByTestId('levels-cycle')).toContainText('Ủy ban nhân dân cấp tỉnh');

  await form.getByRole('button', { name: 'Khóa số liệu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Khóa số liệu điều tra' });
  await dialog.getByLabel('Lý do').fill('Chốt số liệu ngày 30/9/2025');
  await dialog.getByRole('button', { name: 'Khóa số liệu' }).click();
  await expect(page.getByTestId('survey-state')).toContainText('Đã khóa số liệu');
  await page.screenshot({ path: 'test-results/screens/pho-cap.png', fullPage: true });

  // the district recognises the ward at XMC 2; the district's own table shows the share of its wards
  const granted = await request.post('/api/v1/recognitions', { headers: basic('recognizer'), data: {
    title: 'XMC', subjectUnitId: ward, year: 2025, level: 'MUC_DO_2', decisionNumber: '12/QĐ-UBND', decidedOn: '2025-11-20' } });
  expect(granted.status()).toBe(201);
  await page.goto(`/pho-cap?unit=${district}&year=2025`);
  await expect(page.getByTestId('levels-ND20-2014-XMC').locator('caption')).toHaveText('Xóa mù chữ: Mức độ 2');
  await expectAccessible(page);
});
