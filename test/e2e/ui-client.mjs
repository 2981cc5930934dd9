#!/usr/bin/env node
// The client's UI through headless Chromium, and the screenshots for the README:
//   client-outline.png        the 公文大纲 view in the Gongwen view container, on the bundled example
//   client-template.png       the 通知 template just inserted, its first tab stop selected
//   client-snippet-suggest.png  typing the pinyin prefix tongzhi offers the template
//   client-highlight.png      a .gw file in the gongwen language, coloured by its grammar
//   client-statistics.png     the statistics webview for the example
// Checks what a user sees: the tree rows with their counts, the status bar item, the inserted text.
// Run: node test/e2e/ui-client.mjs (after npm run build; uses the code-server of scripts/e2e-setup.sh).
// Also exported as uiClient() for a launcher that already has code-server and a page.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureLine, killAllSync, launchBrowser, log, makeRunDir, makeWorkspace, openFile, repo, runCommand, startCodeServer, uiRecorder, withTimeout, workbenchUrl } from './lib/harness.mjs';

const EXAMPLE = 'examples/speech.txt';
const T = 30_000;

/**
 * openFile (harness) with one retry: a CI run once timed out while opening a file here, at a step its log did not
 * name, and locally it never did; a second try follows a first that times out, and the log says so.
 */
async function openFileRetrying(page, name, log) {
  try {
    await openFile(page, name, T);
  } catch (e) {
    log(`retry: opening ${name} through Quick Open (${failureLine(e)})`);
    await page.keyboard.press('Escape');
    try {
      await openFile(page, name, T);
    } catch (e2) {
      throw new Error(`UI: could not open ${name} through Quick Open (${failureLine(e2)})`);
    }
  }
}

async function until(page, what, probe, arg) {
  try {
    const handle = await page.waitForFunction(probe, arg, { timeout: T, polling: 100 });
    return handle.jsonValue();
  } catch (e) {
    const missing = await page.evaluate(() => window.__gongwenMissing).catch(() => undefined);
    throw new Error(`UI: timed out waiting for ${what}${missing ? ` [${missing}]` : ''} (${failureLine(e)})`);
  }
}

/**
 * Waits until every [name, line start, token start] is on screen and returns each token's colour by name; what
 * is missing when it times out is named in the error.
 */
function tokenColours(page, what, pairs) {
  return until(
    page,
    what,
    (pairs) => {
      const out = {};
      const views = [...document.querySelectorAll('.monaco-editor .view-line')];
      for (const [name, line, token] of pairs) {
        const row = views.find((v) => v.textContent.startsWith(line));
        const span = row && [...row.querySelectorAll('span > span')].find((s) => s.textContent.startsWith(token));
        if (!span) {
          window.__gongwenMissing = `${name}: ${row ? [...row.querySelectorAll('span > span')].map((s) => s.textContent).join('|') : 'no line'}`;
          return false;
        }
        out[name] = getComputedStyle(span).color;
      }
      return out;
    },
    pairs,
  );
}

export async function uiClient({ page, port, folder, shotsDir, log }) {
  const { shot, ok, checks } = uiRecorder({ page, shotsDir, log });

  await page.goto(workbenchUrl({ port, folder, extensionDevelopmentPath: repo, openFile: path.join(folder, EXAMPLE) }));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tabs-container .tab', { hasText: 'speech.txt' }).first().waitFor({ timeout: T });
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: T });

  // The Gongwen view container in the activity bar, with the 公文大纲 view.
  const activity = page.locator('.activitybar .action-item a[aria-label^="Gongwen"], .activitybar .action-item a[aria-label^="公文"]').first();
  await activity.waitFor({ timeout: T });
  await activity.click();
  // A wider side bar, so that the screenshots show whole headings.
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (bar) {
    await page.mouse.move(bar.x + bar.width - 1, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width + 160, bar.y + bar.height / 2, { steps: 8 });
    await page.mouse.up();
  }
  const rows = await until(page, 'the 公文大纲 rows', () => {
    const pane = [...document.querySelectorAll('.sidebar .pane')].find((p) => /公文大纲|Gongwen Outline/.test(p.querySelector('.pane-header')?.textContent ?? ''));
    const r = pane ? [...pane.querySelectorAll('.monaco-list-row')].map((x) => ({ level: x.getAttribute('aria-level'), text: x.innerText.replace(/\s+/g, ' ').trim() })) : [];
    return r.filter((x) => /^[一二三]、/.test(x.text)).length === 3 ? r : false;
  });
  const sections = rows.filter((r) => /^[一二三]、/.test(r.text));
  assert.equal(new Set(sections.map((r) => r.level)).size, 1, 'the three sections at one level');
  assert.match(sections[0].text, /^一、提高站位.*意义\s*\d+$/, `section 一 shows its problem count: ${sections[0].text}`);
  assert.ok(rows.some((r) => r.text.startsWith('（四）')), 'the （四） sub-item is listed');
  ok(`the 公文大纲 view lists ${rows.length} rows: ${sections.map((r) => r.text).join(' | ')}`);

  // Moving the cursor into （二） of section 二 selects it in the view.
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: T });
  await page.keyboard.type('27');
  await page.keyboard.press('Enter');
  await until(page, 'the item under the cursor selected', () =>
    [...document.querySelectorAll('.sidebar .monaco-list-row.selected')].some((r) => r.innerText.includes('（二）提升政务服务水平')),
  );
  ok('the item under the cursor is selected in the view');

  const status = await until(page, 'the Gongwen status bar item', () => {
    const item = [...document.querySelectorAll('.statusbar-item')].find((x) => /^(公文|Gongwen)\b/.test(x.innerText.trim()));
    return item ? item.innerText.replace(/\s+/g, ' ').trim() : false;
  });
  ok(`the status bar reads “${status}”`);
  await shot('client-outline');

  // Statistics of the example in a webview beside it.
  await runCommand(page, 'Gongwen: Show Statistics');
  await page.locator('.tabs-container .tab', { hasText: /statistics|统计/ }).first().waitFor({ timeout: T });
  const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe');
  await webview.locator('h1').first().waitFor({ timeout: T });
  const statsText = await webview.locator('body').innerText();
  assert.match(statsText, /outline-sequence/, 'the counts per code list outline-sequence');
  assert.match(statsText, /坚定不移/, 'the most used stock phrases include 坚定不移');
  ok('Show Statistics opens a webview with counts per code and the most used stock phrases');
  await shot('client-statistics');
  await runCommand(page, 'View: Close Editor');

  // A template from the palette: with no editor open it goes into a new untitled document.
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: T });
  await runCommand(page, 'Insert a Document Template…');
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '决议' }).first().waitFor({ timeout: T });
  await input.fill('tongzhi');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: '通知' }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  await until(page, 'the 通知 template in the editor', () => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-line')].map((l) => l.textContent);
    return lines.some((t) => t === '发文机关关于事由的通知') && lines.some((t) => t === '特此通知。');
  });
  // The first tab stop is selected: typing replaces it and the 署名 follows.
  await page.keyboard.type('北京市教育委员会');
  await until(page, 'the 发文机关 typed and mirrored', () => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-line')].map((l) => l.textContent);
    return lines.includes('北京市教育委员会关于事由的通知') && lines.includes('北京市教育委员会');
  });
  await page.keyboard.press('Tab');
  await until(page, 'the template in the 公文大纲 view', () =>
    [...document.querySelectorAll('.sidebar .monaco-list-row')].some((r) => r.innerText.includes('一、第一部分标题')),
  );
  ok('the 通知 template is inserted from the palette by pinyin, the 发文机关 mirrored into the 署名');
  await shot('client-template');

  // Typing the pinyin prefix in a plain-text document offers the template in the suggestions.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('tongzhi');
  const suggest = page.locator('.suggest-widget .monaco-list-row', { hasText: '公文模板：通知' }).first();
  try {
    await suggest.waitFor({ timeout: 5000 });
  } catch {
    await page.keyboard.press('Control+Space');
    await suggest.waitFor({ timeout: T });
  }
  ok('typing tongzhi suggests the 通知 template');
  await shot('client-snippet-suggest');
  await page.keyboard.press('Escape');

  // Highlighting: a .gw file opens in the gongwen language and its grammar colours the elements.
  writeFileSync(
    path.join(folder, 'notice.gw'),
    '京教发〔2024〕5号\n\n北京市教育委员会关于做好寒假安全工作的通知\n\n各区教委：\n\n为做好寒假安全工作，现将有关事项通知如下：\n\n' +
      '一、加强安全教育\n\n（一）开展主题班会。各校要在放假前组织一次。\n\n1.讲清防溺水要求。一是不私自下水，二是不结伴游泳。\n\n' +
      '二、落实值班制度\n\n各校要安排专人值守。\n\n特此通知。\n\n附件：1.寒假安全提示\n\n北京市教育委员会\n2024年1月10日\n\n抄送：市教育工会。\n',
  );
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don't Save|不保存/ });
  await dontSave.click({ timeout: 5000 }).catch(() => {});
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: T });
  await openFileRetrying(page, 'notice.gw', log);
  await until(page, 'the language indicator showing 公文', () =>
    [...document.querySelectorAll('.statusbar-item')].some((x) => x.innerText.trim().endsWith('公文') && !x.innerText.includes('✓')),
  );
  /** The colour of the token that starts with `start` on the line that starts with `line`, and of plain text on it. */
  const colours = await tokenColours(
    page,
    'coloured tokens',
    [
      ['plain', '各校要安排专人值守', '各校要安排专人值守'],
      ['addressee', '各区教委', '各区教委'],
      ['docNumber', '京教发', '京教发'],
      ['level1', '一、加强', '一、'],
      ['level2', '（一）开展', '（'],
      ['level3', '1.讲清', '1.'],
      ['series', '1.讲清', '一是'],
      ['date', '2024年1月10日', '2024年1月10日'],
      ['closing', '特此通知', '特此通知'],
      ['label', '附件', '附件'],
    ],
  );
  for (const k of Object.keys(colours)) if (k !== 'plain') assert.notEqual(colours[k], colours.plain, `${k} is coloured: ${JSON.stringify(colours)}`);
  ok(`a .gw file opens as 公文 and its grammar colours markers, 序次语, 发文字号, dates, labels and closing formula (${new Set(Object.values(colours)).size} colours)`);
  await until(page, 'the .gw file in the 公文大纲 view', () =>
    [...document.querySelectorAll('.sidebar .monaco-list-row')].some((r) => r.innerText.includes('一、加强安全教育')),
  );
  await shot('client-highlight');

  // In Markdown the same rules are injected into the prose (not into code blocks).
  await openFileRetrying(page, 'notes.md', log);
  const md = await tokenColours(
    page,
    'coloured tokens in Markdown',
    [
      ['plain', '（一）指导思想', '。坚持'],
      ['level1', '一、总体要求', '一、'],
      ['level2', '（一）指导思想', '（'],
      ['code', '（九）代码块', '（'],
    ],
  );
  assert.notEqual(md.level1, md.plain, `一、 coloured in Markdown: ${JSON.stringify(md)}`);
  assert.notEqual(md.level2, md.plain, `（一） coloured in Markdown: ${JSON.stringify(md)}`);
  assert.notEqual(md.code, md.level2, `（九） inside a code block is left to Markdown: ${JSON.stringify(md)}`);
  ok('in Markdown the markers are coloured by the injected grammar, code blocks are not');

  // The status bar item opens the Problems panel.
  await page.locator('.statusbar-item[id$="gongwen.status"]').first().click();
  await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: T });
  ok('clicking the status bar item opens the Problems panel');
  return checks;
}

async function main() {
  const runDir = makeRunDir();
  const server = await startCodeServer({ runDir, name: 'ui-client' });
  const context = await launchBrowser(runDir, 'ui-client');
  const shotsDir = path.join(repo, 'test/e2e/screenshots');
  const page = await context.newPage();
  try {
    const folder = makeWorkspace(runDir, 'workspace-ui-client');
    const checks = await withTimeout(uiClient({ page, port: server.port, folder, shotsDir, log: (m) => console.log(`  ${m}`) }), 240_000, 'the client UI test');
    log(`PASS ui-client: ${checks.length} checks`);
  } catch (e) {
    await page.screenshot({ path: path.join(shotsDir, 'client-failure.png') }).catch(() => {});
    log(`FAIL ui-client: ${failureLine(e)} (screenshot test/e2e/screenshots/client-failure.png)`);
    process.exitCode = 1;
  } finally {
    await context.close().catch(() => {});
    await server.stop();
    killAllSync();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
