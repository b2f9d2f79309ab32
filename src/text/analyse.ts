import type { ReferenceData } from '../reference/index.js';
import { alignPassages, type AlignedPair } from './align.js';
import { detectLanguage } from './language.js';
import { segment, type Passage } from './segment.js';

export interface SourceText {
  text: string;
  /** BCP 47 code ("ru", "uk"); detected when not given. */
  lang: string;
  langDetected: boolean;
  passages: Passage[];
  /** Source passages matched to target passages, in order. */
  alignment: AlignedPair[];
}

export interface AnalysedArticle {
  text: string;
  /** BCP 47 code of the translation ("en", "de"). */
  lang: string;
  passages: Passage[];
  source?: SourceText;
  reference: ReferenceData;
}

export interface ArticleInput {
  text: string;
  lang?: string;
  source?: { text: string; lang?: string };
}

export function analyse(input: ArticleInput, reference: ReferenceData): AnalysedArticle {
  const passages = segment(input.text);
  const article: AnalysedArticle = { text: input.text, lang: input.lang ?? 'en', passages, reference };
  if (input.source) {
    const sourcePassages = segment(input.source.text);
    const detected = input.source.lang ? undefined : detectLanguage(input.source.text);
    article.source = {
      text: input.source.text,
      lang: input.source.lang ?? detected ?? 'und',
      langDetected: !input.source.lang,
      passages: sourcePassages,
      alignment: alignPassages(
        sourcePassages.map((p) => p.text.length),
        passages.map((p) => p.text.length),
      ),
    };
  }
  return article;
}
