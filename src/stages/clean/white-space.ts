// JavaScript's white space (what /\s/ matches and String.prototype.trim removes), tested by code
// unit without a regular expression, for the scans that count or skip it char by char.

/** Whether code unit `c` is matched by /\s/. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The length of the run of white space that ends just before `index`. */
export function spaceRunBefore(text: string, index: number): number {
  let n = 0;
  while (index - n > 0 && isSpaceCode(text.charCodeAt(index - n - 1))) n++;
  return n;
}
