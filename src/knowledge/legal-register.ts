import { readFileSync } from 'node:fs';
import type { Language } from '../nlu/language.js';

/** One document an answer may cite (văn bản pháp luật, hướng dẫn). Dates are YYYY-MM-DD. */
export interface LegalDocument {
  kind: 'law' | 'decree' | 'circular' | 'decision' | 'directive' | 'guidance' | 'plan';
  number: string;
  title: Record<Language, string>;
  issued?: string;
  /** the day it took effect; null when not confirmed */
  in_force?: string | null;
  /** the key of the document that replaced it */
  replaced_by?: string;
  /** the first day it no longer applies */
  expired?: string;
  amended_by?: string[];
  /** false when its dates rest on one source only */
  confirmed?: boolean;
  url?: string;
}

/** Why a document may not be cited as current on a given day, or undefined when it may. */
export type CitationProblem = 'unknown' | 'plan' | 'not yet in force' | 'replaced' | 'expired';

/** data/legal.json: the documents answers cite, with the dates that decide whether they still apply. */
export class LegalRegister {
  constructor(readonly documents: Readonly<Record<string, LegalDocument>>) {}

  static load(file: string): LegalRegister {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { documents?: Record<string, LegalDocument> };
    if (!parsed.documents) throw new Error(`${file}: expected {"documents": {...}}`);
    for (const [key, doc] of Object.entries(parsed.documents)) {
      if (!doc.title?.vi || !doc.title?.en) throw new Error(`${file}: ${key} needs a Vietnamese and an English title`);
      if (doc.replaced_by && !parsed.documents[doc.replaced_by]) throw new Error(`${file}: ${key} is replaced by unknown ${doc.replaced_by}`);
    }
    return new LegalRegister(parsed.documents);
  }

  title(key: string, language: Language): string {
    return this.documents[key]?.title[language] ?? key;
  }

  /** Whether a citizen answer may cite the document on `day` (YYYY-MM-DD). */
  problemWith(key: string, day: string): CitationProblem | undefined {
    const doc = this.documents[key];
    if (!doc) return 'unknown';
    if (doc.kind === 'plan') return 'plan';
    if (doc.in_force && doc.in_force > day) return 'not yet in force';
    if (doc.replaced_by && (!doc.expired || doc.expired <= day)) return 'replaced';
    if (doc.expired && doc.expired <= day) return 'expired';
    return undefined;
  }
}
