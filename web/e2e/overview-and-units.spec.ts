import { expect, test } from '@playwright/test';
import { basic, csrf, ensureUnits, expectAccessible, login, pickUnit } from './support';

test.beforeAll(async ({ request }) => {
  await ensureUnits(request);
  const baseline = await request.put('/api/v1/units/ap-xuan-thoi/baselines/2025', {
    headers: basic('admin'),
    data: { households: 400, clans: 10, villages: 1, organisations: 2, citizens: 1500 },
  });
  expect(baseline.ok()).toBeTruthy();
});

test("a batch stored by a recognizer changes another person's overview without a reload", async ({ browser }) => {
  const watcher = await browser.newContext();
  const watching = await watcher.newPage();
  await login(watching, 'auditor');
  await watching.goto('/tong-quan?unit=hoc-mon&year=2025');
  const row = watching.locator('tr[data-indicator="HOUSEHOLDS_TITLED"]').first();
  await expect(row).toContainText('0 / 400');
  await expect(watching.getByText('Trực tiếp')).toBeVisible();
  await expectAccessible(watching);

  const recognizer = await browser.newContext();
  const recording = await recognizer.newPage();
  await login(recording, 'recognizer');
  await recording.goto('/danh-hieu?unit=ap-xuan-thoi&year=2025');
  const form = recording.getByRole('form', { name: 'Ghi nhận một lô' });
  await form.getByLabel('Danh hiệu').selectOption('GIA_DINH_HOC_TAP');
  await form.getByLabel('Số lượng').fill('140');
  await form.getByLabel('Số quyết định').fill('31/QĐ-UBND');
  await form.getByLabel('Ngày quyết định').fill('20/11/2025');
  await expectAccessible(recording);
  await form.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(recording.getByRole('row').filter({ hasText: '31/QĐ-UBND' })).toContainText('140');
  await recording.screenshot({ path: 'test-results/screens/danh-hieu.png', fullPage: true });

  await expect(row).toContainText('140 / 400', { timeout: 5_000 });
  await expect(row).toContainText('35,0%');
  await expect(watching.getByText(/cập nhật lúc \d{2}:\d{2}:\d{2}/)).toBeVisible();
  await watching.screenshot({ path: 'test-results/screens/tong-quan.png', fullPage: true });
  await watcher.close();
  await recognizer.close();
});

test('a viewer scoped to one district sees neither another district nor any write button, and the API refuses a hand-made request', async ({ page }) => {
  await login(page, 'viewer');
  await expect(page.getByRole('heading', { name: /Huyện Củ Chi/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nhật ký kiểm tra' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Đơn vị' }).fill('hoc mon');
  await expect(page.getByText('Không tìm thấy đơn vị.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Đơn vị' }).fill('xa');
  await expect(page.getByRole('option', { name: /Xã Tân Thông Hội/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Xuân Thới Sơn/ })).toHaveCount(0);

  await page.getByRole('link', { name: 'Kế hoạch' }).click();
  await expect(page.getByRole('heading', { name: 'Kế hoạch', level: 1 })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Soạn kế hoạch mới' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Ban hành|Khóa số liệu|Lưu/ })).toHaveCount(0);
  await expectAccessible(page);

  const token = await csrf(page);
  const answers = await page.evaluate(async (xsrf) => {
    const read = await fetch('/api/v1/units/hoc-mon', { headers: { 'X-Requested-With': 'xhht-web' } });
    const write = await fetch('/api/v1/recognition-batches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': xsrf, 'X-Requested-With': 'xhht-web' },
      body: JSON.stringify({ unitId: 'ap-cho', title: 'GIA_DINH_HOC_TAP', year: 2024, count: 1,
                             decisionNumber: '1/QĐ', decidedOn: '2024-11-20' }),
    });
    return [read.status, (await read.json()).code, write.status, (await write.json()).code];
  }, token);
  expect(answers).toEqual([403, 'NOT_IN_SCOPE', 403, 'FORBIDDEN_ROLE']);
});

test('an administrator registers a unit and merges another from 01/07/2025; the hierarchy as of a date before and after', async ({ page }) => {
  await login(page, 'admin');
  await page.getByRole('link', { name: 'Đơn vị' }).click();
  const register = page.getByRole('form', { name: 'Thêm đơn vị' });
  await register.getByLabel('Mã đơn vị').fill('xa-phu-hoa-dong');
  await register.getByLabel('Tên đơn vị').fill('Xã Phú Hòa Đông');
  await register.getByLabel('Cấp').selectOption('COMMUNE');
  await pickUnit(page, 'Trực thuộc', 'cu chi', 'Huyện Củ Chi');
  await register.getByLabel('Hiệu lực từ ngày').fill('01/01/2020');
  await expectAccessible(page);
  await register.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(page.getByRole('heading', { name: 'Xã Phú Hòa Đông' })).toBeVisible();

  await page.goto('/don-vi/xa-phuoc-vinh-an');
  const change = page.getByRole('form', { name: 'Thay đổi đơn vị' });
  await change.getByLabel('Thay đổi').selectOption('merge');
  await pickUnit(page, 'Sáp nhập vào', 'tan thong hoi', 'Xã Tân Thông Hội');
  await change.getByLabel('Từ ngày').fill('01/07/2025');
  await change.getByLabel('Lý do').fill('Nghị quyết sắp xếp 2025');
  await expectAccessible(page);
  await change.getByRole('button', { name: 'Sáp nhập vào đơn vị khác' }).click();
  await expect(page.getByRole('definition').filter({ hasText: 'xa-tan-thong-hoi từ 01/07/2025' })).toBeVisible();

  await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
  await page.getByLabel('Xem như ngày').fill('30/06/2025');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  const tree = page.getByRole('list', { name: 'Cây đơn vị' });
  await tree.getByRole('button', { name: 'Mở Huyện Củ Chi' }).click();
  await expect(tree.getByRole('link', { name: 'Xã Phước Vĩnh An' })).toBeVisible();
  await expect(tree.getByRole('link', { name: 'Xã Tân Thông Hội' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Xem như ngày').fill('01/07/2025');
  await page.getByRole('button', { name: 'Áp dụng' }).click();
  await expect(page).toHaveURL(/on=2025-07-01/);
  await tree.getByRole('button', { name: 'Mở Huyện Củ Chi' }).click();
  await expect(tree.getByRole('link', { name: 'Xã Tân Thông Hội' })).toBeVisible();
  await expect(tree.getByRole('link', { name: 'Xã Phước Vĩnh An' })).toHaveCount(0);

  await tree.getByRole('link', { name: 'Xã Tân Thông Hội' }).click();
  await expect(page.getByRole('heading', { name: 'Xã Tân Thông Hội' })).toBeVisible();
  await expect(page.getByText(/sáp nhập xa-phuoc-vinh-an vào xa-tan-thong-hoi từ 2025-07-01/)).toBeVisible();
  await expect(page.getByText('Lý do: Nghị quyết sắp xếp 2025').first()).toBeVisible();
  await expectAccessible(page);
});

test('an administrator dissolves a district with the 2025 reform after its communes moved under the city', async ({ page, request }) => {
  // a district of its own for this run, with one commune
  const run = Date.now().toString(36);
  const district = `huyen-can-gio-${run}`;
  const commune = `xa-an-thoi-dong-${run}`;
  const headers = basic('admin');
  for (const unit of [{ id: district, name: `Huyện Cần Giờ ${run}`, kind: 'DISTRICT', parentId: 'tp-ho-chi-minh' },
                      { id: commune, name: `Xã An Thới Đông ${run}`, kind: 'COMMUNE', parentId: district }]) {
    expect((await request.post('/api/v1/units', { headers, data: { ...unit, validFrom: '2020-01-01' } })).status()).toBe(201);
  }
  await login(page, 'admin');
  await page.goto(`/don-vi/${district}`);
  const change = page.getByRole('form', { name: 'Thay đổi đơn vị' });
  await change.getByLabel('Thay đổi').selectOption('dissolve');
  await change.getByLabel('Từ ngày').fill('01/07/2025');
  await change.getByLabel('Lý do').fill('Kết thúc hoạt động cấp huyện theo Luật Tổ chức chính quyền địa phương 2025');
  await expectAccessible(page);
  await change.getByRole('button', { name: 'Giải thể' }).click();
  // the commune is still under it that day: refused, and said why
  await expect(change.getByRole('alert')).toContainText('Còn đơn vị trực thuộc');

  expect((await request.post(`/api/v1/units/${commune}/move`, {
    headers, data: { parentId: 'tp-ho-chi-minh', validFrom: '2025-07-01', reason: 'Sắp xếp 2025' },
  })).status()).toBe(200);
  await change.getByRole('button', { name: 'Giải thể' }).click();
  await expect(page.getByTestId('dissolved')).toHaveText('từ 01/07/2025');
  await expect(page.getByText(/giải thể huyen-can-gio-.* từ 2025-07-01/).first()).toBeVisible();
});
