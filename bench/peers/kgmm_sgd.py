#!/usr/bin/python3
"""Peer baseline for the kgmm SGD benchmark (TheoryCheck issue 3, kgmm.md §3).

A straightforward numpy loop of the same algorithm as TheoryCheck.Simulation.Kgmm.KgmmSgd:
random orthonormal means (QR of a d×k Gaussian), x^c_0 ~ N(0, I_d/d), and per step
  b ~ p, Y = μ_b + Z (Z ~ N(0, I_d/λ)), ζ = X Y, π = softmax(ζ) (max subtracted),
  X ← X − δ[(π − e_b) Yᵀ + β X],  δ = cdelta/d.
The labels are drawn for all steps at once (one vectorised rng.choice), so the per-step cost is the d normals
(rng.standard_normal, numpy's default_rng = PCG64 + ziggurat) plus the numpy array operations; this is the
fair, idiomatic loop a user would write, not a deliberately slow one.

Usage: /usr/bin/python3 kgmm_sgd.py [--d 1000 4000 16000] [--k 3] [--seconds 3] [--repeats 3]
Prints one line per d: steps/s by wall clock and by process CPU time (best of the repeats; the CPU-time figure is
steadier on a shared machine), plus the rate of rng.standard_normal(d) and its share of a step.
"""
import argparse
import time

import numpy as np


def run(d, k, lam, beta, cdelta, steps, seed):
    rng = np.random.default_rng(seed)
    means, _ = np.linalg.qr(rng.standard_normal((d, k)))
    means = np.ascontiguousarray(means.T)          # k × d, rows orthonormal
    x = rng.standard_normal((k, d)) / np.sqrt(d)   # k × d
    p = np.full(k, 1.0 / k)
    labels = rng.choice(k, size=steps, p=p)
    delta = cdelta / d
    noise_sd = 1.0 / np.sqrt(lam)
    c0 = time.process_time()
    t0 = time.perf_counter()
    for step in range(steps):
        b = labels[step]
        y = means[b] + noise_sd * rng.standard_normal(d)
        z = x @ y
        z -= z.max()
        pi = np.exp(z)
        pi /= pi.sum()
        pi[b] -= 1.0
        x -= delta * (np.outer(pi, y) + beta * x)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return elapsed, cpu, x, means


def normal_rate(d, seconds):
    """Best of 3 (wall, CPU) rates of rng.standard_normal(d) in normals per second."""
    rng = np.random.default_rng(1)
    best, best_cpu = 0.0, 0.0
    for _ in range(3):
        n = 0
        c0 = time.process_time()
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < seconds / 3:
            for _ in range(100):
                rng.standard_normal(d)
            n += 100
        best = max(best, n * d / (time.perf_counter() - t0))
        best_cpu = max(best_cpu, n * d / max(time.process_time() - c0, 1e-9))
    return best, best_cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--d", type=int, nargs="+", default=[1000, 4000, 16000])
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--lam", type=float, default=3.0)
    ap.add_argument("--beta", type=float, default=0.1)
    ap.add_argument("--cdelta", type=float, default=1.0)
    ap.add_argument("--seconds", type=float, default=2.0, help="approximate seconds per repeat")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    print(f"numpy {np.__version__}")
    for d in args.d:
        # calibrate the step count to about args.seconds
        elapsed, _, _, _ = run(d, args.k, args.lam, args.beta, args.cdelta, 200, 0)
        steps = max(200, int(200 * args.seconds / max(elapsed, 1e-6)))
        best, best_cpu = 0.0, 0.0
        for r in range(args.repeats):
            elapsed, cpu, x, _ = run(d, args.k, args.lam, args.beta, args.cdelta, steps, r + 1)
            assert np.all(np.isfinite(x))
            best = max(best, steps / elapsed)
            best_cpu = max(best_cpu, steps / max(cpu, 1e-9))
        gen, gen_cpu = normal_rate(d, 0.5 * args.seconds)
        gen_fraction = (d / gen) * best
        print(f"d={d} k={args.k} steps={steps} best_steps_per_s={best:.1f} cpu_steps_per_s={best_cpu:.1f} "
              f"normals_per_s={gen:.3e} cpu_normals_per_s={gen_cpu:.3e} generator_fraction_of_step={gen_fraction:.2f}", flush=True)


if __name__ == "__main__":
    main()
