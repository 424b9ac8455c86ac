"""The vectorised-numpy peers of bench/eval.bench.mjs: what an expert writes by hand instead of scikit-learn.

usage: python bench/vectorised.py polars-csv|polars-binary-csv|npy DATA_DIR

polars-csv, polars-binary-csv: polars.read_csv (typed columns, multi-threaded) then numpy;
npy: np.load then numpy. Scoring is the textbook vectorised form: clip the probability of the true class,
-log(P[arange(n), y]).mean(), argmax (or p > 0.5 for one binary column), a bincount confusion matrix, and
precision / recall / F1 per class, macro and weighted from it (scikit-learn's definitions). The last line is
`RESULT {json}` (log_loss, accuracy, f1_macro) for the benchmark to check against xent's numbers.
"""
import json
import sys

import numpy as np

mode, data = sys.argv[1], sys.argv[2]
if mode == "polars-csv":
    import polars as pl

    K = 10
    schema = {"label": pl.Int64, **{f"p{i}": pl.Float64 for i in range(K)}}
    df = pl.read_csv(f"{data}/multiclass-1m.csv", schema=schema)
    y = df["label"].to_numpy()
    P = df.select([f"p{i}" for i in range(K)]).to_numpy()
elif mode == "polars-binary-csv":
    import polars as pl

    K = 2
    df = pl.read_csv(f"{data}/binary-1m.csv", schema={"label": pl.Int64, "p1": pl.Float64})
    y = df["label"].to_numpy()
    P = df["p1"].to_numpy()
elif mode == "npy":
    K = 10
    y = np.load(f"{data}/multiclass-1m.y_true.npy")
    P = np.load(f"{data}/multiclass-1m.y_pred.npy")
else:
    sys.exit(f"unknown mode {mode!r}")

n = y.shape[0]
eps = np.finfo(np.float64).eps  # scikit-learn's log_loss clips to [eps, 1 - eps]
if P.ndim == 1:
    # One column p = P(class 1): scikit-learn scores the columns [1 - p, p].
    p_true = np.where(y == 1, P, 1.0 - P)
    pred = (P > 0.5).astype(np.int64)
else:
    p_true = P[np.arange(n), y]
    pred = P.argmax(axis=1)
log_loss = -np.log(np.clip(p_true, eps, 1 - eps)).mean()

cm = np.bincount(y * K + pred, minlength=K * K).reshape(K, K)
tp = np.diag(cm).astype(np.float64)
support = cm.sum(axis=1)
predicted = cm.sum(axis=0)
with np.errstate(divide="ignore", invalid="ignore"):
    precision = np.where(predicted > 0, tp / predicted, 0.0)
    recall = np.where(support > 0, tp / support, 0.0)
    denom = 2 * tp + (predicted - tp) + (support - tp)
    f1 = np.where(denom > 0, 2 * tp / denom, 0.0)
accuracy = tp.sum() / n
weights = support / n

print("log_loss", log_loss)
print(cm)
print("precision", precision, precision.mean(), precision @ weights)
print("recall", recall, recall.mean(), recall @ weights)
print("f1", f1, f1.mean(), f1 @ weights)
print("accuracy", accuracy)
print("RESULT " + json.dumps({"log_loss": float(log_loss), "accuracy": float(accuracy), "f1_macro": float(f1.mean())}))
