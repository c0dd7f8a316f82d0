#!/usr/bin/python3
"""Whole-process peer of `theorycheck sgd kgmm --d D --seed S --t-end T --t-step S` (kgmm.md §3).

The same algorithm as TheoryCheck's full engine, as a straightforward loop a user would write, in one of three
backends (--backend numpy | torch | numba): random orthonormal means (QR of a d×k Gaussian), x^c_0 ~ N(0, I_d/d), and
per step
  b ~ p, Y = μ_b + Z (Z ~ N(0, I_d/λ)), ζ = X Y, π = softmax(ζ) (max subtracted),
  X ← X − δ[(π − e_b) Yᵀ + β X],  δ = cdelta/d,
recording m = X μᵀ, R = X Xᵀ and Rperp = R − m mᵀ at the step nearest to t/δ of every grid time, then printing them as
one JSON document. The process is timed from outside (bench/peers/compare_kgmm_process.sh), so interpreter start-up,
imports, set-up, JIT compilation (numba: cached on disk after the first run) and output all count, as they do for
`theorycheck sgd`. TheoryCheck additionally evaluates the population loss and accuracy at every record.

- numpy: default_rng (PCG64, ziggurat) standard_normal(d) per step, X @ y, np.outer update (in place).
- torch: float64 tensors, torch.randn per step, X @ y, X.mul_(s).addr_(...); torch.set_num_threads(1) like ours.
- numba: @njit(cache=True) loop over steps with a scalar np.random.standard_normal() per element and explicit loops for the k dot products
  and the k axpys (the fastest Python peer we know how to write).
"""
import argparse
import json
import math
import sys


def record_steps(d, cdelta, t_end, t_step):
    n = int(math.floor(t_end / t_step + 1e-9)) + 1
    times = [i * t_step for i in range(n)]
    return times, [int(math.floor(t * d / cdelta + 0.5)) for t in times]


def run_numpy(d, k, lam, beta, cdelta, seed, steps):
    import numpy as np
    rng = np.random.default_rng(seed)
    means, _ = np.linalg.qr(rng.standard_normal((d, k)))
    means = np.ascontiguousarray(means.T)
    x = rng.standard_normal((k, d)) / np.sqrt(d)
    labels = rng.choice(k, size=max(steps[-1], 1), p=np.full(k, 1.0 / k))
    delta, sd, scale = cdelta / d, 1.0 / np.sqrt(lam), 1.0 - cdelta / d * beta
    out, step = [], 0
    for target in steps:
        while step < target:
            b = labels[step]
            y = means[b] + sd * rng.standard_normal(d)
            z = x @ y
            z -= z.max()
            pi = np.exp(z)
            pi /= pi.sum()
            pi[b] -= 1.0
            x *= scale
            x -= delta * np.outer(pi, y)
            step += 1
        out.append(((x @ means.T).tolist(), (x @ x.T).tolist()))
    return out


def run_torch(d, k, lam, beta, cdelta, seed, steps):
    import torch
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(seed)
    dt = torch.float64
    means, _ = torch.linalg.qr(torch.randn(d, k, generator=g, dtype=dt))
    means = means.T.contiguous()
    x = torch.randn(k, d, generator=g, dtype=dt) / math.sqrt(d)
    labels = torch.randint(0, k, (max(steps[-1], 1),), generator=g).tolist()
    delta, sd, scale = cdelta / d, 1.0 / math.sqrt(lam), 1.0 - cdelta / d * beta
    out, step = [], 0
    with torch.no_grad():
        for target in steps:
            while step < target:
                b = labels[step]
                y = torch.randn(d, generator=g, dtype=dt).mul_(sd).add_(means[b])
                pi = torch.softmax(x @ y, 0)
                pi[b] -= 1.0
                x.mul_(scale).addr_(pi, y, alpha=-delta)
                step += 1
            out.append(((x @ means.T).tolist(), (x @ x.T).tolist()))
    return out


def run_numba(d, k, lam, beta, cdelta, seed, steps):
    import numpy as np
    from numba import njit

    @njit(cache=True, fastmath=False)
    def advance(x, means, labels, start, stop, sd, delta, scale, y, z, pi):
        k, d = x.shape
        for step in range(start, stop):
            b = labels[step]
            for i in range(d):
                y[i] = means[b, i] + sd * np.random.standard_normal()
            for c in range(k):
                s = 0.0
                for i in range(d):
                    s += x[c, i] * y[i]
                z[c] = s
            zmax = z.max()
            total = 0.0
            for c in range(k):
                pi[c] = math.exp(z[c] - zmax)
                total += pi[c]
            for c in range(k):
                pi[c] = -delta * (pi[c] / total - (1.0 if c == b else 0.0))
            for c in range(k):
                a = pi[c]
                for i in range(d):
                    x[c, i] = scale * x[c, i] + a * y[i]

    @njit(cache=True)
    def reseed(s):
        np.random.seed(s)

    rng = np.random.default_rng(seed)
    means, _ = np.linalg.qr(rng.standard_normal((d, k)))
    means = np.ascontiguousarray(means.T)
    x = np.ascontiguousarray(rng.standard_normal((k, d)) / np.sqrt(d))
    labels = rng.choice(k, size=max(steps[-1], 1), p=np.full(k, 1.0 / k))
    reseed(seed)
    y, z, pi = np.empty(d), np.empty(k), np.empty(k)
    delta, sd, scale = cdelta / d, 1.0 / np.sqrt(lam), 1.0 - cdelta / d * beta
    out, step = [], 0
    for target in steps:
        if target > step:
            advance(x, means, labels, step, target, sd, delta, scale, y, z, pi)
            step = target
        out.append(((x @ means.T).tolist(), (x @ x.T).tolist()))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["numpy", "torch", "numba"], default="numpy")
    ap.add_argument("--d", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--t-end", type=float, required=True)
    ap.add_argument("--t-step", type=float, required=True)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--lam", type=float, default=3.0)
    ap.add_argument("--beta", type=float, default=0.1)
    ap.add_argument("--cdelta", type=float, default=1.0)
    a = ap.parse_args()
    times, steps = record_steps(a.d, a.cdelta, a.t_end, a.t_step)
    run = {"numpy": run_numpy, "torch": run_torch, "numba": run_numba}[a.backend]
    records = run(a.d, a.k, a.lam, a.beta, a.cdelta, a.seed, steps)
    doc = {"model": "kgmm", "engine": "sgd-" + a.backend, "d": a.d, "seed": a.seed, "t": times, "observables": {}}
    for c in range(a.k):
        for e in range(a.k):
            doc["observables"][f"m[{c + 1},{e + 1}]"] = [m[c][e] for m, _ in records]
        for e in range(c, a.k):
            doc["observables"][f"R[{c + 1},{e + 1}]"] = [r[c][e] for _, r in records]
            doc["observables"][f"Rperp[{c + 1},{e + 1}]"] = [
                r[c][e] - sum(m[c][a_] * m[e][a_] for a_ in range(a.k)) for m, r in records]
    json.dump(doc, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
