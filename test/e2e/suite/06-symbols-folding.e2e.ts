// Document symbols (Outline view, breadcrumbs, Go to Symbol) and folding ranges follow the 公文 outline.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, openFixture } from './util';
import { EXAMPLE } from './02-diagnostics.e2e';

async function symbols(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  // The provider answers once the server is up; ask until it does.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    if (result?.length) return result;
    if (Date.now() > deadline) throw new Error('no document symbols within 15 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('document symbols and folding', () => {
  suiteTeardown(closeAllEditors);

  test('the example has three level-1 sections with their sub-items', async () => {
    const editor = await openFixture(EXAMPLE);
    const all = await symbols(editor.document.uri);
    // 公文 elements (标题, 主送机关, 成文日期 …) frame the 正文 tree as Key symbols; the tree is the rest.
    const elements = all.filter((s) => s.kind === vscode.SymbolKind.Key);
    const syms = all.filter((s) => s.kind !== vscode.SymbolKind.Key);
    assert.ok(elements.some((e) => e.range.start.line === 0), `the title is an element: ${elements.map((e) => e.name).join(' | ')}`);
    assert.deepStrictEqual(
      syms.map((s) => s.name),
      ['一、提高站位，充分认识优化营商环境的重要意义', '二、突出重点，扎实推进营商环境各项改革', '三、强化保障，确保各项任务落到实处'],
    );
    assert.deepStrictEqual(
      syms.map((s) => s.selectionRange.start.line),
      [7, 17, 30],
    );
    const [one, two, three] = syms;
    assert.deepStrictEqual(
      one.children.map((c) => c.name),
      ['（一）这是推动高质量发展的必然要求', '（二）这是回应企业期盼的现实需要', '（四）这是转变干部作风的有效抓手'],
    );
    assert.deepStrictEqual(two.children.map((c) => c.name.slice(0, 3)), ['(一)', '（二）', '（三）']);
    assert.deepStrictEqual(two.children[0].children.map((c) => c.name), ['1.压减审批时限', '2.推行告知承诺制', '3、推进“一网通办”']);
    assert.deepStrictEqual(three.children, [], '一是/二是 are series connectors, not outline items');
    // A section spans up to the next one and contains its children.
    assert.ok(one.range.start.line === 7 && one.range.end.line >= 15 && one.range.end.line < 17, `range of 一、: ${one.range.start.line}-${one.range.end.line}`);
    for (const s of syms) for (const c of s.children) assert.ok(s.range.contains(c.range), `${c.name} inside ${s.name}`);
    assert.ok(one.selectionRange.start.character === 0 && one.selectionRange.end.line === 7);
  });

  test('folding ranges cover each multi-line section', async () => {
    const editor = await openFixture(EXAMPLE);
    const uri = editor.document.uri;
    const deadline = Date.now() + 15_000;
    let ranges: vscode.FoldingRange[] = [];
    while (!ranges.length) {
      ranges = (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri)) ?? [];
      if (!ranges.length) {
        if (Date.now() > deadline) throw new Error('no folding ranges within 15 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const starts = new Map(ranges.map((r) => [r.start, r.end]));
    for (const line of [7, 17, 21, 30]) assert.ok(starts.has(line), `a folding range starts at line ${line + 1}; got ${[...starts.keys()].join(',')}`);
    assert.ok(starts.get(7)! >= 15 && starts.get(7)! < 17, `一、 folds to line ${starts.get(7)}`);
    assert.ok(starts.get(21)! >= 24, `(一) folds over its items 1.–3、 (to ${starts.get(21)})`);
  });
});
