// The xliff package ships no types; this is the part of its reader the tests use.
declare module 'xliff/xliff2js' {
  /** A text as read: a string, or its parts when inline elements split it (an element it does not know reads as ''). */
  export type XliffValue = string | XliffValue[] | Record<string, unknown>;
  export interface XliffUnit {
    source: XliffValue;
    target?: XliffValue;
    note?: XliffValue | XliffValue[];
  }
  export interface XliffJs {
    xliffVersion?: string;
    sourceLanguage: string;
    targetLanguage?: string;
    resources: Record<string, Record<string, XliffUnit>>;
  }
  export default function xliff2js(xml: string): Promise<XliffJs>;
}
