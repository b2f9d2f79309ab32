// PLACEHOLDER until the franc wrapper lands (helper E).
/** BCP 47 code of the text's language, or undefined when it cannot be judged. */
export function detectLanguage(_text: string): string | undefined {
  return undefined;
}
