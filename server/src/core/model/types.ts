// The semantic model of one experiment, after `extends` is resolved: what the experiment declares or implies,
// each fact with where it came from, so messages can say "labels look one-hot (inferred from y_true, line 12)".

import type { CatalogueEntry, Framework } from '../catalogue/types';
import type { Argument, Call, Experiment, Identifier, Property, Value } from '../syntax/ast';
import type { InlineArray } from './inline-data';

export type Task = 'binary' | 'multiclass' | 'multilabel';
export type Encoding = 'integer' | 'onehot' | 'indicator';

/** How a fact became known. */
export type Origin = 'declared' | 'inferred';

export interface Fact<T> {
  readonly value: T;
  readonly origin: Origin;
  /** The node that declares it, or the data it was inferred from. */
  readonly node: Value | Property | Identifier;
  /** For inferred facts: what it was inferred from, e.g. "y_true" or "the output layer". */
  readonly from?: string;
  /** The experiment whose text holds `node` (differs from the experiment for inherited facts). */
  readonly experiment: string;
}

export interface ClassInfo {
  readonly count: number;
  /** Names when declared as names or seen as names in y_true; indices as strings otherwise. */
  readonly names: readonly string[];
  /** True when the names were written (classes: [cat, dog]) rather than a count or indices. */
  readonly named: boolean;
}

/** A catalogue call as written: `adam(learning_rate: 0.001)` or a bare `adam`. */
export interface CallModel {
  readonly name: string;
  readonly node: Call | Identifier;
  readonly nameNode: Identifier;
  readonly entry: CatalogueEntry | undefined;
  /** Arguments by canonical parameter name (aliases resolved, the positional one included). */
  readonly args: ReadonlyMap<string, Argument>;
  readonly experiment: string;
}

export interface LayerModel extends CallModel {
  /** Output units when the layer has them and they are known. */
  readonly units?: number;
  /** The activation applied by the layer (its `activation:` argument, or what an activation layer applies). */
  readonly activation?: string;
}

export interface OutputModel {
  /** The last layer with units (undefined when the model ends in an opaque layer or units cannot be known). */
  readonly layer?: LayerModel;
  readonly units?: number;
  /** The output activation: the unit layer's own, overridden by activation layers after it; 'linear' when none. */
  readonly activation?: string;
  /** Where the effective activation is written (the layer or the activation argument). */
  readonly activationNode?: Value | Identifier | Call;
}

export type ModelSpec =
  | { readonly kind: 'layers'; readonly layers: readonly LayerModel[]; readonly output: OutputModel; readonly node: Property }
  | { readonly kind: 'estimator'; readonly estimator: CallModel; readonly node: Property };

export type DataSpec =
  | {
      readonly kind: 'inline';
      readonly node: Property;
      readonly yTrue?: InlineArray;
      readonly yPred?: InlineArray;
      readonly features?: InlineArray;
      readonly entries: ReadonlyMap<string, Property>;
    }
  | { readonly kind: 'csv' | 'npy' | 'parquet'; readonly node: Property; readonly call: CallModel };

export interface ExperimentModel {
  readonly name: string;
  readonly node: Experiment;
  /** The chain of experiments this one extends, nearest first. */
  readonly ancestors: readonly string[];
  /** Every property in effect (the child's overriding the parent's), by key. */
  readonly properties: ReadonlyMap<string, { readonly property: Property; readonly experiment: string }>;
  readonly task?: Fact<Task>;
  readonly classes?: Fact<ClassInfo>;
  readonly labels?: Fact<Encoding>;
  readonly model?: ModelSpec;
  readonly loss?: CallModel;
  /** Keras or PyTorch: declared (`framework:`), or inferred from a PyTorch-only loss name. */
  readonly framework?: Fact<Framework>;
  readonly optimizer?: CallModel;
  readonly metrics: readonly CallModel[];
  readonly data?: DataSpec;
}
