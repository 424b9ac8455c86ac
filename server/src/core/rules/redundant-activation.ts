// redundant-activation: two activations in a row, or softmax before the last layer.
// One rule: its metadata, check, quick fix and examples (its tests and its section of docs/rules.md).

import { lookup } from '../catalogue';
import type { ExperimentModel, LayerModel } from '../model/types';
import { line } from './facts';
import { dataString, draft } from './fixing/draft';
import { layerActivationEdits, layerAt, removeActivationEdits } from './fixing/output-fixes';
import { removeEntry } from './fixing/text';
import type { Fixer } from './fixing/types';
import { activationNodeOf, RANGE_WORDS } from './helpers/output';
import type { CodeDoc, Example, Rule, RuleContext } from './types';

function redundantActivation(m: ExperimentModel, ctx: RuleContext): void {
  const layers = ctx.facts.layers;
  if (!layers || layers.length < 2) return;
  let lastUnit = -1;
  layers.forEach((l, i) => {
    if (l.entry?.unitsParam || l.entry?.opaque) lastUnit = i;
  });
  let prev: { layer: LayerModel; reported: boolean } | undefined;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const act = l.activation;
    let reported = false;
    if (act === 'softmax' && i < lastUnit) {
      const node = activationNodeOf(l);
      ctx.report({
        at: { node, experiment: l.experiment, note: `softmax on ${l.name} (line ${line(node)})` },
        message:
          `softmax on ${l.name}, before the output layer, squeezes its outputs to sum to 1 and starves the layers after it of signal; ` +
          `softmax belongs on the last layer only. Use relu (or another hidden activation) here.`,
        data: { activation: 'relu' },
      });
      reported = true;
    } else if (l.entry?.activationLayer && act && act !== 'linear' && prev && !prev.reported) {
      const before = prev.layer.activation;
      if (before && before !== 'linear') {
        const first = activationNodeOf(prev.layer);
        const second = activationNodeOf(l);
        const range = lookup('activation', before)?.range;
        const what = before === act ? `${act} is applied twice in a row` : `${act} (line ${line(second)}) comes right after ${before} (line ${line(first)})`;
        ctx.report({
          at: { node: second, experiment: l.experiment, note: `${act} (line ${line(second)})` },
          related: [{ node: first, experiment: prev.layer.experiment, note: `${before} on ${prev.layer.name} (line ${line(first)})` }],
          message:
            `${what}: the second activation only ever sees the first one's output (${range ? RANGE_WORDS[range] ?? before : before}), ` +
            `which distorts it — almost always an accident. Keep one activation.`,
          data: { first: before, second: act },
        });
        reported = true;
      }
    }
    if (l.entry?.name !== 'dropout') prev = { layer: l, reported };
  }
}

const fix: Fixer = (ctx) => {
  const layers = ctx.facts?.layers;
  const l = layerAt(ctx);
  if (!layers || !l || !ctx.model || l.experiment !== ctx.model.name) return [];
  const hidden = dataString(ctx, 'activation');
  if (hidden) return [draft(`Use ${hidden} on ${l.name}`, layerActivationEdits(l, hidden), true)];
  // Two in a row: the layer before (dropout in between does not count) applied the first one.
  const first = dataString(ctx, 'first');
  const second = dataString(ctx, 'second');
  let i = layers.indexOf(l) - 1;
  while (i >= 0 && layers[i].entry?.name === 'dropout') i--;
  const prev = layers[i];
  const removeSecond = draft(`Remove the ${second ?? 'second'} activation layer`, [removeEntry(ctx.source, l.node)], first === second);
  const removeFirst =
    prev && prev.experiment === ctx.model.name && (prev.entry?.activationLayer || prev.args.has('activation'))
      ? draft(prev.entry?.activationLayer ? `Remove the ${first ?? 'first'} activation layer before it` : `Remove ${first ?? 'the activation'} from ${prev.name}`, removeActivationEdits(ctx, prev), first !== second)
      : undefined;
  return [removeSecond, removeFirst];
};

export const rule: Rule = {
  id: 'redundant-activation',
  kind: 'rule',
  group: 'output',
  severity: 'warning',
  summary: 'two activations in a row, or softmax before the last layer',
  check: redundantActivation,
  fix: { fixer: fix },
};

export const doc: CodeDoc = {
  text: [
    "**Condition:** two activations in a row (a layer's activation followed directly by an activation layer, dropout in",
    "between ignored), or softmax on a layer before the output layer. **Severity:** W.",
    "",
    "**Why:** the second activation only ever sees the first one's output and distorts it (softmax of probabilities",
    "squashes them towards uniform; relu before softmax clips the logits at 0); a hidden softmax squeezes its outputs to",
    "sum to 1 and starves the following layers of signal.",
  ],
  fix: [
    "**Fix:** keep one activation; use relu (or another hidden activation) on hidden layers (`data.activation`).",
  ],
};

export const examples: readonly Example[] = [
  {
    text: `experiment pets {
  model {
    dense(3, activation: softmax)
    activation(softmax)
  }
  loss: categorical_crossentropy
}
`,
    expect: [{ line: 4 }],
  },
  {
    text: `experiment pets {
  model {
    dense(3)
    activation(softmax)
  }
  loss: categorical_crossentropy
}
`,
    expect: [],
  },
  {
    text: `experiment a {
  model {
    dense(3, activation: softmax)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 4, severity: 'warning' }],
  },
  {
    text: `experiment a {
  model {
    dense(3)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'softmax on a hidden layer',
    text: `experiment a {
  model {
    dense(16, activation: softmax)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 3 }],
  },
  {
    name: 'softmax on a hidden layer, fixed',
    text: `experiment a {
  model {
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [],
  },
  {
    name: 'a hidden softmax becomes relu',
    text: `experiment a {
  model {
    dense(16, activation: softmax)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 3 }],
    fix: { title: 'Use relu on dense', text: `experiment a {
  model {
    dense(16, activation: relu)
    dense(3, activation: softmax)
  }
  loss: categorical_crossentropy
}`, preferred: true },
  },
  {
    name: 'relu before softmax: the first activation goes',
    text: `experiment a {
  model {
    dense(3, activation: relu)
    dropout(0.2)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`,
    expect: [{ line: 5 }],
    fix: { title: 'Remove relu from dense', text: `experiment a {
  model {
    dense(3)
    dropout(0.2)
    activation(softmax)
  }
  loss: categorical_crossentropy
}`, preferred: true },
  },
];
