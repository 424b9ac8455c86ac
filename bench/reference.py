"""The scikit-learn peers of bench/eval.bench.mjs: what a notebook does to score the same file.

usage: python bench/reference.py csv|binary-csv|npy DATA_DIR

csv, binary-csv: pandas.read_csv + scikit-learn; npy: np.load + scikit-learn. The last line is
`RESULT {json}` (log_loss, accuracy, f1_macro) for the benchmark to check against xent's numbers.
"""
import json
import sys

import numpy as np
from sklearn.metrics import classification_report, confusion_matrix, log_loss

mode, data = sys.argv[1], sys.argv[2]
if mode == "csv":
    import pandas as pd

    df = pd.read_csv(f"{data}/multiclass-1m.csv")
    y_true = df["label"].to_numpy()
    y_pred = df[[f"p{i}" for i in range(10)]].to_numpy()
elif mode == "binary-csv":
    import pandas as pd

    df = pd.read_csv(f"{data}/binary-1m.csv")
    y_true = df["label"].to_numpy()
    y_pred = df["p1"].to_numpy()
elif mode == "npy":
    y_true = np.load(f"{data}/multiclass-1m.y_true.npy")
    y_pred = np.load(f"{data}/multiclass-1m.y_pred.npy")
else:
    sys.exit(f"unknown mode {mode!r}")

loss = log_loss(y_true, y_pred)
hard = (y_pred > 0.5).astype(int) if y_pred.ndim == 1 else y_pred.argmax(axis=1)
print("log_loss", loss)
print(confusion_matrix(y_true, hard))
# One report, as a dict (the numbers the text report prints), so nothing is computed twice.
report = classification_report(y_true, hard, output_dict=True)
print(report)
result = {
    "log_loss": float(loss),
    "accuracy": float(report["accuracy"]),
    "f1_macro": float(report["macro avg"]["f1-score"]),
}
print("RESULT " + json.dumps(result))
