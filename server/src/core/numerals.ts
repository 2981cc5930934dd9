// Chinese numerals as used in outline markers and 序次语 (一 … 九十九, 一百 …).

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** Parses a Chinese numeral such as 十一, 二十, 一百零五. Returns undefined for malformed input. */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== undefined) return undefined; // two digits in a row: 二三
      const d = DIGITS[ch];
      if (d === 0) {
        if (total === 0) return undefined; // a leading zero
        continue; // 一百零五
      }
      digit = d;
    } else if (ch in UNITS) {
      const u = UNITS[ch];
      if (u >= lastUnit) return undefined; // 十十, 十百
      if (digit === undefined) {
        if (u === 10 && total === 0) digit = 1; // 十一
        else return undefined;
      }
      total += digit * u;
      digit = undefined;
      lastUnit = u;
    } else {
      return undefined;
    }
  }
  if (digit !== undefined) total += digit;
  return total > 0 ? total : undefined;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Renders 1 … 9999 as a Chinese numeral: 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0) return String(n);
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 100) return CN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? CN_DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    const head = CN_DIGITS[Math.floor(n / 100)] + '百';
    if (rest === 0) return head;
    if (rest < 10) return head + '零' + CN_DIGITS[rest];
    return head + (rest < 20 ? '一' + toChineseNumeral(rest) : toChineseNumeral(rest));
  }
  if (n < 10000) {
    const rest = n % 1000;
    const head = CN_DIGITS[Math.floor(n / 1000)] + '千';
    if (rest === 0) return head;
    return head + (rest < 100 ? '零' : '') + toChineseNumeral(rest).replace(/^十/, rest < 100 ? '一十' : '十');
  }
  return String(n);
}

/**
 * The value of a circled number ①…⑳ ㉑…㉟ ㊱…㊿ (a fifth outline level by practice), given as its UTF-16 code
 * unit (each is one), or undefined for any other unit.
 */
export function circledValue(c: number): number | undefined {
  if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;
  if (c >= 0x3251 && c <= 0x325f) return c - 0x3251 + 21;
  if (c >= 0x32b1 && c <= 0x32bf) return c - 0x32b1 + 36;
  return undefined;
}

export function toCircled(n: number): string | undefined {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return undefined;
}
