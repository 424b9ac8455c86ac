// Renders docs/rules.md from the code registry: the intro (intro.md beside this file), then one chapter per rule
// group, the language-level codes and the evaluation findings, one `## id` section per code (the anchor
// docs/rules.md#id stays the code). A section is the entry's doc text, its first positive example as **Wrong**, its
// first negative example as **Right**, and its fix text. Used by scripts/gen-rules-doc.mjs and test/rules-doc.test.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_GROUPS, type RuleGroup } from '../../server/src/core/rules';
import { DOCUMENTED, type Documented } from './entries';

const LANGUAGE_INTRO = [
  'These come from the parser, the semantic model and the catalogue-driven call checks (`server/src/core/syntax`,',
  '`model`). All are errors. Each is an entry in `server/src/core/rules/language/<code>.ts`.',
];

const EVALUATION_INTRO = [
  'These come from evaluating an experiment (the ▶ evaluate lens, `xent eval`, and, for data files together at',
  "most `--data-limit` / `xent.dataSizeLimit` bytes, 5 MB by default, `xent check` and the editor's background",
  'check): the engine reads the data and reports what scikit-learn or Keras would raise or warn about, placed on',
  "the experiment's `data` key. Data problems in inline data are also caught by the rules above as you type; these",
  'codes name what only reading the data (or a file) reveals. Each message says what is wrong, where (file and line',
  'for CSV data), and what to do. Each is an entry in `server/src/core/rules/evaluation/<code>.ts`, with no check on',
  'the text.',
];

function block(text: string): string {
  return '```xent\n' + text.replace(/\n*$/, '\n') + '```';
}

/** The `## id` section of one code. */
export function section(c: Documented): string {
  const parts = [`## ${c.entry.id}`, c.doc.text.join('\n')];
  const wrong = c.examples.find((e) => e.expect.length > 0);
  const right = c.examples.find((e) => e.expect.length === 0);
  if (wrong) parts.push('**Wrong**', block(wrong.text));
  if (right) parts.push('**Right**', block(right.text));
  if (c.doc.fix) parts.push(c.doc.fix.join('\n'));
  return parts.join('\n\n');
}

/** The whole of docs/rules.md. */
export function rulesMarkdown(): string {
  const intro = readFileSync(join(__dirname, 'intro.md'), 'utf8').replace(/\s+$/, '');
  const chapters: string[] = [intro];
  const inGroup = (group: RuleGroup) => DOCUMENTED.filter((c) => c.entry.kind === 'rule' && c.entry.group === group);
  for (const { group, title } of RULE_GROUPS) {
    const rules = inGroup(group);
    if (rules.length) chapters.push(`# ${title}`, ...rules.map(section));
  }
  const ofKind = (kind: string) => DOCUMENTED.filter((c) => c.entry.kind === kind).map(section);
  chapters.push('# Language-level codes', LANGUAGE_INTRO.join('\n'), ...ofKind('language'));
  chapters.push('# Evaluation findings', EVALUATION_INTRO.join('\n'), ...ofKind('evaluation'));
  return chapters.join('\n\n') + '\n';
}
