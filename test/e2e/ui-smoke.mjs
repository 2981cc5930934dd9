// The UI smoke test: what a user sees in the workbench, driven through headless Chromium.
// - the Problems panel lists our findings with their code and line;
// - the Outline view shows the three level-1 sections of the example;
// - a quick fix chosen from the light bulb changes the text.
// Screenshots go to test/e2e/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import path from 'node:path';
import { failureLine, repo, runCommand, uiRecorder, workbenchUrl } from './lib/harness.mjs';

const EXAMPLE = 'examples/speech.txt';
const T = 30_000;

/** Expands the side-bar section whose title matches `title` (a RegExp) and collapses the others. */
async function showOnlyPane(page, title) {
  const headers = page.locator('.sidebar .pane-header');
  const n = await headers.count();
  for (let i = 0; i < n; i++) {
    const h = headers.nth(i);
    const name = ((await h.locator('h3.title').first().textContent().catch(() => '')) ?? '').trim();
    const expanded = (await h.getAttribute('aria-expanded')) === 'true';
    if (title.test(name) !== expanded) await h.click();
  }
  await page.locator('.sidebar .pane-header[aria-expanded="true"]', { has: page.locator('h3.title', { hasText: title }) }).first().waitFor({ timeout: T });
}

/** Polls `probe` in the page until it returns a truthy value. */
async function until(page, what, probe, arg) {
  try {
    const handle = await page.waitForFunction(probe, arg, { timeout: T, polling: 100 });
    return handle.jsonValue();
  } catch (e) {
    throw new Error(`UI: timed out waiting for ${what} (${failureLine(e)})`);
  }
}

export async function uiSmoke({ page, port, folder, shotsDir, log }) {
  const { shot, ok, checks } = uiRecorder({ page, shotsDir, log });

  const url = workbenchUrl({ port, folder, extensionDevelopmentPath: repo, openFile: path.join(folder, EXAMPLE) });
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: 'speech.txt' }).first().waitFor({ timeout: T });
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: T });
  ok('the example opens and shows squiggles');

  // Problems panel.
  await page.locator('.monaco-editor .view-lines').first().click();
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)', { closed: true });
  const rows = await until(
    page,
    'Problems rows with our codes',
    () => {
      const texts = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.innerText);
      return texts.some((t) => t.includes('outline-sequence')) && texts.some((t) => t.includes('series-sequence')) ? texts : false;
    },
  );
  const row = (code) => rows.find((t) => t.includes(code)) ?? '';
  assert.match(row('outline-sequence'), /gongwen/);
  assert.match(row('outline-sequence'), /\[Ln 16, Col 1\]/);
  assert.match(row('outline-paren-width'), /\[Ln 22, Col 1\]/);
  assert.match(row('outline-marker-punct'), /\[Ln 25, Col 1\]/);
  assert.match(row('series-sequence'), /\[Ln 37, Col 1\]/);
  ok(`the Problems panel lists ${rows.length - 1} findings with source, code and line`);
  await shot('problems');

  // Outline view, with the other sections of the Explorer collapsed so that it has the side bar's height.
  await runCommand(page, 'Explorer: Focus on Outline View', { closed: true });
  await showOnlyPane(page, /^outline$/i);
  // The three 一、 sections: level 1 of the 公文 outline, shown among (or under) the 公文 elements
  // (标题, 成文日期, 主送机关, 正文) that frame them. All three sit at one tree level, and no other
  // 一、-style row does.
  const outlineRows = await until(page, 'the three 一、 sections in the Outline view', () => {
    const all = [...document.querySelectorAll('.outline-pane .monaco-list-row')].map((r) => ({
      level: r.getAttribute('aria-level'),
      text: r.innerText.trim(),
    }));
    return all.filter((r) => /^[一二三四五六七八九十]+、/.test(r.text)).length >= 3 ? all : false;
  });
  const sections = outlineRows.filter((r) => /^[一二三四五六七八九十]+、/.test(r.text));
  assert.equal(sections.length, 3, `rows: ${outlineRows.map((r) => `${r.level}:${r.text}`).join(' | ')}`);
  assert.equal(new Set(sections.map((r) => r.level)).size, 1, 'the sections share one tree level');
  const level1 = sections.map((r) => r.text);
  assert.deepEqual(
    level1.map((t) => t.slice(0, 2)),
    ['一、', '二、', '三、'],
  );
  ok(`the Outline view shows ${level1.map((t) => t.slice(0, 2)).join(' ')} at tree level ${sections[0].level}`);
  await shot('outline');

  // A quick fix from the light bulb: line 22 has (一) with half-width brackets.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: T });
  await page.keyboard.type('22');
  await page.keyboard.press('Enter');
  const bulb = page.locator('.monaco-editor .lightBulbWidget');
  await bulb.waitFor({ state: 'visible', timeout: T });
  await shot('lightbulb');
  await bulb.click();
  const item = page.locator('.action-widget .monaco-list-row', { hasText: '（一）' }).first();
  await item.waitFor({ state: 'visible', timeout: T });
  await shot('quickfix-menu');
  // Choose it with the keyboard, as the menu expects (the list swallows synthetic pointer clicks).
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let i = 0; i < 10 && !((await focused.innerText().catch(() => '')) ?? '').includes('（一）'); i++) await page.keyboard.press('ArrowDown');
  assert.match(await focused.innerText(), /（一）/, 'the bracket fix is selected in the light-bulb menu');
  await page.keyboard.press('Enter');
  await until(page, 'line 22 rewritten to （一）', () => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-line')].map((l) => l.textContent);
    return lines.some((t) => t.startsWith('（一）深化审批制度改革')) && !lines.some((t) => t.startsWith('(一)'));
  });
  await page.locator('.tabs-container .tab.dirty', { hasText: 'speech.txt' }).waitFor({ timeout: T });
  await until(page, 'the bracket finding gone from Problems', () => {
    const texts = [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.innerText);
    return texts.length > 0 && !texts.some((t) => t.includes('outline-paren-width'));
  });
  ok('the light-bulb quick fix rewrote (一) to （一） and its finding left the Problems panel');
  await shot('after-quickfix');

  // The status bar item counts the active document's findings.
  const status = page.locator('.statusbar-item', { hasText: /公文|Gongwen/ }).first();
  await status.waitFor({ timeout: T });
  const statusText = (await status.innerText()).trim();
  assert.match(statusText, /\d/, `the status bar shows counts: ${statusText}`);
  ok(`the status bar shows "${statusText.replace(/\s+/g, ' ')}"`);

  // The 公文大纲 view in the Explorer: the sections, and a click on one moves the cursor there.
  await showOnlyPane(page, /公文大纲/);
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: '公文大纲' }) });
  const sectionRow = (marker) => pane.locator('.monaco-list-row', { hasText: marker }).first();
  for (const marker of ['一、', '二、', '三、']) await sectionRow(marker).waitFor({ timeout: T });
  await shot('gongwen-outline');
  await sectionRow('三、').click();
  await page.locator('.statusbar-item', { hasText: /Ln 31, Col 1/ }).first().waitFor({ timeout: T });
  ok('the 公文大纲 view lists 一、 二、 三、 and a click on 三、 puts the cursor on line 31');

  // Nothing went wrong on the way: no error notification (e.g. a view or command that is not registered).
  const errors = await page.locator('.notifications-toasts .notification-list-item:has(.codicon-error)').allInnerTexts();
  assert.deepEqual(errors, [], `error notifications: ${errors.join(' | ')}`);
  ok('no error notifications');
  return checks;
}
