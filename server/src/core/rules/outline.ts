// Outline numbering by GB/T 9704-2012 7.3.3: 一、 → （一） → 1. → （1）, with ① as a fifth level by practice.
import { MarkerKind, OutlineMarker, expectedPunct } from '../markers';
import type { OutlineNode } from '../model';
import { toChineseNumeral, toCircled } from '../numerals';
import { finding, type Finding, type Fix, type TextEdit } from '../types';
import { memoFor, PartMemo, RuleContext, RuleFamily } from './api';

const STD = 'GB/T 9704-2012 7.3.3';

export function renderMarker(kind: MarkerKind, value: number, m?: OutlineMarker): string {
  switch (kind) {
    case 'cn':
      return toChineseNumeral(value) + '、';
    case 'paren-cn':
      return '（' + toChineseNumeral(value) + '）';
    case 'arabic':
      return value + (m?.punct?.text === '．' ? '．' : '.');
    case 'paren-arabic':
      return '（' + value + '）';
    case 'circled':
      return toCircled(value) ?? String(value);
  }
}

/** The numeral as it should read for a value, in the marker's own numeral style. */
export function renderNumeral(kind: MarkerKind, value: number): string | undefined {
  if (kind === 'cn' || kind === 'paren-cn') return toChineseNumeral(value);
  if (kind === 'circled') return toCircled(value);
  return String(value);
}

/** How a marker reads once its marks are right (used in messages). */
export function canonical(m: OutlineMarker): string {
  return renderMarker(m.kind, m.value, m);
}

/** The edit that gives a marker a new number, touching only its numeral. */
export function renumberEdit(ctx: RuleContext, m: OutlineMarker, value: number): TextEdit | undefined {
  const text = renderNumeral(m.kind, value);
  const numeral = m.numeral;
  if (text === undefined || text === numeral.text) return undefined;
  // Markers read at most two digits (100. is a number in text, not an item) and Chinese numerals without 千:
  // writing 100 or 一千 would take the item out of the outline and leave the next renumbering another list.
  if ((m.kind === 'arabic' || m.kind === 'paren-arabic') && value > 99) return undefined;
  if ((m.kind === 'cn' || m.kind === 'paren-cn') && value > 999) return undefined;
  return { range: ctx.doc.range(m.line, numeral.start, numeral.end), newText: text };
}

/** Sibling groups: children of one parent at one level, in document order. Computed once per model. */
export function siblingGroups(ctx: RuleContext): OutlineNode[][] {
  let groups = groupsOf.get(ctx.doc);
  if (groups) return groups;
  groups = [];
  const out = groups;
  const visit = (children: OutlineNode[]) => {
    if (!children.length) return;
    // Nearly always the children share one level: no map needed then.
    const level = children[0].level;
    if (children.every((c) => c.level === level)) out.push(children);
    else {
      const byLevel = new Map<number, OutlineNode[]>();
      for (const c of children) {
        let g = byLevel.get(c.level);
        if (!g) byLevel.set(c.level, (g = []));
        g.push(c);
      }
      for (const g of byLevel.values()) out.push(g);
    }
    for (const c of children) visit(c.children);
  };
  visit(ctx.doc.outline);
  groupsOf.set(ctx.doc, groups);
  return groups;
}
const groupsOf = new WeakMap<object, OutlineNode[][]>();

/**
 * Where an item's number continues a list that a higher-level item interrupted (1. 2. （一） 3.), the list
 * goes on across it: returns the value the group should start from and the interrupting markers.
 */
export function findInversions(ctx: RuleContext): Map<OutlineNode, { start: number; inverted: OutlineNode[] }> {
  const out = new Map<OutlineNode, { start: number; inverted: OutlineNode[] }>();
  const nodes = ctx.doc.nodes;
  const firsts = new Set(siblingGroups(ctx).map((g) => g[0]));
  const lastOfKind = new Map<MarkerKind, number>();
  nodes.forEach((n, idx) => {
    const prevIdx = lastOfKind.get(n.marker.kind);
    lastOfKind.set(n.marker.kind, idx);
    if (prevIdx === undefined || n.marker.value < 2 || !firsts.has(n)) return;
    const prev = nodes[prevIdx];
    if (prev.marker.value !== n.marker.value - 1 || idx === prevIdx + 1) return;
    // Every item in between sits below prev's parent (loops, not slices: this runs for every such item).
    const parentLevel = prev.parent ? prev.parent.level : 0;
    for (let k = prevIdx + 1; k < idx; k++) if (nodes[k].level <= parentLevel) return;
    const inverted: OutlineNode[] = [];
    for (let k = prevIdx + 1; k < idx; k++) if (nodes[k].level < n.level) inverted.push(nodes[k]);
    out.set(n, { start: n.marker.value, inverted });
  });
  return out;
}

const DOT = 0x2e; // .
const WIDE_DOT = 0xff0e; // ．
const WIDE_OPEN = 0xff08; // （
const WIDE_CLOSE = 0xff09; // ）

const checked: PartMemo<object> = new WeakMap();

/**
 * The outline's findings. They are read from the markers up to their titles and from the tree, which the
 * markers' lines and levels make: kept with the model's token for that (outlineShape, memoFor).
 */
function check(ctx: RuleContext): Finding[] {
  const { outlineLevelSkip, outlineProfile } = ctx.options;
  return memoFor(checked, ctx.doc.outlineShape, `${ctx.t('zh', 'en')} ${outlineLevelSkip} ${outlineProfile}`, () => checkOutline(ctx));
}

function checkOutline(ctx: RuleContext): Finding[] {
  const { doc, t } = ctx;
  const out: Finding[] = [];

  // Marks after the numeral, and bracket widths.
  let dots = 0;
  let wideDots = 0;
  for (const m of doc.markers) {
    const want = expectedPunct(m.kind);
    // The mark's character code first (reading it as a string would make one for a full-width mark): its span
    // is made only for a marker that gets a finding.
    const pc = m.punctCol;
    const code = pc < 0 ? -1 : m.prose.charCodeAt(pc);
    if (m.kind === 'arabic' && pc >= 0 && (code === DOT || code === WIDE_DOT)) {
      if (code === DOT) dots++;
      else wideDots++;
    } else if (pc >= 0 && (want.length !== 1 || code !== want.charCodeAt(0))) {
      const p = m.punct!;
      const shown = p.text === ' ' ? t('空格', 'a space') : p.text === '\u3000' ? t('全角空格', 'a full-width space') : `“${p.text}”`;
      const right = canonical(m);
      const fix: Fix = {
        title: want ? t(`将“${p.text.trim() || '空格'}”改为“${want}”`, `Replace "${p.text}" with "${want}"`) : t(`删除序号后的“${p.text}”`, `Delete "${p.text}" after the marker`),
        edits: [{ range: doc.range(m.line, p.start, p.end), newText: want }],
        preferred: true,
      };
      out.push(finding({
        code: 'outline-marker-punct',
        severity: 'warning',
        range: doc.range(m.line, m.start, m.end),
        message: want
          ? t(`结构层次序数“${m.numeral.text}”后用了${shown}，应为“${right}”（${STD}）。`, `Outline marker "${m.numeral.text}" is followed by ${shown}; write "${right}" (${STD}).`)
          : t(`结构层次序数“${right}”后不应再加${shown}（${STD}）：删去即可。`, `No mark belongs after "${right}" (${STD}); delete ${shown}.`),
        fixes: [fix],
      }));
    }
    // (A marker's spans are cut from its line when asked for: only a marker with a finding asks.)
    const oc = m.openCol;
    if (oc >= 0 && (m.prose.charCodeAt(oc) !== WIDE_OPEN || m.prose.charCodeAt(m.closeCol) !== WIDE_CLOSE)) {
      const open = m.open!;
      const close = m.close!;
      const right = canonical(m);
      const edits: TextEdit[] = [];
      if (open.text !== '（') edits.push({ range: doc.range(m.line, open.start, open.end), newText: '（' });
      if (close.text !== '）') edits.push({ range: doc.range(m.line, close.start, close.end), newText: '）' });
      out.push(finding({
        code: 'outline-paren-width',
        severity: 'warning',
        range: doc.range(m.line, open.start, close.end),
        message: t(
          `结构层次序数的括号应为全角“（ ）”：写作“${right}”（${STD}；GB/T 15834-2011 括号用法）。`,
          `Outline marker brackets must be full-width: write "${right}" (${STD}; GB/T 15834-2011).`,
        ),
        fixes: [{ title: t(`改为全角括号“${right}”`, `Use full-width brackets "${right}"`), edits, preferred: true }],
      }));
    }
  }
  if (dots && wideDots) {
    const minority = wideDots <= dots ? '．' : '.';
    const majority = minority === '.' ? '．' : '.';
    for (const m of doc.markers) {
      if (m.kind !== 'arabic' || m.punct?.text !== minority) continue;
      out.push(finding({
        code: 'outline-marker-punct',
        severity: 'warning',
        range: doc.range(m.line, m.start, m.end),
        message: t(
          `本文第三层序号多用“${majority}”，此处用了“${minority}”：全文应统一（${STD}）。`,
          `Level-3 markers in this document mostly use "${majority}"; this one uses "${minority}". Use one form throughout (${STD}).`,
        ),
        fixes: [{ title: t(`改为“${majority}”`, `Use "${majority}"`), edits: [{ range: doc.range(m.line, m.punct.start, m.punct.end), newText: majority }], preferred: true }],
      }));
    }
  }

  // Order of siblings, inverted nesting.
  const inversions = findInversions(ctx);
  const reportedInverted = new Set<OutlineNode>();
  for (const [, inv] of inversions) {
    for (const b of inv.inverted) {
      if (reportedInverted.has(b)) continue;
      reportedInverted.add(b);
      const m = b.marker;
      out.push(finding({
        code: 'outline-level-order',
        severity: 'warning',
        range: doc.range(m.line, m.start, m.end),
        message: t(
          `层次倒置：高一层的“${canonical(m)}”出现在下一层的列表中间（前后的序号仍在接续）。层次应依次为 一、→（一）→1.→（1）（${STD}）。`,
          `Inverted levels: the higher-level "${canonical(m)}" sits inside a lower-level list that continues after it. Levels go 一、→（一）→1.→（1） (${STD}).`,
        ),
      }));
    }
  }
  const groups = siblingGroups(ctx);
  // Each item's place among its same-level siblings, computed once: looking it up per list with indexOf over
  // the parent's siblings was quadratic (25,000 top-level items with sublists took 88 s).
  const siblingIndex = new Map<OutlineNode, number>();
  for (const g of groups) g.forEach((n, i) => siblingIndex.set(n, i));
  for (const group of groups) {
    const first = group[0];
    const start = inversions.get(first)?.start ?? 1;
    // Most lists are numbered right: nothing to build for them.
    let wrong = false;
    for (let i = 0; i < group.length && !wrong; i++) wrong = group[i].marker.value !== start + i;
    if (!wrong) continue;
    const edits: TextEdit[] = [];
    group.forEach((n, i) => {
      const e = renumberEdit(ctx, n.marker, start + i);
      if (e) edits.push(e);
    });
    const firstLineOf = new Map<number, number>();
    group.forEach((n, i) => {
      const want = start + i;
      const m = n.marker;
      const seenAt = firstLineOf.get(m.value);
      if (seenAt === undefined) firstLineOf.set(m.value, n.line);
      if (m.value === want) return;
      const right = renderMarker(m.kind, want, m);
      let why: string;
      let whyEn: string;
      if (i === 0) {
        const idx = n.parent ? siblingIndex.get(n.parent) ?? -1 : -1;
        if (idx > 0) {
          why = `新的上级条目下，本层序号应从“${right}”重新开始`;
          whyEn = `under a new parent item this level restarts at "${right}"`;
        } else {
          why = `本层第一项应为“${right}”`;
          whyEn = `the first item of this level is "${right}"`;
        }
      } else {
        const prev = group[i - 1].marker;
        if (seenAt !== undefined) {
          why = `序号重复：“${canonical(m)}”已在第 ${seenAt + 1} 行使用，此处应为“${right}”`;
          whyEn = `repeated number: "${canonical(m)}" is already used on line ${seenAt + 1}; this one is "${right}"`;
        } else if (m.value > want) {
          why = `序号不连续：上一项为“${canonical(prev)}”，此处应为“${right}”`;
          whyEn = `a gap: the previous item is "${canonical(prev)}", so this one is "${right}"`;
        } else {
          why = `序号顺序错误：上一项为“${canonical(prev)}”，此处应为“${right}”`;
          whyEn = `out of order: the previous item is "${canonical(prev)}", so this one is "${right}"`;
        }
      }
      out.push(finding({
        code: 'outline-sequence',
        severity: 'error',
        range: doc.range(m.line, m.start, m.end),
        message: t(`${why}（${STD}）。`, `Outline numbering: ${whyEn} (${STD}).`),
        fixes: edits.length ? [{ title: t('重新编排本组序号', 'Renumber this list'), edits, preferred: true }] : undefined,
        related: i > 0 ? [{ range: doc.range(group[i - 1].line, group[i - 1].marker.start, group[i - 1].marker.end), message: t('上一项', 'previous item') }] : undefined,
      }));
    });
  }

  // Levels used in order.
  if (ctx.options.outlineLevelSkip) {
    for (const group of siblingGroups(ctx)) {
      const n = group[0];
      if (!n.parent || n.level > 4 || n.level - n.parent.level < 2 || inversions.has(n)) continue;
      if (ctx.options.outlineProfile === 'two-level' && n.parent.level === 1 && n.level === 3) continue;
      const m = n.marker;
      const between = ['一、', '（一）', '1.', '（1）'].slice(n.parent.level, n.level - 1).join('、');
      out.push(finding({
        code: 'outline-level-skip',
        severity: 'information',
        range: doc.range(m.line, m.start, m.end),
        message: t(
          `层次跳级：“${canonical(m)}”直接用在“${canonical(n.parent.marker)}”之下，中间缺少“${between}”一层。GB/T 9704-2012 7.3.3 规定层次依次使用；只有两层的短文惯例上可用 一、→1.，可在设置中关闭此检查。`,
          `Skipped level: "${canonical(m)}" sits directly under "${canonical(n.parent.marker)}" without the "${between}" level. GB/T 9704-2012 7.3.3 uses the levels in order; short two-level documents often go 一、→1. by practice — turn this check off in the settings if yours does.`,
        ),
      }));
    }
  }
  return out;
}

export const outlineRules: RuleFamily = {
  name: 'outline',
  codes: [
    { code: 'outline-marker-punct', severity: 'warning', zh: '结构层次序数后的标点不对（一、 （一） 1. （1））', en: 'Wrong mark after an outline number (一、 （一） 1. （1））' },
    { code: 'outline-paren-width', severity: 'warning', zh: '结构层次序数用了半角或不成对的括号', en: 'Half-width or mismatched brackets in an outline number' },
    { code: 'outline-sequence', severity: 'error', zh: '结构层次序数跳号、重复或未从头编号', en: 'Outline numbers skip, repeat or do not restart' },
    { code: 'outline-level-skip', severity: 'information', zh: '结构层次跳级使用（如 一、 下直接用 1.）', en: 'An outline level is skipped (1. directly under 一、)' },
    { code: 'outline-level-order', severity: 'warning', zh: '结构层次倒置（如 1. 列表中间出现 （一））', en: 'Inverted outline levels (（一） inside a 1. list)' },
  ],
  check,
};
