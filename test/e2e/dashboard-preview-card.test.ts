import { describe, expect, it } from 'vitest';
import { screenshot, useDashboard } from '../support/browser.js';

const dash = useDashboard();

describe('the social preview card in the link form, in a real browser', () => {
  it('shows how the card will look while typing, saves it, and names a bad field', async () => {
    const page = await dash.newPage();
    await dash.signIn(page, '#/links/new');
    await page.getByLabel('Destination URL').fill('https://example.com/spring/launch');
    await page.getByLabel('Custom slug').fill('card-form');
    await page.locator('summary', { hasText: 'Social preview card' }).click();
    await page.getByLabel('Card headline').fill('Spring launch: <everything> new');
    await page.getByLabel('Card text').fill('Twelve new things, one short read.');
    await page.getByLabel('Card image (https URL)').fill('http://cdn.example.com/card.png');
    const card = page.locator('.social-card');
    await expect.poll(() => card.locator('.social-card-title').textContent()).toBe('Spring launch: <everything> new');
    expect(await card.locator('.social-card-host').textContent()).toBe('example.com');
    expect(await card.locator('.social-card-image').textContent()).toBe('Image from cdn.example.com');

    // The server keeps card images to https: the form says so under the field.
    await page.getByRole('button', { name: 'Create link' }).click();
    await expect
      .poll(() => page.locator('[data-field="lf-preview-imageUrl"] .field-error').textContent())
      .toContain('https');
    dash.allowResourceErrors(400);
    await page.getByLabel('Card image (https URL)').fill('https://cdn.example.com/card.png');
    await screenshot(page, 'link-form-card');
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.waitForURL(/#\/links\?highlight=card-form$/);
    const saved = await dash.api('GET', '/api/links/card-form');
    expect(saved.body.preview).toEqual({
      title: 'Spring launch: <everything> new',
      description: 'Twelve new things, one short read.',
      imageUrl: 'https://cdn.example.com/card.png',
    });

    // Editing shows the saved card; emptying the fields removes it.
    await page.goto(`${dash.url}/dashboard/#/links/card-form/edit`);
    await expect.poll(() => page.getByLabel('Card headline').inputValue()).toBe('Spring launch: <everything> new');
    for (const label of ['Card headline', 'Card text', 'Card image (https URL)']) await page.getByLabel(label).fill('');
    await expect.poll(() => page.locator('.social-card-box').isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/#\/links\?highlight=card-form$/);
    expect((await dash.api('GET', '/api/links/card-form')).body.preview).toBeNull();
  });
});
