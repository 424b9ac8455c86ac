// Every code with its documentation and examples. Each code's file (server/src/core/rules/<id>.ts,
// language/<id>.ts, evaluation/<id>.ts) exports `doc` and `examples` beside its `rule`; they are read here, by the
// tests and the docs generator only, so that the bundles (which import `rule` alone) leave them out.

import { join } from 'node:path';
import { CODES, type CodeDoc, type CodeEntry, type CodeFile, type Example } from '../../server/src/core/rules';

const RULES_DIR = join(__dirname, '..', '..', 'server', 'src', 'core', 'rules');

export interface Documented {
  readonly entry: CodeEntry;
  readonly doc: CodeDoc;
  readonly examples: readonly Example[];
}

/** The file of a code: rules/<id>.ts, rules/language/<id>.ts or rules/evaluation/<id>.ts. */
export function fileOf(entry: CodeEntry): string {
  return join(RULES_DIR, entry.kind === 'rule' ? '' : entry.kind, `${entry.id}.ts`);
}

export function documented(entry: CodeEntry): Documented {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const file = require(fileOf(entry)) as Partial<CodeFile>;
  if (file.rule !== entry) throw new Error(`${fileOf(entry)} does not export the registry's entry for ${entry.id} as \`rule\``);
  if (!file.doc || !Array.isArray(file.examples)) throw new Error(`${fileOf(entry)} must export \`doc\` and \`examples\``);
  return { entry, doc: file.doc, examples: file.examples };
}

/** Every code of the registry, sorted by id, with its doc and examples. */
export const DOCUMENTED: readonly Documented[] = CODES.map(documented);
