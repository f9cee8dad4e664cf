import { expect, test, type Page } from '@playwright/test';
import { basic, ensureUnits, expectAccessible, login, logout } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

async function open(page: Page, unit: string, row: string): Promise<void> {
  await page.goto(`/thi-dua?unit=${unit}`);
  await page.getByTestId('nominations').getByRole('row').filter({ hasText: row }).getByRole('button', { name: /^Mở hồ sơ/ }).click();
}

test('a Phòng GDĐT\'s nomination goes from draft to award, each step by its own officer and kept', async ({ page, request }) => {
  const run = Date.now().toString(36);
  const office = `phong-gddt-${run}`;
  const created = await request.post('/api/v1/units', { headers: basic('admin'), data: {
    id: office, name: `Phòng GDĐT ${run}`, kind: 'ORGANISATION', parentId: 'cu-chi', validFrom: '2020-01-01' } });
  expect(created.status()).toBe(201);

  await login(page, 'planner');
  await page.goto(`/thi-dua?unit=${office}`);
  const draft = page.getByRole('form', { name: 'Đề nghị khen thưởng' });
  await draft.getByLabel('Thành tích').fill('Tham mưu kế hoạch xây dựng xã hội học tập năm 2025; 12 sáng kiến');
  await expectAccessible(page);
  await draft.getByRole('button', { name: 'Lập hồ sơ đề nghị' }).click();
  await expect(page.getByTestId('nominations').getByTestId('nomination-state')).toHaveText('Dự thảo');

  // not yet a Learning Unit: the criterion is named, nothing is sent
  await open(page, office, 'Giấy khen');
  await page.getByRole('button', { name: 'Gửi Hội đồng' }).click();
  await expect(page.getByRole('alert')).toContainText('chưa đạt tiêu chí');
  await expect(page.getByRole('alert')).toContainText('criteria.DVHT_HUYEN');
  const title = await request.post('/api/v1/recognitions', { headers: basic('recognizer'), data: {
    title: 'DON_VI_HOC_TAP', subjectUnitId: office, year: 2025, level: 'MUC_DO_1', decisionNumber: '88/QĐ-UBND',
    decidedOn: '2025-06-02' } });
  expect(title.status()).toBe(201);
  await page.getByRole('button', { name: 'Gửi Hội đồng' }).click();
  await expect(page.getByTestId('nomination-detail-state')).toContainText('Đã gửi Hội đồng');
  await expect(page.getByRole('cell', { name: 'Có danh hiệu DON_VI_HOC_TAP còn hiệu lực năm 2025' })).toBeVisible();
  await logout(page);

  await login(page, 'reviewer');
  await open(page, office, 'Giấy khen');
  await page.getByRole('button', { name: 'Hội đồng đề nghị' }).click();
  const council = page.getByRole('dialog', { name: 'Hội đồng đề nghị khen thưởng' });
  await council.getByLabel('Lý do').fill('Hội đồng TĐKT thành phố thống nhất đề nghị');
  await council.getByRole('button', { name: 'Đề nghị' }).click();
  await expect(page.getByTestId('nomination-detail-state')).toContainText('Hội đồng đã đề nghị');
  await logout(page);

  await login(page, 'recognizer');
  await open(page, office, 'Giấy khen');
  await page.getByRole('button', { name: 'Ghi quyết định' }).click();
  const decision = page.getByRole('form', { name: 'Quyết định khen thưởng' });
  await decision.getByLabel('Số quyết định').fill('125/QĐ-UBND');
  await decision.getByRole('button', { name: 'Khen thưởng' }).click();
  await expect(page.getByTestId('nomination-detail-state')).toContainText('Đã khen thưởng');
  await expect(page.getByTestId('nomination-detail-state')).toContainText('QĐ 125/QĐ-UBND');
  const steps = page.getByRole('list', { name: 'Các bước xử lý' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('Lập hồ sơ — planner');
  await expect(steps.nth(2)).toContainText('Hội đồng đề nghị — reviewer');
  await expect(steps.nth(3)).toContainText('Quyết định khen thưởng — recognizer');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screens/thi-dua.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải danh sách đề nghị (.xlsx)' }).click();
  expect((await download).suggestedFilename()).toBe(`de-nghi-khen-thuong-${office}.xlsx`);
});

test('a nominated teacher\'s name is hidden from the proposer, read by the decider and forgotten on request', async ({ page }) => {
  const teacher = `Nguyễn Thị Hoa ${Date.now().toString(36)}`;
  await login(page, 'planner');
  await page.goto('/thi-dua?unit=xa-tan-thong-hoi');
  const draft = page.getByRole('form', { name: 'Đề nghị khen thưởng' });
  await draft.getByRole('combobox', { name: 'Đối tượng', exact: true }).selectOption('CA_NHAN');
  await draft.getByLabel('Họ và tên').fill(teacher);
  await draft.getByLabel('Chức vụ, nơi công tác').fill('Giáo viên Trường Tiểu học Tân Thông Hội');
  await draft.getByLabel('Thành tích').fill('Nhiều đóng góp xây dựng xã hội học tập ở địa phương');
  await draft.getByRole('button', { name: 'Lập hồ sơ đề nghị' }).click();
  const rows = page.getByTestId('nominations').getByRole('row');
  await expect(rows.filter({ hasText: '(tên được bảo vệ)' }).first()).toBeVisible();
  await expect(page.getByTestId('nominations')).not.toContainText(teacher);
  await logout(page);

  await login(page, 'recognizer');
  await open(page, 'xa-tan-thong-hoi', teacher);
  await page.getByRole('button', { name: 'Xoá dữ liệu cá nhân' }).click();
  const forget = page.getByRole('dialog', { name: 'Xoá dữ liệu cá nhân theo yêu cầu' });
  await forget.getByLabel('Lý do').fill('Người được đề nghị yêu cầu xoá dữ liệu (Nghị định 13/2023/NĐ-CP)');
  await forget.getByRole('button', { name: 'Xoá dữ liệu cá nhân' }).click();
  await expect(page.getByRole('heading', { name: /đã xoá theo yêu cầu/ })).toBeVisible();
  await expect(page.getByTestId('nominations')).not.toContainText(teacher);
  await expectAccessible(page);
});
