/**
 * The preferred form written in the case pattern of the text: "KIEV" → "KYIV", a variant
 * capitalised at the start of a sentence → the preferred form capitalised, otherwise as listed.
 * `variant` is the listed form the text stands for: a case the text shares with it is no pattern of its own.
 */
export function inCaseOf(written: string, variant: string, preferred: string): string {
  const isUpper = (s: string) => s === s.toUpperCase() && s !== s.toLowerCase();
  const isLower = (s: string) => s === s.toLowerCase() && s !== s.toUpperCase();
  if (isUpper(written) && !isUpper(variant) && written.length > 1) return preferred.toUpperCase();
  if (isLower(written) && !isLower(variant)) return preferred.toLowerCase();
  if (isUpper(written[0] ?? '') && isLower(variant[0] ?? '')) return preferred[0]!.toUpperCase() + preferred.slice(1);
  return preferred;
}
