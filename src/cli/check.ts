import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge, PROJECT_ROOT } from '../core/build.js';
import { checkContent, type Finding, type Spec } from '../knowledge/content-check.js';
import { clockFromEnv } from '../util/clock.js';
import { t } from './text.js';

/** The knowledge base as an editor changed it, checked on `today`: the findings and how many intents were checked. */
export function checkKnowledgeBase(root: string, today: string): { findings: Finding[]; checked: number } {
  const spec = JSON.parse(readFileSync(join(root, 'data/spec/intents.json'), 'utf8')) as Spec;
  const { knowledge, content, examples } = loadKnowledge(root);
  const findings = checkContent(content, spec, knowledge.intents, today);
  // a question taught as an example of two topics is answered as the first file says: the editor must choose
  for (const { text, intents } of examples.conflicts())
    findings.push({ intent: intents[1]!, severity: 'error', problem: `the example "${text}" is also taught as ${intents.filter((i, n) => n !== 1).join(', ')} (data/examples): keep it in one file` });
  return { findings, checked: spec.citizen.length + spec.conversation.length };
}

/** The findings by intent, errors first, and a count, in the operator's language (each problem as the checker words it). */
function describeFindings(findings: Finding[], checked: number): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const byIntent = new Map<string, Finding[]>();
  for (const f of [...errors, ...findings.filter((f) => f.severity === 'warning')]) byIntent.set(f.intent, [...(byIntent.get(f.intent) ?? []), f]);
  const lines: string[] = [];
  for (const [intent, list] of byIntent) {
    lines.push(intent);
    for (const f of list) lines.push(`  ${t(f.severity === 'error' ? 'check.error' : 'check.warning')}: ${f.problem}`);
  }
  lines.push(t('check.summary', { checked, errors: errors.length, warnings: findings.length - errors.length }));
  return lines.join('\n');
}

/** `cli check [--json]`: exits 1 when an answer has an error, so editors learn before citizens do. */
export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const today = clockFromEnv(process.env)().toISOString().slice(0, 10);
  const { findings, checked } = checkKnowledgeBase(PROJECT_ROOT, today);
  console.log(values.json ? JSON.stringify({ today, checked, findings }, null, 1) : describeFindings(findings, checked));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
