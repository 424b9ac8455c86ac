// The rules' public face: the code registry (codes.ts, read from the one-line-per-code list in registry.ts), the
// runner (run.ts) and the severity settings (severity.ts).
//   - rules:       the mismatch catalogue, server/src/core/rules/<rule-id>.ts (metadata, check, fix, examples);
//   - language/:   language-level codes (parser, semantic model, call checks): metadata, docs, examples, fixes;
//   - evaluation/: findings of the evaluation (reading the data): metadata and docs, no text check.


export type {
  Anchor,
  CodeDoc,
  CodeEntry,
  CodeFile,
  EvaluationCode,
  Example,
  ExpectedDiagnostic,
  ExpectedFix,
  Finding,
  FixEntry,
  LanguageCode,
  Rule,
  RuleCheck,
  RuleContext,
  RuleGroup,
} from './types';
export { CODE_BY_ID, CODES, EVALUATION_CODES, LANGUAGE_CODES, RULE_BY_ID, RULE_GROUPS, RULES } from './codes';
export { ROW_SUM_TOLERANCE } from './helpers/predictions-data';
export { mergeRuleDiagnostics, runRules } from './run';
export { findWorkspaceFile, parseWorkspaceFile, readWorkspaceRules, WORKSPACE_FILE, type WorkspaceRules } from './workspace-file';
export { applySeverities, mergeSeverities, parseRuleFlags, parseRuleSeverities, type ParsedSeverities, type RuleLevel, type RuleSeverities } from './severity';
