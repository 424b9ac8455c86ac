"""Writes the data files of the val_run_7 and val_run_8 experiments in ../cats_dogs_horses.xent.

    python examples/runs/make_runs.py

Deterministic (a seeded generator), needs only numpy. It writes, beside this script:

  val.csv    val_run_7: 30 validation images; `label` holds the class name (cat, dog or horse), and
             p_cat, p_dog, p_horse the softmax output of one checkpoint, 3 decimals, each row summing to 1.
  y_val.npy  val_run_8: the same 30 labels, one-hot, float64, shape (30, 3): cats_dogs_horses declares
             `labels: onehot`, and categorical_crossentropy wants one-hot targets.
  p_val.npy  val_run_8: the softmax output of a later checkpoint, float64, shape (30, 3), rows summing to 1.

Columns follow the declared class order: classes: [cat, dog, horse].
It prints the numbers scikit-learn's log_loss and Keras's categorical_crossentropy give on each file, so a
change to the data shows up in review.
"""

from pathlib import Path

import numpy as np

CLASSES = ["cat", "dog", "horse"]
HERE = Path(__file__).resolve().parent


def softmax_rows(rng, labels, confidence, mistakes):
    """One plausible softmax row per label: the true class favoured, except in the rows of `mistakes`."""
    k = len(CLASSES)
    rows = []
    for i, y in enumerate(labels):
        logits = rng.normal(0.0, 0.6, size=k)
        favoured = (y + 1 + i % (k - 1)) % k if i in mistakes else y
        logits[favoured] += confidence
        e = np.exp(logits - logits.max())
        rows.append(e / e.sum())
    return np.array(rows)


def thousandths(p):
    """Rounds a probability row to 3 decimals that still sum to exactly 1 (the largest entry absorbs the rest)."""
    ints = np.maximum(np.round(p * 1000).astype(int), 1)
    ints[np.argmax(ints)] += 1000 - ints.sum()
    return ints


def log_loss(onehot, p):
    """scikit-learn's log_loss: clip to [eps, 1 - eps] (float64 machine epsilon), rows not renormalised."""
    eps = np.finfo(np.float64).eps
    return float(-np.mean(np.sum(onehot * np.log(np.clip(p, eps, 1 - eps)), axis=1)))


def keras_cce(onehot, p, label_smoothing=0.0):
    """Keras 3 categorical_crossentropy: smooth the targets, rescale rows to sum 1, clip to [1e-7, 1 - 1e-7]."""
    k = onehot.shape[1]
    t = onehot * (1 - label_smoothing) + label_smoothing / k
    q = p / p.sum(axis=1, keepdims=True)
    q = np.clip(q, 1e-7, 1 - 1e-7)
    return float(np.mean(-np.sum(t * np.log(q), axis=1)))


def main():
    rng = np.random.default_rng(20240607)
    # 30 validation images: 11 cats, 10 dogs, 9 horses, in shuffled order.
    labels = rng.permutation(np.array([0] * 11 + [1] * 10 + [2] * 9))
    onehot = np.eye(len(CLASSES))[labels]

    # val_run_7: an earlier checkpoint, less sure of itself, 5 mistakes.
    p7 = softmax_rows(rng, labels, confidence=1.6, mistakes={3, 8, 14, 21, 27})
    p7_ints = np.array([thousandths(row) for row in p7])
    with open(HERE / "val.csv", "w", newline="\n") as f:
        f.write("id,label,p_cat,p_dog,p_horse\n")
        for i, (y, row) in enumerate(zip(labels, p7_ints)):
            f.write(f"img_{i + 1:04d},{CLASSES[y]}," + ",".join(f"{v / 1000:.3f}" for v in row) + "\n")
    p7_read = p7_ints / 1000

    # val_run_8: a later checkpoint, more confident, 3 mistakes; full float64 precision.
    p8 = softmax_rows(rng, labels, confidence=2.6, mistakes={8, 21, 27})
    np.save(HERE / "y_val.npy", onehot.astype(np.float64))
    np.save(HERE / "p_val.npy", p8.astype(np.float64))

    for name, p, smoothing in (("val.csv (val_run_7)", p7_read, 0.1), ("p_val.npy (val_run_8)", p8, 0.0)):
        acc = float(np.mean(p.argmax(axis=1) == labels))
        print(
            f"{name}: {len(labels)} rows, accuracy {acc:.4f}, log_loss {log_loss(onehot, p):.4f}, "
            f"categorical_crossentropy(label_smoothing: {smoothing}) {keras_cce(onehot, p, smoothing):.4f}"
        )


if __name__ == "__main__":
    main()
