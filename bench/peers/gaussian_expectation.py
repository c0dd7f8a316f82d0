#!/usr/bin/python3
"""Peer benchmark for GaussianBenchmarks: tensor Gauss-Hermite expectation of a softmax in vectorised numpy.

E pi(m + C z), z ~ N(0, I_r), pi the softmax over k classes, r = k - 1 = 2 and 3, tensor product of the n = 10
probabilists' Gauss-Hermite rule (numpy.polynomial.hermite_e.hermegauss, weights / sqrt(2 pi)): the k-GMM
right-hand-side kernel. The tensor grid is built once; one expectation is what a researcher writes per ODE
right-hand-side call: x = m + Z @ C.T, a stable softmax along axis 1, then w @ p. Two softmax variants: by hand in
numpy, and scipy.special.softmax.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/gaussian_expectation.py [--ours PATH]
With --ours PATH (the JSON of `dotnet run -c Release --project bench/TheoryCheck.Bench -- --gaussian-cputime
--json PATH`, run just before) it integrates exactly our integrand (our m and our factor C), checks that the two
expectations agree, and prints the ratios. Without it, it builds the same k-GMM state itself (C from numpy's eigh,
which may differ from ours by a rotation, so the expectation then agrees only to quadrature accuracy).
"""
import itertools
import sys

import numpy as np
import scipy
from numpy.polynomial.hermite_e import hermegauss
from scipy.special import softmax

from peer_timing import load, measure, ours_path

ORDER = 10


def tensor_rule(r, n=ORDER):
    x, w = hermegauss(n)
    w = w / np.sqrt(2 * np.pi)
    nodes = np.array(list(itertools.product(x, repeat=r)))
    weights = np.prod(np.array(list(itertools.product(w, repeat=r))), axis=1)
    return nodes, weights


def expectation_numpy(mean, factor, nodes, weights):
    zeta = mean + nodes @ factor.T
    zeta -= zeta.max(axis=1, keepdims=True)
    p = np.exp(zeta)
    p /= p.sum(axis=1, keepdims=True)
    return weights @ p


def expectation_scipy(mean, factor, nodes, weights):
    return weights @ softmax(mean + nodes @ factor.T, axis=1)


def kgmm_state(k, lam=3.0):
    """The state of GaussianBenchmarks.Setup: R = I + 0.15 off-diagonal, Sigma_reduced = Q^T R Q / lambda."""
    r = k - 1
    q = np.zeros((k, r))
    for j in range(r):
        norm = np.sqrt((j + 1.0) * (j + 2.0))
        q[: j + 1, j] = 1.0 / norm
        q[j + 1, j] = -(j + 1.0) / norm
    big_r = np.full((k, k), 0.15) + 0.85 * np.eye(k)
    values, vectors = np.linalg.eigh(q.T @ big_r @ q / lam)
    factor = q @ (vectors * np.sqrt(np.clip(values, 0, None)))
    mean = np.array([0.7] + [-0.7 / (k - 1)] * (k - 1))
    return mean, factor


def main():
    path = ours_path(sys.argv)
    ours = {c["classes"]: c for c in load(path)["cases"]} if path else {}
    print(f"numpy {np.__version__}, scipy {scipy.__version__}: E softmax(m + C z), tensor Gauss-Hermite n = {ORDER}")
    rows = []
    for k in (3, 4):
        if k in ours:
            mean = np.array(ours[k]["mean"])
            factor = np.array(ours[k]["factor"]).reshape(k, ours[k]["factor_columns"])
        else:
            mean, factor = kgmm_state(k)
        nodes, weights = tensor_rule(k - 1)
        value = expectation_numpy(mean, factor, nodes, weights)
        value_scipy = expectation_scipy(mean, factor, nodes, weights)
        wall, cpu = measure(lambda: expectation_numpy(mean, factor, nodes, weights))
        wall_s, cpu_s = measure(lambda: expectation_scipy(mean, factor, nodes, weights))
        print(f"k {k} ({len(weights)} nodes in {k - 1} dims): numpy {cpu * 1e6:7.2f} us cpu ({wall * 1e6:7.2f} wall), "
              f"scipy.special.softmax {cpu_s * 1e6:7.2f} us cpu ({wall_s * 1e6:7.2f} wall); E pi = {value.tolist()}")
        if k in ours:
            o = ours[k]
            difference = np.abs(value - np.array(o["value"])).max()
            difference_s = np.abs(value_scipy - np.array(o["value"])).max()
            rows.append((k, len(weights), o, cpu, wall, cpu_s, difference, difference_s))
    if not rows:
        return
    print()
    print("| k (dims, nodes) | ours: caller's loop (CPU) | ours: Integrate (CPU) | numpy (CPU) | scipy softmax (CPU) | "
          "numpy / ours Integrate (CPU) | numpy / ours (wall) | max abs difference of E pi |")
    print("|---|---|---|---|---|---|---|---|")
    for k, count, o, cpu, wall, cpu_s, difference, difference_s in rows:
        print(f"| {k} ({k - 1}, {count}) | {o['loop_seconds_cpu'] * 1e6:.2f} us | {o['integrate_seconds_cpu'] * 1e6:.2f} us | "
              f"{cpu * 1e6:.2f} us | {cpu_s * 1e6:.2f} us | {cpu / o['integrate_seconds_cpu']:.1f}x | "
              f"{wall / o['integrate_seconds_wall']:.1f}x | {max(difference, difference_s):.1e} |")


if __name__ == "__main__":
    main()
