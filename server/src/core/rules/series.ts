// 序次语 series: one connector per series, numbers in order.
import { LAST, ORDINAL_FOLLOW, renderItem, Series, SeriesItem, SeriesKind } from '../series-model';
import { finding, type Finding, type Fix, type TextEdit } from '../types';
import { lineCaches } from '../cache';
import { memoFor, PartMemo, RuleContext, RuleFamily } from './api';

const PRACTICE = '惯例';
const PRACTICE_EN = 'common practice';

function itemRange(ctx: RuleContext, it: SeriesItem) {
  return ctx.doc.range(it.line, it.start, it.end);
}

function edit(ctx: RuleContext, it: SeriesItem, kind: SeriesKind, value: number): TextEdit | undefined | null {
  let text = renderItem(kind, value);
  if (text === undefined) return null; // cannot be written in that style
  // 第二 and 其二 need a mark after them (二是加强 → 第二，加强): without one they read as words, and the item
  // would drop out of its series once fixed.
  if ((kind === 'di' || kind === 'qi') && !ORDINAL_FOLLOW.test(ctx.doc.lines[it.line].prose.slice(it.end, it.end + 1))) text += '，';
  if (text === it.text) return undefined;
  return { range: itemRange(ctx, it), newText: text };
}

/** Edits that rewrite items into one style and numbers; undefined when some item cannot be written so. */
function rewrite(ctx: RuleContext, items: SeriesItem[], kindOf: (it: SeriesItem) => SeriesKind, valueOf: (it: SeriesItem, i: number) => number): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (let i = 0; i < items.length; i++) {
    const e = edit(ctx, items[i], kindOf(items[i]), valueOf(items[i], i));
    if (e === null) return undefined;
    if (e) edits.push(e);
  }
  return edits;
}

const expected = (it: SeriesItem, i: number) => (it.value === LAST ? LAST : i + 1);

/** The form each item should take: the opener's, where it can count that far; the item's own otherwise. */
function targetKinds(s: Series): Map<SeriesItem, SeriesKind> {
  const openerKind = s.items[0].kind;
  const target = new Map<SeriesItem, SeriesKind>();
  s.items.forEach((it, i) => target.set(it, renderItem(openerKind, expected(it, i)) !== undefined ? openerKind : it.kind));
  return target;
}

/**
 * The renumbering of a series as the renumber command writes it: every item in its target form, counting
 * 1, 2, 3. Items that cannot be written so are left alone. The same edits as series-sequence's fix: a
 * mixed series renumbered in each item's own form could turn 其次 into 再次, which is no item outside a 首先
 * series, and break the series it was meant to order.
 */
export function renumberSeries(ctx: RuleContext, s: Series): TextEdit[] {
  const target = targetKinds(s);
  const edits: TextEdit[] = [];
  s.items.forEach((it, i) => {
    const e = edit(ctx, it, target.get(it)!, expected(it, i));
    if (e) edits.push(e);
  });
  return edits;
}

function checkSeries(ctx: RuleContext, s: Series, out: Finding[]): void {
  const { t } = ctx;
  const opener = s.items[0];
  const openerKind = opener.kind;
  // Where the series is headed: every item in the opener's form with its number in order (in its own form
  // where the opener's cannot count that far). The preferred fixes of both codes write exactly this, so
  // fix-all reaches it in one run whichever fix it takes first: a style fix that kept a wrong number (四是 →
  // 其四) and a renumbering that kept a wrong form (四是 → 二是) used to collide and leave work for a second run.
  const target = targetKinds(s);
  s.items.forEach((it, i) => {
    if (it.kind === openerKind) return;
    // The same edit as the renumbering's for this item when the opener's form can count to it.
    const right = target.get(it) === openerKind ? edit(ctx, it, openerKind, expected(it, i)) : undefined;
    const e = right ?? edit(ctx, it, openerKind, it.value);
    const same = renderItem(openerKind, right ? expected(it, i) : it.value);
    const fixes: Fix[] = [];
    if (e && same) {
      fixes.push({ title: t(`改为“${same}”，与本组一致`, `Change to "${same}" to match the series`), edits: [e], preferred: !!right });
    }
    const all = rewrite(ctx, s.items, () => it.kind, (x) => x.value);
    if (all && all.length) {
      const eg = renderItem(it.kind, 1) ?? it.text;
      fixes.push({ title: t(`全组统一为“${eg}”式`, `Rewrite the whole series in the "${eg}" style`), edits: all });
    }
    out.push(finding({
      code: 'series-style',
      severity: 'warning',
      range: itemRange(ctx, it),
      message: t(
        `序次语混用：本组以“${opener.text}”开头（第 ${opener.line + 1} 行），此处却用“${it.text}”。同一组序次语应统一用一种形式（“一是、二是”“第一、第二”“其一、其二”“首先、其次”不可混用；${PRACTICE}）${same ? `，此处应为“${same}”` : ''}。`,
        `Mixed ordinal connectors: this series opens with "${opener.text}" (line ${opener.line + 1}) but this item uses "${it.text}". Keep one form per series (${PRACTICE_EN})${same ? `; write "${same}"` : ''}.`,
      ),
      fixes: fixes.length ? fixes : undefined,
      related: [{ range: itemRange(ctx, opener), message: t('本组第一项', 'first item of the series') }],
    }));
  });

  const renumber = s.items.length > 1 ? rewrite(ctx, s.items, (x) => target.get(x)!, expected) : undefined;
  const unifies = s.items.some((x) => x.kind !== target.get(x));
  const seen = new Set<number>();
  s.items.forEach((it, i) => {
    const want = expected(it, i);
    const repeated = seen.has(it.value);
    seen.add(it.value);
    if (it.value === want) return;
    const right = renderItem(it.kind, want);
    let msg: string;
    let en: string;
    if (i === 0) {
      const first = renderItem(it.kind, 1) ?? '';
      msg = `“${it.text}”之前没有“${first}”：一组序次语应从“${first}”开始`;
      en = `"${it.text}" has no "${first}" before it: a series starts with "${first}"`;
    } else if (repeated) {
      msg = `序次语重复：本组已有“${it.text}”${right ? `，此处应为“${right}”` : ''}`;
      en = `Repeated ordinal: the series already has "${it.text}"${right ? `; this one is "${right}"` : ''}`;
    } else {
      const prev = s.items[i - 1];
      msg = `序次语不连续：上一项为“${prev.text}”${right ? `，此处应为“${right}”` : ''}`;
      en = `The series skips: the previous item is "${prev.text}"${right ? `; this one is "${right}"` : ''}`;
    }
    out.push(finding({
      code: 'series-sequence',
      severity: 'warning',
      range: itemRange(ctx, it),
      message: t(`${msg}（${PRACTICE}）。`, `${en} (${PRACTICE_EN}).`),
      fixes:
        renumber && renumber.length
          ? [{ title: unifies ? t('按顺序重排本组序次语并统一形式', 'Renumber this series in one form') : t('按顺序重排本组序次语', 'Renumber this series'), edits: renumber, preferred: true }]
          : undefined,
      related: i > 0 ? [{ range: itemRange(ctx, s.items[i - 1]), message: t('上一项', 'previous item') }] : undefined,
    }));
  });
}

const checked: PartMemo<Series> = new WeakMap();

/**
 * The series' findings. Each series' are read from it and its items' lines alone, so kept with it while
 * typing (memoFor): the model hands over the previous version's series of the blocks an edit left alone.
 */
function check(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const key = ctx.t('zh', 'en');
  for (const s of ctx.doc.series) {
    if (!lineCaches.enabled) checkSeries(ctx, s, out);
    else {
      const found = memoFor(checked, s, key, () => {
        const own: Finding[] = [];
        checkSeries(ctx, s, own);
        return own;
      });
      for (let i = 0; i < found.length; i++) out.push(found[i]);
    }
  }
  return out;
}

export const seriesRules: RuleFamily = {
  name: 'series',
  codes: [
    { code: 'series-style', severity: 'warning', zh: '同一组序次语混用不同形式（一是、二是、三要）', en: 'One series mixes ordinal forms (一是、二是、三要)' },
    { code: 'series-sequence', severity: 'warning', zh: '序次语跳号、重复或缺少开头', en: 'An ordinal series skips, repeats or lacks its first item' },
  ],
  check,
};
