import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Units every journey may use: a city, two districts, communes and villages (registered once per run). */
export const UNITS = [
  { id: 'tp-ho-chi-minh', name: 'Thành phố Hồ Chí Minh', kind: 'PROVINCE' },
  { id: 'cu-chi', name: 'Huyện Củ Chi', kind: 'DISTRICT', parentId: 'tp-ho-chi-minh' },
  { id: 'hoc-mon', name: 'Huyện Hóc Môn', kind: 'DISTRICT', parentId: 'tp-ho-chi-minh' },
  { id: 'xa-tan-thong-hoi', name: 'Xã Tân Thông Hội', kind: 'COMMUNE', parentId: 'cu-chi' },
  { id: 'xa-phuoc-vinh-an', name: 'Xã Phước Vĩnh An', kind: 'COMMUNE', parentId: 'cu-chi' },
  { id: 'ap-cho', name: 'Ấp Chợ', kind: 'VILLAGE', parentId: 'xa-tan-thong-hoi' },
  { id: 'xa-xuan-thoi-son', name: 'Xã Xuân Thới Sơn', kind: 'COMMUNE', parentId: 'hoc-mon' },
  { id: 'ap-xuan-thoi', name: 'Ấp Xuân Thới', kind: 'VILLAGE', parentId: 'xa-xuan-thoi-son' },
  { id: 'phong-gd-cu-chi', name: 'Phòng Giáo dục và Đào tạo huyện Củ Chi', kind: 'ORGANISATION', parentId: 'cu-chi' },
];

export function basic(user: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${user}-demo`).toString('base64')}` };
}

/** Registers the units (a unit already there is left as it is). */
export async function ensureUnits(request: APIRequestContext): Promise<void> {
  for (const unit of UNITS) {
    const response = await request.post('/api/v1/units', {
      headers: basic('admin'), data: { ...unit, validFrom: '2020-01-01' },
    });
    expect([201, 409]).toContain(response.status());
  }
}

export async function login(page: Page, user: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(`${user}-demo`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByTestId('user')).toHaveText(user);
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible();
}

/** No serious or critical accessibility violation on the page as it stands. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad).toEqual([]);
}

/** Picks a unit in a unit picker by typing as people do (no diacritics). */
export async function pickUnit(page: Page, label: string, typed: string, name: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).fill(typed);
  await page.getByRole('option', { name: new RegExp(name) }).click();
}

/** The session's CSRF token, read as the app reads it. */
export async function csrf(page: Page): Promise<string> {
  return page.evaluate(() => decodeURIComponent(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/.exec(document.cookie)?.[1] ?? ''));
}
