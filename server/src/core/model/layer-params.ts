// Which arguments give a layer's output units and output activation. Most layers: the catalogue's `unitsParam`
// (units, filters) and `activation`. A pretrained backbone (resnet50, …) is Keras's keras.applications model:
// with include_top true, its default, it ends in its own classifier of `classes` units (1000) with
// `classifier_activation` (softmax); with include_top false it is a feature extractor whose output is opaque.

import { findParam } from '../catalogue';
import type { CatalogueEntry } from '../catalogue/types';
import type { Argument } from '../syntax/ast';

/** A backbone with a top classifier: it has include_top, classes and classifier_activation. */
export function isBackbone(entry: CatalogueEntry | undefined): boolean {
  return !!entry?.opaque && !!findParam(entry, 'include_top') && !!findParam(entry, 'classes');
}

/** include_top as written, else its Keras default (true). */
export function includesTop(entry: CatalogueEntry, args: ReadonlyMap<string, Argument>): boolean {
  const v = args.get('include_top')?.value;
  if (v?.kind === 'boolean') return v.value;
  return findParam(entry, 'include_top')?.default !== false;
}

/** The parameter that gives the layer's output units: units / filters, or a backbone's classes. */
export function unitsParamOf(entry: CatalogueEntry | undefined): string | undefined {
  return isBackbone(entry) ? 'classes' : entry?.unitsParam;
}

/** The parameter that names the layer's activation: activation, or a backbone's classifier_activation. */
export function activationParamOf(entry: CatalogueEntry | undefined): string {
  return isBackbone(entry) ? 'classifier_activation' : 'activation';
}
