import { expect, test } from '@playwright/test';
import { basic, ensureUnits, expectAccessible, login } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

test('an administrator finds a title granted under the first TT22, whose rank counted three years, and sets it to its year with a reason', async ({ page, request }) => {
  // a title granted from an assessment made under TT 22 version 1 (valid three more years)
  const unit = `truong-thpt-${Date.now()}`;
  expect((await request.post('/api/v1/units', {
    headers: basic('admin'),
    data: { id: unit, name: 'Trường THPT Bà Điểm', kind: 'ORGANISATION', parentId: 'hoc-mon', validFrom: '2020-01-01' },
  })).status()).toBe(201);
  const codes = ['TC1.1', 'TC1.2', 'TC1.3', 'TC2.1', 'TC2.2', 'TC2.3', 'TC3.1', 'TC3.2', 'TC3.3', 'TC3.4'];
  const opened = await request.post('/api/v1/assessments', {
    headers: basic('assessor'),
    data: { subjectUnitId: unit, framework: 'TT22-2020-DVHT', frameworkVersion: 1, year: 2023,
            scores: codes.map((indicator) => ({ indicator, points: 9 })) },
  });
  expect(opened.status()).toBe(201);
  const assessment = (await opened.json()).id as string;
  expect((await request.post(`/api/v1/assessments/${assessment}/submit`, { headers: basic('assessor') })).status()).toBe(200);
  expect((await request.post(`/api/v1/assessments/${assessment}/review`, {
    headers: basic('reviewer'), data: { conclusion: { result: 'TOT' } },
  })).status()).toBe(200);
  const granted = await request.post('/api/v1/recognitions', {
    headers: basic('recognizer'),
    data: { title: 'DON_VI_HOC_TAP', subjectUnitId: unit, year: 2023, decisionNumber: '45/QĐ-UBND', decidedOn: '2023-12-20',
            assessmentId: assessment },
  });
  expect(granted.status()).toBe(201);
  const recognition = (await granted.json()).id as string;

  await login(page, 'admin');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  const row = page.locator(`tr[data-recognition="${recognition}"]`);
  await expect(row).toContainText('31/12/2026');
  await expect(row).toContainText('31/12/2023');
  await expectAccessible(page);
  await row.getByRole('button', { name: /Điều chỉnh đến/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Lý do').fill('TT 22/2020 xếp loại hằng năm (bộ tiêu chí phiên bản 2)');
  await dialog.getByRole('button', { name: 'Điều chỉnh' }).click();
  await expect(row).toHaveCount(0);

  const after = await request.get(`/api/v1/recognitions/${recognition}`, { headers: basic('auditor') });
  expect((await after.json()).validThrough).toBe('2023-12-31');
  await page.screenshot({ path: 'test-results/screens/ra-soat-thoi-han.png', fullPage: true });
});
