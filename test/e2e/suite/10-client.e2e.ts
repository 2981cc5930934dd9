// The client's own features in a real VS Code: the 公文大纲 tree view on the bundled example, a template
// inserted with its tab stops, the status bar item, and the commands' effects on documents.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openFixture, openUntitled, ours, setting, waitFor, waitForDiagnostics } from './util';

interface Node {
  id: string;
  symbol: { name: string; level: number; kind?: string; detail: string; range: { start: { line: number }; end: { line: number } } };
  children: Node[];
  errors: number;
  warnings: number;
  others: number;
}

interface Api {
  outline: {
    nodes: readonly Node[];
    selected: Node[];
    whenFresh(): Promise<void>;
    documentUri?: vscode.Uri;
    getTreeItem(n: Node): vscode.TreeItem;
  };
  status: { text: string; visible: boolean; tooltip?: string };
  toggle: { received(uri: vscode.Uri): readonly vscode.Diagnostic[] };
}

async function api(): Promise<Api> {
  const ext = extension();
  const exports = (ext.isActive ? ext.exports : await ext.activate()) as Api;
  assert.ok(exports?.outline && exports.status, 'the extension exports its outline view and status item');
  return exports;
}

const zh = () => vscode.env.language.toLowerCase().startsWith('zh');
const count = (n: Node) => n.errors + n.warnings + n.others;

/** Today as GB/T 9704-2012 7.3.5.4 writes it: 2024年2月7日. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

suite('client: outline view, templates, status bar, commands', () => {
  suiteTeardown(closeAllEditors);

  test('the 公文大纲 view shows the example speech: three sections, their sub-items, and findings inside each', async () => {
    const { outline } = await api();
    const editor = await openFixture('examples/speech.txt');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'findings in the example');
    const items = () => outline.nodes.filter((n) => n.symbol.kind !== 'element');
    await waitFor(async () => {
      await outline.whenFresh();
      return outline.documentUri?.toString() === uri.toString() && items().length === 3;
    }, 'the outline of the example');
    assert.deepStrictEqual(
      items().map((n) => n.symbol.name),
      ['一、提高站位，充分认识优化营商环境的重要意义', '二、突出重点，扎实推进营商环境各项改革', '三、强化保障，确保各项任务落到实处'],
    );
    // The 公文 elements the server recognised frame the numbered tree: the title comes first.
    const elements = outline.nodes.filter((n) => n.symbol.kind === 'element');
    assert.strictEqual(elements[0]?.symbol.name, '在全区营商环境优化提升推进会上的讲话');
    assert.strictEqual(elements[0]?.symbol.detail, '标题');
    const first = items()[0];
    assert.deepStrictEqual(first.children.map((n) => n.symbol.name.slice(0, 3)), ['（一）', '（二）', '（四）']);
    assert.deepStrictEqual(items()[1].children[0].children.map((n) => n.symbol.name.slice(0, 2)), ['1.', '2.', '3、']);
    // Each count is the findings that start inside the item's section, as the Problems panel lists them.
    const ds = ours(uri);
    for (const n of [...outline.nodes, ...first.children]) {
      const inside = ds.filter((d) => d.range.start.line >= n.symbol.range.start.line && d.range.start.line <= n.symbol.range.end.line).length;
      assert.strictEqual(count(n), inside, `count of ${n.symbol.name}`);
    }
    // （四） after （二） is out of sequence: the item and its section's parent both count it.
    const four = first.children[2];
    assert.ok(count(four) >= 1 && count(first) >= count(four), `（四） carries its finding: ${count(four)}`);
  });

  test('clicking an item puts the cursor on its marker', async () => {
    const { outline } = await api();
    const editor = await openFixture('examples/speech.txt');
    await outline.whenFresh();
    const two = outline.nodes.find((n) => n.symbol.name.startsWith('二、'));
    assert.ok(two, 'the 二、 item');
    const item = outline.getTreeItem(two);
    assert.strictEqual(item.label, two.symbol.name);
    assert.ok(item.command, 'the item has a click command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const line = two.symbol.range.start.line;
    await waitFor(() => vscode.window.activeTextEditor?.selection.active.line === line, `the cursor on line ${line + 1}`);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.character, 0);
  });

  test('the item under the cursor is selected in the view as the cursor moves', async () => {
    const { outline } = await api();
    const editor = await openFixture('examples/speech.txt');
    await vscode.commands.executeCommand('gongwen.outline.focus');
    await vscode.window.showTextDocument(editor.document, { preview: false });
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('2.推行告知承诺制'));
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line, 3, line, 3);
    await waitFor(() => outline.selected.some((n) => n.symbol.name.startsWith('2.推行告知承诺制')), 'the 2. item selected');
    const next = editor.document.getText().split('\n').findIndex((l) => l.startsWith('三、'));
    editor.selection = new vscode.Selection(next + 2, 0, next + 2, 0);
    await waitFor(() => outline.selected.some((n) => n.symbol.name.startsWith('三、')), 'the 三、 item selected');
  });

  test('insert template 通知: elements in order, today’s date, Tab walks the placeholders and mirrors the 发文机关', async () => {
    const editor = await openUntitled('');
    const doc = editor.document;
    assert.ok(await vscode.commands.executeCommand('gongwen.insertTemplate', '通知'));
    const lines = doc.getText().split('\n');
    assert.strictEqual(lines[0], '发文机关关于事由的通知');
    assert.strictEqual(lines[2], '主送机关：');
    assert.ok(lines.includes('特此通知。'), 'closing formula');
    assert.ok(lines.includes('附件：1.附件名称'), '附件说明');
    const dateLine = lines.indexOf(today());
    assert.ok(dateLine > lines.indexOf('特此通知。'), `成文日期 ${today()} after the body:\n${doc.getText()}`);
    assert.strictEqual(lines[dateLine - 1], '发文机关', '署名 right above the date');
    // The first tab stop is selected: the 发文机关 of the title.
    assert.strictEqual(doc.getText(editor.selection), '发文机关');
    assert.strictEqual(editor.selection.start.line, 0);
    await vscode.commands.executeCommand('type', { text: '北京市教育委员会' });
    await waitFor(() => doc.lineAt(0).text === '北京市教育委员会关于事由的通知', 'the title typed');
    assert.strictEqual(doc.lineAt(dateLine - 1).text, '北京市教育委员会', 'the 署名 mirrors the 发文机关');
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.strictEqual(doc.getText(editor.selection), '事由');
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.strictEqual(doc.getText(editor.selection), '主送机关');
    // The inserted template is a clean 公文 for the checker.
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no findings in the template');
  });

  test('the status bar reads 公文 ✓ on a clean document and the counts otherwise', async () => {
    const { status } = await api();
    const name = zh() ? '公文' : 'Gongwen';
    const clean = await openUntitled('一、总体要求\n\n二、主要任务\n');
    await waitForDiagnostics(clean.document.uri, (ds) => ds.length === 0, 'a clean document checked');
    await waitFor(() => status.visible && status.text === `${name} ✓`, `status “${name} ✓”, now “${status.text}”`);
    const bad = await openUntitled('一、总体要求\n\n三、主要任务\n');
    const ds = await waitForDiagnostics(bad.document.uri, (d) => d.length > 0, 'a finding');
    const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    assert.ok(errors + warnings > 0);
    await waitFor(() => status.text === `${name} $(error) ${errors} $(warning) ${warnings}`, `status with the counts, now “${status.text}”`);
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await openFixture('other.ini');
    await waitFor(() => !status.visible, 'the item hidden for a document we do not check');
  });

  test('a document over gongwen.maxFileSize shows “checked on save only” in the status bar', async () => {
    const { status } = await api();
    await setting('gongwen', 'maxFileSize', 1); // KB
    try {
      const editor = await openUntitled('一、总体要求\n\n' + '全区各单位要认真落实本通知要求。'.repeat(40) + '\n');
      await waitFor(() => status.text.startsWith('$(history)'), `the on-save mark, now “${status.text}”`);
      await editor.edit((e) => e.delete(new vscode.Range(2, 0, 3, 0)));
      await waitFor(() => status.visible && !status.text.startsWith('$(history)'), `the mark gone once the document is small, now “${status.text}”`);
    } finally {
      await setting('gongwen', 'maxFileSize', undefined);
    }
  });

  test('toggle checking hides this document’s findings, and brings them back', async () => {
    const { status, toggle } = await api();
    const editor = await openUntitled('一、甲\n\n三、乙\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length > 0, 'a finding');
    assert.strictEqual(await vscode.commands.executeCommand('gongwen.toggleChecking'), false);
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'findings hidden');
    await waitFor(() => status.text.startsWith('$(circle-slash)'), 'the status shows checking off');
    // Edits while off stay silent.
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), '\n五、丙\n'));
    // Once the server has checked the edit (the middleware saw its 五、 finding), nothing is shown still.
    await waitFor(() => toggle.received(uri).some((d) => d.range.start.line >= 4), 'the server to check the edit');
    assert.deepStrictEqual(ours(uri), []);
    assert.strictEqual(await vscode.commands.executeCommand('gongwen.toggleChecking'), true);
    await waitForDiagnostics(uri, (ds) => ds.filter((d) => d.range.start.line >= 2).length >= 2, 'findings back, including the edit made while off');
  });

  test('copy and export outline give the 提纲; statistics count the findings per code', async () => {
    const editor = await openUntitled('关于开展安全检查的通知\n\n一、检查范围\n\n（一）学校。内容。\n\n（三）医院。内容。\n\n二、工作要求\n');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'the （三） finding');
    const copied = await vscode.commands.executeCommand<string>('gongwen.copyOutline');
    assert.strictEqual(copied, '一、检查范围\n\u3000\u3000（一）学校\n\u3000\u3000（三）医院\n二、工作要求');
    assert.strictEqual(await vscode.env.clipboard.readText(), copied);
    await vscode.window.showTextDocument(editor.document);
    const exported = await vscode.commands.executeCommand<vscode.TextDocument>('gongwen.exportOutline');
    assert.ok(exported && exported.getText().includes(copied), 'the exported document holds the outline');
    assert.ok(exported.getText().startsWith('关于开展安全检查的通知'), 'titled after the document');
    await vscode.window.showTextDocument(editor.document);
    const stats = await vscode.commands.executeCommand<{ codes: { code: string; count: number }[]; outlineItems: number }>('gongwen.showStatistics');
    assert.ok(stats, 'statistics returned');
    assert.strictEqual(stats.outlineItems, 4);
    const byCode = Object.fromEntries(stats.codes.map((c) => [c.code, c.count]));
    for (const d of ours(editor.document.uri)) assert.ok(byCode[String(typeof d.code === 'object' ? d.code.value : d.code)] > 0);
  });

  test('renumber from the palette fixes the outline of the active document', async () => {
    const editor = await openUntitled('一、甲\n\n（一）乙。内容。\n\n（三）丙。内容。\n\n三、丁\n');
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, 'findings');
    await vscode.commands.executeCommand('gongwen.renumberOutline');
    await waitFor(() => editor.document.getText() === '一、甲\n\n（一）乙。内容。\n\n（二）丙。内容。\n\n二、丁\n', 'the renumbered text');
  });

  test('restart server from the palette: findings keep following edits, the outline view keeps working', async () => {
    const { outline } = await api();
    const editor = await openUntitled('一、甲\n\n二、乙\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (ds) => ds.length === 0, 'a clean document');
    await vscode.commands.executeCommand('gongwen.restartServer');
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), '\n四、丙\n'));
    await waitForDiagnostics(uri, (ds) => ds.some((d) => d.range.start.line === 4), 'the 四、 finding from the new server');
    await waitFor(async () => {
      await outline.whenFresh();
      return outline.nodes.filter((n) => n.symbol.kind !== 'element').map((n) => n.symbol.name).join(' ') === '一、甲 二、乙 四、丙';
    }, 'the outline from the new server');
  });

  test('a .gw file opens as the gongwen language and is checked', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'gongwen', content: '一、甲\n\n三、乙\n' });
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'gongwen');
    await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => d.range.start.line === 2), 'the 三、 finding in a gongwen document');
    const langs = await vscode.languages.getLanguages();
    assert.ok(langs.includes('gongwen'));
  });
});
