import { mentions } from '../knowledge/operators.js';

/** Things the rules ask about, read from the expanded, folded text. */
export interface Entities {
  /** account levels mentioned, in order (mức 1 / mức 2) */
  levels: number[];
  /** an age in years, when one is given ("15 tuổi", "dưới 14") */
  age?: number;
  /** the essential public service named, by id */
  service?: string;
  /** a task code as written ("2.3.1", "II.13") */
  taskCode?: string;
  /** a number of days ("trong 30 ngày tới") */
  days?: number;
  /** the words of the message each kind of entity was read from, so an answer that uses the entity explains them */
  words: { levels: string[]; age: string[]; service: string[] };
}

export interface ServiceName {
  id: string;
  match: string[];
}

const NUMBER_WORDS: Record<string, number> = { mot: 1, hai: 2, one: 1, two: 2, i: 1, ii: 2 };

function levelsOf(text: string): { levels: number[]; words: string[] } {
  const levels: number[] = [];
  const words: string[] = [];
  const re = /\bmuc (?:do )?(\d|mot|hai|one|two|ii|i)\b/g;
  for (const m of text.matchAll(re)) {
    const raw = m[1]!;
    const n = /^\d$/.test(raw) ? Number(raw) : NUMBER_WORDS[raw]!;
    if (n !== 1 && n !== 2) continue;
    if (!levels.includes(n)) levels.push(n);
    words.push(...m[0].split(' '));
  }
  return { levels, words };
}

function ageOf(text: string): { age: number; words: string[] } | undefined {
  const m =
    /\b(\d{1,3}) (?:tuoi|t|years? old|yo)\b/.exec(text) ??
    // not a date: "từ 1/7/2024", "từ 1-7" (folded to "tu 1 7")
    /\b(?:duoi|tren|du|tu|under|over|below|above) (\d{1,2})\b(?![/.-]?\d| \d)/.exec(text);
  return m ? { age: Number(m[1]), words: m[0].split(' ') } : undefined;
}

function serviceOf(text: string, services: ServiceName[]): { id: string; phrase: string } | undefined {
  let best: { id: string; phrase: string } | undefined;
  for (const s of services) {
    for (const phrase of s.match) {
      if ((!best || phrase.length > best.phrase.length) && mentions(text, phrase)) best = { id: s.id, phrase };
    }
  }
  return best;
}

/** Task codes are read from the original text, where their dots survive ("2.3.1", "I.1", "2.c"). */
function taskCodeOf(original: string): string | undefined {
  const m = /(?:^|[\s(])((?:[IVX]+\.)?\d+(?:\.\d+)*(?:\.[a-z])?)(?=$|[\s),.;:?!])/u.exec(original);
  const code = m?.[1];
  if (!code || !/[.]/.test(code)) return undefined;
  return code.replace(/\.$/, '');
}

function daysOf(text: string): number | undefined {
  const m = /\b(\d{1,3}) (?:ngay|days?)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function extractEntities(text: string, original: string, services: ServiceName[]): Entities {
  const levels = levelsOf(text);
  const age = ageOf(text);
  const service = serviceOf(text, services);
  const entities: Entities = { levels: levels.levels, words: { levels: levels.words, age: age?.words ?? [], service: service?.phrase.split(' ') ?? [] } };
  if (age) entities.age = age.age;
  if (service) entities.service = service.id;
  const taskCode = taskCodeOf(original);
  if (taskCode) entities.taskCode = taskCode;
  const days = daysOf(text);
  if (days !== undefined) entities.days = days;
  return entities;
}
