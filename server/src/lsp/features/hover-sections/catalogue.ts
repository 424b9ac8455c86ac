// The static hover section: what the catalogue knows of the hovered name (a loss, layer, activation, metric,
// optimizer, average, task, encoding, data source, key, parameter or parameter value).

import { entryMarkdown, paramMarkdown, paramValueMarkdown } from '../catalogue-text/markdown';
import { targetAt } from '../catalogue-text/target';
import type { HoverSection } from './types';

export const catalogueSection: HoverSection = ({ path }) => {
  const target = targetAt(path);
  switch (target?.kind) {
    case 'entry':
      return entryMarkdown(target.entry);
    case 'key':
      return target.entry && entryMarkdown(target.entry);
    case 'param':
      return paramMarkdown(target.owner, target.param);
    case 'param-value':
      return paramValueMarkdown(target.owner, target.param, target.value);
    default:
      return undefined;
  }
};
