// `xent merge FILE --sql-result RESULT.csv`: the result of an experiment from the statistics xent sql's query
// computed inside a SQL engine (scale/sql.ts): confusion counts and log_loss's sums per (y_true, predicted
// class). What needs the rows themselves (the Keras / PyTorch losses, ranking metrics, brier, top-k, the
// entropies) says so in its place (docs/scale.md).

import { parseNumberText } from '../data/number';
import { resultOf, type EvaluateOptions, type Evaluation } from '../eval/evaluate';
import { NEEDS_DATA_SHAPE, planEvaluation, type EvalPlan } from '../eval/plan';
import { DataProblem, Scorer, type CountStatistics } from '../eval/scorer';
import type { ExperimentModel } from '../model/types';
import { readSqlResult } from './sql-result';
import { resolveSqlSpec } from './sql-spec';

export const SQL_COUNTS_ONLY =
  "xent sql's statistics are the confusion counts and log_loss's sums, and this number needs the rows (score them with xent eval --partial and xent merge)";

export async function mergeSqlResult(m: ExperimentModel, resultText: string, file: string, options: EvaluateOptions & { root?: string; rootName?: string }): Promise<Evaluation> {
  return resultOf(m, options, async (firstPlan) => {
    // The columns and classes as the query named them (a "p_*" pattern resolved as xent sql resolved it).
    const spec = await resolveSqlSpec(m, { dialect: 'duckdb', table: 'result', baseDir: options.baseDir, root: options.root, rootName: options.rootName });
    if (!spec.ok) throw new DataProblem('cannot-evaluate', `${m.name} has no SQL statistics: ${spec.error}`);
    const predCols = spec.value.yPred.length;
    let plan: EvalPlan;
    if (firstPlan === NEEDS_DATA_SHAPE) {
      const p = planEvaluation(m, { indices: true, trueCols: 1, predCols });
      if (typeof p !== 'object') throw new DataProblem('cannot-evaluate', typeof p === 'string' ? p : 'the data shows no classes');
      plan = p;
    } else plan = firstPlan;
    const read = readSqlResult(resultText, file);
    if (!read.ok) throw new DataProblem('data-parse', read.error.message);
    const groups = read.value.groups;
    if (groups.length === 0) throw new DataProblem('empty-data', `${file} has no rows: there are no rows to score`);
    const names = spec.value.classNames;
    const cells: CountStatistics['cells'][number][] = [];
    let pMin = Infinity;
    let pMax = -Infinity;
    for (const g of groups) {
      const text = g.trueText.trim();
      const place = `${file} (y_true ${JSON.stringify(text)})`;
      let trueIndex: number | undefined = names ? names.indexOf(text) : -1;
      let outsideValue: number | undefined;
      if (trueIndex < 0) {
        const v = text === '' ? undefined : parseNumberText(text);
        if (v === undefined || !Number.isFinite(v)) throw new DataProblem('data-parse', `${place}: y_true is neither a class (${plan.classNames.join(', ')}) nor a number`);
        if (Number.isInteger(v) && v >= 0 && v < plan.k) trueIndex = v;
        else {
          trueIndex = undefined;
          outsideValue = v;
        }
      }
      if (!(g.pred >= 0 && g.pred < plan.k)) throw new DataProblem('data-parse', `${place}: y_pred ${g.pred} is not a class index in 0..${plan.k - 1}`);
      cells.push({ trueIndex, ...(outsideValue !== undefined ? { outsideValue } : {}), pred: g.pred, n: g.n, logLossSum: g.logLossSum, place });
      pMin = Math.min(pMin, g.pMin);
      pMax = Math.max(pMax, g.pMax);
    }
    const scorer = Scorer.fromCounts(plan, predCols, { cells, pMin, pMax }, SQL_COUNTS_ONLY);
    return { scored: { plan, scorer, seen: { kind: 'labels', columns: 1, description: `${file}: y_true is the y_true column of xent sql's result` } } };
  });
}
