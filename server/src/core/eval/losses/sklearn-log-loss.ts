// sklearn.metrics.log_loss as the declared loss: the scorer computes log_loss once (metrics/losses/log-loss.ts,
// checked in eval/log-loss-check.ts) for the headline set, the declared metric and this loss.

import { booleanArg } from './args';
import type { EvaluatedLoss } from './types';

export const sklearnLogLoss: EvaluatedLoss = {
  names: ['log_loss'],
  library: 'scikit-learn',
  setup: ({ call }) => ({ sharedLogLoss: true, normalize: booleanArg(call, 'normalize') !== false }),
};
