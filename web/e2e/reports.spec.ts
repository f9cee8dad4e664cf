import { expect, test, type APIRequestContext } from '@playwright/test';
import { basic, ensureUnits, expectAccessible, login, logout, pickUnit } from './support';

test.beforeAll(async ({ request }) => ensureUnits(request));

const day = (offset: number) => {
  const date = new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000); // a Vietnamese day
  return date.toISOString().slice(0, 10);
};

async function json(request: APIRequestContext, user: string, method: 'POST' | 'GET', path: string, data?: unknown) {
  const response = await request.fetch(`/api/v1${path}`, { method, headers: basic(user), data });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.json();
}

test('a district follows its communes\' reports: reminders and overdue marks, on time and late, accepted and returned, '
     + 'the annual report downloaded, and baselines imported from a file after a dry run', async ({ page, request }) => {
  // the district of Nhà Bè with three communes, and its plan with a six-month review already due and an annual report
  // due in three days
  const run = Date.now().toString(36);
  const district = `nha-be-${run}`;
  const communes = [['hiep-phuoc', 'Xã Hiệp Phước'], ['long-thoi', 'Xã Long Thới'], ['nhon-duc', 'Xã Nhơn Đức']]
    .map(([id, name]) => ({ id: `${id}-${run}`, name }));
  await json(request, 'admin', 'POST', '/units', { id: district, name: `Huyện Nhà Bè ${run}`, kind: 'DISTRICT',
                                                   parentId: 'tp-ho-chi-minh', validFrom: '2020-01-01' });
  for (const commune of communes) {
    await json(request, 'admin', 'POST', '/units', { ...commune, kind: 'COMMUNE', parentId: district, validFrom: '2020-01-01' });
  }
  const year = day(0).slice(0, 4);
  const plan = await json(request, 'planner', 'POST', '/plans', {
    issuerUnitId: district, number: '25/KH-UBND', title: 'Xây dựng xã hội học tập', issuedOn: day(0),
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    targets: [{ indicator: 'HOUSEHOLDS_TITLED', target: 0.6 }],
    tasks: [{ content: 'Mở lớp xóa mù chữ', timeframe: 'Quý IV' }],
    deadlines: [{ what: 'Báo cáo sơ kết 6 tháng', due: day(-1), kind: 'SIX_MONTH_REVIEW' },
                { what: 'Báo cáo năm', due: day(3), kind: 'ANNUAL' }],
  });
  await json(request, 'planner', 'POST', `/plans/${plan.id}/issue`);

  // a commune's officer sees what it owes: the reminder of the annual report, the six-month review overdue
  await login(page, 'planner');
  await page.getByRole('link', { name: 'Báo cáo' }).click();
  await expect(page.getByRole('heading', { name: 'Báo cáo', level: 1 })).toBeVisible();
  await pickUnit(page, 'Đơn vị', 'hiep phuoc', 'Xã Hiệp Phước');
  const annual = page.getByTestId('todo-Báo cáo năm');
  await expect(annual).toContainText('còn 3 ngày');
  await expect(page.getByTestId('todo-Báo cáo sơ kết 6 tháng')).toContainText('Quá hạn');
  await annual.getByRole('button', { name: 'Lập báo cáo: Báo cáo năm' }).click();
  const form = page.getByRole('form', { name: 'Báo cáo: Báo cáo năm' });
  await form.getByLabel('HOUSEHOLDS_TITLED: tử số').fill('1.250');
  await form.getByLabel('HOUSEHOLDS_TITLED: mẫu số').fill('2.000');
  await form.getByLabel('Tiến độ: Mở lớp xóa mù chữ').selectOption('IN_PROGRESS');
  await form.getByLabel('Phần trăm').fill('60');
  await form.getByLabel('Khó khăn, vướng mắc').fill('Thiếu giáo viên dạy lớp xóa mù chữ');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(annual).toContainText('Đã gửi, chờ tiếp nhận');
  await expect(annual).toContainText('Đúng hạn');
  await logout(page);

  // a second commune sends its six-month review late (through the API, as a machine client would)
  const owed = await json(request, 'auditor', 'GET', `/plans/${plan.id}/obligations`);
  const late = owed.items.find((o: { unitId: string; deadline: { what: string } }) =>
    o.unitId === communes[1].id && o.deadline.what === 'Báo cáo sơ kết 6 tháng');
  await json(request, 'planner', 'POST', `/obligations/${late.id}/reports`, { narrative: 'Báo cáo bổ sung' });

  // the district's reviewer: who reported, on time or late, who has not; accepts one report and returns another
  await login(page, 'reviewer');
  await page.goto(`/bao-cao?unit=${district}&plan=${plan.id}&year=${year}`);
  await expect(page.getByTestId('report-summary')).toContainText('6 yêu cầu · 1 đúng hạn · 1 trễ hạn · 2 quá hạn chưa báo cáo');
  await expect(page.getByTestId(`obligation-${communes[2].id}-Báo cáo sơ kết 6 tháng`)).toContainText('Quá hạn');
  await page.getByRole('button', { name: `Tiếp nhận báo cáo của ${communes[0].id}` }).click();
  await expect(page.getByTestId(`obligation-${communes[0].id}-Báo cáo năm`)).toContainText('Đã tiếp nhận');
  await page.getByTestId(`obligation-${communes[1].id}-Báo cáo sơ kết 6 tháng`).getByRole('button', { name: 'Trả lại' }).click();
  const dialog = page.getByRole('dialog', { name: `Trả lại báo cáo của ${communes[1].id}` });
  await expectAccessible(page);
  await dialog.getByLabel('Lý do').fill('Thiếu số liệu hộ gia đình học tập');
  await dialog.getByRole('button', { name: 'Trả lại' }).click();
  await expect(page.getByTestId(`obligation-${communes[1].id}-Báo cáo sơ kết 6 tháng`)).toContainText('Bị trả lại');
  await expect(page.getByRole('table', { name: 'Tiến độ nhiệm vụ theo báo cáo của các đơn vị' })).toContainText('Mở lớp xóa mù chữ');
  const pdf = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Báo cáo kết quả (.pdf)' }).click();
  const file = await pdf;
  expect(file.suggestedFilename()).toMatch(/^bao-cao-ket-qua-.*\.pdf$/);
  await page.screenshot({ path: 'test-results/screens/bao-cao.png', fullPage: true });
  await logout(page);

  // the district's planner downloads the baselines template, the dry run names the bad row, the fixed file applies
  await login(page, 'planner');
  await page.goto(`/bao-cao?unit=${district}&year=${year}`);
  const template = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải mẫu (.xlsx)' }).click();
  expect((await template).suggestedFilename()).toBe(`mau-baselines-${district}.xlsx`);
  const rows = (households: string) => ['unitId,year,households,citizens',
    ...communes.map((c, i) => `${c.id},${year},${i === 1 ? households : 1000 + i},${4000 + i}`)].join('\n');
  await page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv UTF-8)').setInputFiles(
    { name: 'so-lieu-nen.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('1.234')) });
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Tệp có 1 lỗi: không dòng nào được ghi.');
  await expect(report.getByRole('row').filter({ hasText: 'households' })).toContainText('1234');
  await expectAccessible(page);
  await page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv UTF-8)').setInputFiles(
    { name: 'so-lieu-nen.csv', mimeType: 'text/csv', buffer: Buffer.from(rows('1234')) });
  await page.getByRole('button', { name: 'Chạy thử' }).click();
  await expect(report).toContainText('Tệp hợp lệ: 3 dòng, 3 dòng sẽ được ghi');
  await page.getByRole('button', { name: 'Ghi vào sổ' }).click();
  await expect(report).toContainText('Đã ghi 3 dòng');
  const baseline = await json(request, 'auditor', 'GET', `/units/${communes[1].id}/baselines/${year}`);
  expect(baseline.households).toBe(1234);
});
