#!/usr/bin/env python3
"""The benchmark epoch written the way the course's notebooks do it.

NumPy matrices in the lecture's layout (features in rows, one column per
example), a dictionary of parameters, forward and backward propagation as
functions looping over the layers, and a Python loop over the mini-batches
of a shuffled epoch:

    Z[l] = W[l] . A[l-1] + b[l]        A[l] = g[l](Z[l])
    dZ[L] = A[L] - Y
    dW[l] = 1/m dZ[l] . A[l-1]^T       db[l] = 1/m sum(dZ[l])
    dZ[l-1] = W[l]^T . dZ[l] * g'[l-1](Z[l-1])
    W[l] -= lr dW[l]                   b[l] -= lr db[l]

Usage: numpy_epoch.py workload.json > result.json

workload.json (written by scripts/bench from core's spiral workload) holds
the data X, Y, the initial parameters W, b, the hyper-parameters, and a check:
the example order of the first epochs and the parameters the Go trainer has
after them. The script first replays those epochs in that order and reports
the largest difference with Go's parameters (the same maths gives ~1e-15),
then times epochs shuffled with np.random.permutation, as a notebook does.
"""
import json
import platform
import sys
import time

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


ACTIVATIONS = {
    "tanh": (np.tanh, lambda z, a: 1.0 - a ** 2),
    "sigmoid": (sigmoid, lambda z, a: a * (1.0 - a)),
    "relu": (lambda z: np.maximum(0.0, z), lambda z, a: (z >= 0).astype(float)),
    "identity": (lambda z: z, lambda z, a: np.ones_like(z)),
}


def initialize_parameters(w, b):
    params = {}
    for l in range(1, len(w) + 1):
        params["W" + str(l)] = np.array(w[l - 1], dtype=float)
        params["b" + str(l)] = np.array(b[l - 1], dtype=float).reshape(-1, 1)
    return params


def forward_propagation(X, params, activations):
    cache = {"A0": X}
    A = X
    for l in range(1, len(activations) + 1):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        A = ACTIVATIONS[activations[l - 1]][0](Z)
        cache["Z" + str(l)] = Z
        cache["A" + str(l)] = A
    return A, cache


def backward_propagation(Y, params, cache, activations):
    grads = {}
    L = len(activations)
    m = Y.shape[1]
    dZ = cache["A" + str(L)] - Y  # sigmoid + binary cross-entropy
    for l in range(L, 0, -1):
        grads["dW" + str(l)] = dZ @ cache["A" + str(l - 1)].T / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dA = params["W" + str(l)].T @ dZ
            prime = ACTIVATIONS[activations[l - 2]][1]
            dZ = dA * prime(cache["Z" + str(l - 1)], cache["A" + str(l - 1)])
    return grads


def update_parameters(params, grads, lr, L):
    for l in range(1, L + 1):
        params["W" + str(l)] = params["W" + str(l)] - lr * grads["dW" + str(l)]
        params["b" + str(l)] = params["b" + str(l)] - lr * grads["db" + str(l)]
    return params


def run_epoch(X, Y, params, activations, lr, batch, perm):
    m = X.shape[1]
    L = len(activations)
    for start in range(0, m, batch):
        idx = perm[start:start + batch]
        X_batch, Y_batch = X[:, idx], Y[:, idx]
        _, cache = forward_propagation(X_batch, params, activations)
        grads = backward_propagation(Y_batch, params, cache, activations)
        params = update_parameters(params, grads, lr, L)
    return params


def main():
    with open(sys.argv[1]) as f:
        w = json.load(f)
    X = np.array(w["X"], dtype=float)
    Y = np.array(w["Y"], dtype=float)
    acts, lr, batch = w["activations"], w["lr"], w["batch"]
    L = len(acts)

    # 1. The same steps as the Go trainer: same data, weights and order.
    params = initialize_parameters(w["W"], w["b"])
    for perm in w["check"]["perms"]:
        params = run_epoch(X, Y, params, acts, lr, batch, np.array(perm))
    diff = 0.0
    for l in range(1, L + 1):
        diff = max(diff, float(np.max(np.abs(params["W" + str(l)] - np.array(w["check"]["W"][l - 1])))))
        diff = max(diff, float(np.max(np.abs(params["b" + str(l)].ravel() - np.array(w["check"]["b"][l - 1])))))

    # 2. Timed epochs, shuffled as a notebook does.
    rng = np.random.default_rng(1)
    params = initialize_parameters(w["W"], w["b"])
    m = X.shape[1]
    for _ in range(w["warmup"]):
        params = run_epoch(X, Y, params, acts, lr, batch, rng.permutation(m))
    per_epoch = []
    for _ in range(w["runs"]):
        t0 = time.perf_counter()
        for _ in range(w["epochs_per_run"]):
            params = run_epoch(X, Y, params, acts, lr, batch, rng.permutation(m))
        per_epoch.append((time.perf_counter() - t0) / w["epochs_per_run"])

    json.dump({
        "python": platform.python_version(),
        "python_path": sys.executable,
        "numpy": np.__version__,
        "check_epochs": len(w["check"]["perms"]),
        "check_max_abs_diff": diff,
        "epoch_seconds": per_epoch,
    }, sys.stdout)


if __name__ == "__main__":
    main()
