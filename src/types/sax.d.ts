// sax (a strict XML parser, also the one under the xliff package) ships no types; this is the part
// the termbase's TBX reader and the tests use.
declare module 'sax' {
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  export interface SAXParser {
    /** Where the parser is, counted from 0 (line) as it reads. */
    line: number;
    column: number;
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (error: Error) => void;
    write(xml: string): SAXParser;
    close(): SAXParser;
  }
  /** A strict parser reports every malformed construct, an undefined entity among them. */
  export function parser(strict: boolean): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
