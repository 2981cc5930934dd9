// Character tests by UTF-16 code unit, shared by the model and the rules.

/**
 * Whether a UTF-16 code unit is white space as /\s/ reads it (U+3000, U+00A0 and U+FEFF included), without
 * the one-character string that testing /\s/ on `s[i]` makes for each character outside Latin-1.
 */
export function isSpace(c: number): boolean {
  if (c <= 0xa0) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
  return c === 0x3000 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}
