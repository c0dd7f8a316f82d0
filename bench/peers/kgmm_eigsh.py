#!/usr/bin/python3
"""Peer baseline for the kgmm spectrum benchmark (TheoryCheck issue 3, kgmm.md §10).

Top-12 eigenpairs of the full empirical kgmm Hessian (1/M) Σ_j H_j ⊗ Y_j Y_jᵀ (β excluded) with
scipy.sparse.linalg.eigsh (ARPACK, implicitly restarted Lanczos) on a matrix-free LinearOperator, on exactly the
samples and weights TheoryCheck uses. Produce them first with

    dotnet run -c Release --project bench/TheoryCheck.Bench -- kgmm-export /tmp/kgmm-spectrum 2000

which writes samples.npy (M×d), weights.npy (M×k×k) and TheoryCheck's Lanczos eigenvalues (lanczos_values.txt), then

    /usr/bin/python3 bench/peers/kgmm_eigsh.py /tmp/kgmm-spectrum [--repeats 3] [--dense]

The matvec is the natural numpy one: S = Y U (M×k, one BLAS gemm), T_j = H_j S_j / M, out = Tᵀ Y (another gemm).
--dense also times numpy.linalg.eigvalsh on the materialised kd×kd matrix (LAPACK).
"""
import argparse
import os
import time

import numpy as np
import scipy
from scipy.sparse.linalg import LinearOperator, eigsh


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("directory")
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--tol", type=float, default=1e-10)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dense", action="store_true")
    args = ap.parse_args()
    y = np.load(os.path.join(args.directory, "samples.npy"))
    h = np.load(os.path.join(args.directory, "weights.npy"))
    m, d = y.shape
    k = h.shape[1]
    n = k * d

    def matvec(u):
        u = np.asarray(u).reshape(k, d)
        s = y @ u.T                               # M×k: s[j, c] = Y_j · u^c
        t = np.einsum("jce,je->jc", h, s) / m     # M×k
        return (t.T @ y).reshape(n)               # k×d

    op = LinearOperator((n, n), matvec=matvec, dtype=np.float64)
    u = np.zeros(n)
    u[0] = 1.0
    best_matvec = min(timed(lambda: matvec(u))[0] for _ in range(5))
    best = float("inf")
    values = None
    for r in range(args.repeats):
        v0 = np.random.default_rng(r).standard_normal(n)
        elapsed, (vals, vecs) = timed(lambda: eigsh(op, k=args.count, which="LA", tol=args.tol, v0=v0))
        best = min(best, elapsed)
        values = np.sort(vals)[::-1]
        residual = max(np.linalg.norm(matvec(vecs[:, i]) - vals[i] * vecs[:, i]) for i in range(args.count))
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, d={d} k={k} M={m}")
    print(f"scipy matvec {best_matvec * 1e3:.2f} ms, eigsh top-{args.count} {best:.3f} s (tol {args.tol}, max residual {residual:.2e})")
    print("top: " + ", ".join(f"{v:.6g}" for v in values))
    ours = os.path.join(args.directory, "lanczos_values.txt")
    if os.path.exists(ours):
        theirs = np.loadtxt(ours)
        print(f"max |θ_eigsh − θ_TheoryCheck| = {np.max(np.abs(values - theirs[:args.count])):.2e}")
    if args.dense:
        dense = np.empty((n, n))
        t0 = time.perf_counter()
        for i in range(n):
            e = np.zeros(n)
            e[i] = 1.0
            dense[:, i] = matvec(e)
        t1 = time.perf_counter()
        all_values = np.linalg.eigvalsh(0.5 * (dense + dense.T))
        t2 = time.perf_counter()
        print(f"numpy dense: materialise {t1 - t0:.1f} s, eigvalsh {t2 - t1:.1f} s, top: {all_values[::-1][:3]}")


def timed(f):
    t0 = time.perf_counter()
    result = f()
    return time.perf_counter() - t0, result


if __name__ == "__main__":
    main()
