// Typing into a private copy of a document, to get V8 to compile the code that checks a keystroke before the
// writer's own first keystrokes need it.
//
// The first check of a document runs the whole-document paths; typing runs others (the model lending its
// unchanged lines, each check keeping what the edit left alone, the diagnostics reused and encoded). V8 runs
// those in its interpreter until they have run often enough to be optimised, so the first ten to fifteen
// keystrokes after a document is opened cost two to four times what the later ones do (100 KB bench
// document: 160 ms of server time over the first fifteen keystrokes against 45 ms over fifteen later ones).
// Typing into a copy in the pauses after the first check compiles that code while the writer is still reading.
import { GwDocument } from './core';
import type { DocFormat } from './core/model';

/**
 * Simulated keystrokes. Server time over the first fifteen real keystrokes at 100 KB: 160 ms without a warm-up,
 * ~85 ms after 24 simulated ones, ~75 ms after 60.
 */
export const WARM_KEYSTROKES = 40;
/** Documents shorter than this (UTF-16 code units) are checked fast enough cold: no warm-up for them. */
export const WARM_MIN_LENGTH = 20_000;
/** About this much of the document is copied, whole lines around its middle: each step stays short. */
const WARM_WINDOW = 100_000;
/** What the copy is typed with: ordinary prose with a stock phrase and a half-width comma, so findings change. */
const TYPED = '各单位要结合实际,抓好落实，确保各项任务按时完成。';

/**
 * A warm-up on `text`, one step per call, to be run one per idle turn: the first step checks the copy whole
 * (as opening it does); each later one types a character at the end of a prose line near its middle (three
 * in, one out: backspace too) and hands the new model to `check`. A step returns whether another is due: none
 * after the first when the text is too short or has no line of prose to type into.
 */
export function typingWarmUp(text: string, format: DocFormat, uri: string, check: (doc: GwDocument) => void, keystrokes = WARM_KEYSTROKES): () => boolean {
  let copy = '';
  let doc: GwDocument | undefined;
  let at = -1;
  let typed = '';
  let k = 0;
  return () => {
    if (!doc) {
      if (text.length < WARM_MIN_LENGTH) return false;
      copy = windowOf(text);
      doc = new GwDocument(copy, format, uri);
      check(doc);
      const line = typingLine(doc);
      if (!line) return false;
      at = line.start + line.text.length;
      return k < keystrokes;
    }
    typed = k % 4 === 3 ? typed.slice(0, -1) : typed + TYPED[typed.length % TYPED.length];
    doc = new GwDocument(copy.slice(0, at) + typed + copy.slice(at), format, uri, doc);
    check(doc);
    return ++k < keystrokes;
  };
}

/**
 * Whole lines of `text` around its middle: those that hold a code unit within WARM_WINDOW / 2 of it (the whole
 * text if it is no longer than WARM_WINDOW).
 */
function windowOf(text: string): string {
  if (text.length <= WARM_WINDOW) return text;
  const mid = text.length >> 1;
  const from = text.lastIndexOf('\n', mid - (WARM_WINDOW >> 1)) + 1;
  const nl = text.indexOf('\n', mid + (WARM_WINDOW >> 1));
  return text.slice(from, nl < 0 ? text.length : nl);
}

/**
 * A line of prose (20 characters or more) nearest after the middle of `doc`, or before it: one that is not a
 * numbered item if there is one, else an item with a long title (a draft may number every paragraph).
 */
function typingLine(doc: GwDocument) {
  const n = doc.lines.length;
  for (const items of [false, true]) {
    const fits = (i: number) => !doc.lines[i].blank && doc.lines[i].prose.trim().length >= 20 && (items || !doc.lineMarkers[i]);
    for (let i = n >> 1; i < n; i++) if (fits(i)) return doc.lines[i];
    for (let i = (n >> 1) - 1; i >= 0; i--) if (fits(i)) return doc.lines[i];
  }
  return undefined;
}
