#!/usr/bin/python3
"""Peer benchmark for the cws SGD step (CwsBenchmarks, --cws-cputime): one-pass SGD in a straightforward numpy loop.

Same algorithm as TheoryCheck.Simulation.Cws.CwsSgdSimulation (docs/theory/cws.md §1): logistic loss, two classes
+mu/-mu with labels 1/0 and p = 1/2, power-law variances lambda_i^(c) = (i/d)^alpha_c with alpha = (1.1, 1.5),
mu_i = d^(-1/2) (i/d)^(-0.25), gamma = 1. Per step: the class from a uniform, z ~ N(0, I_d),
a = m_c + sqrt(lambda_c) z, r = <X, a>, X <- X - (gamma/d)(sigmoid(r) - y_c) a. The square roots of the variances
and the means are precomputed, as the engine does.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/cws_sgd.py [--ours PATH]
(numpy from Debian: apt-get install -y python3-numpy). Prints steps per second by wall clock and by process CPU
time (best of 7 repeats of about 0.5 s) for d = 1e3, 1e4, 1e5, and a JSON line. With --ours PATH (the JSON of
`dotnet run -c Release --project bench/TheoryCheck.Bench -- --cws-cputime --json PATH`, run just before) it prints
the ratios ours / numpy, and our per-mode vs binned ODE cost per unit time from the same JSON.
"""
import json
import math
import sys

import numpy as np

import peer_timing

SIZES = (1_000, 10_000, 100_000)
ALPHAS, BETA, GAMMA = (1.1, 1.5), -0.25, 1.0
REPEATS = 7
TARGET_SECONDS = 0.5


class Sgd:
    def __init__(self, d, seed=1):
        i = np.arange(1, d + 1) / d
        self.d = d
        self.rng = np.random.default_rng(seed)
        mu = d ** -0.5 * i ** BETA
        self.means = (mu, -mu)
        self.roots = tuple(np.sqrt(i ** a) for a in ALPHAS)
        self.labels = (1.0, 0.0)
        self.x = np.zeros(d)
        self.z = np.empty(d)
        self.a = np.empty(d)

    def step(self):
        c = 0 if self.rng.random() < 0.5 else 1
        z, a, x = self.z, self.a, self.x
        self.rng.standard_normal(out=z)
        np.multiply(z, self.roots[c], out=a)
        a += self.means[c]
        r = float(x @ a)
        sigma = 1.0 / (1.0 + math.exp(-r)) if r >= 0 else math.exp(r) / (1.0 + math.exp(r))
        x -= (GAMMA / self.d * (sigma - self.labels[c])) * a


def measure(d):
    sgd = Sgd(d)
    wall, cpu = peer_timing.measure(sgd.step, target_seconds=TARGET_SECONDS, repeats=REPEATS)
    return 1 / wall, 1 / cpu


def main():
    results = {}
    for d in SIZES:
        wall, cpu = measure(d)
        results[d] = {"steps_per_s_wall": wall, "steps_per_s_cpu": cpu}
        print(f"numpy {np.__version__} d {d:8d}: {wall:10.0f} steps/s wall, {cpu:10.0f} steps/s cpu ({d * cpu / 1e6:.0f} M element-updates/s cpu)")
    print(json.dumps({"numpy": np.__version__, "results": results}))
    path = peer_timing.ours_path(sys.argv)
    if path is None:
        return
    data = peer_timing.load(path)
    ours = data["results"]
    print()
    print("| d | ours steps/s (CPU) | numpy steps/s (CPU) | ratio ours/numpy (CPU) | ours steps/s (wall) | numpy steps/s (wall) | ratio (wall) |")
    print("|---|---|---|---|---|---|---|")
    for d in SIZES:
        o, r = ours[str(d)], results[d]
        print(f"| {d} | {o['steps_per_s_cpu']:.0f} | {r['steps_per_s_cpu']:.0f} | {o['steps_per_s_cpu'] / r['steps_per_s_cpu']:.1f}x | "
              f"{o['steps_per_s_wall']:.0f} | {r['steps_per_s_wall']:.0f} | {o['steps_per_s_wall'] / r['steps_per_s_wall']:.1f}x |")
    print()
    print("| d | per-mode ODE, ms per unit time (CPU) | binned ODE, ms per unit time (CPU) | bins | ratio per-mode/binned | binning setup (ms) | RHS evaluations | risk difference at t = 40 |")
    print("|---|---|---|---|---|---|---|---|")
    for d, o in data["ode"].items():
        print(f"| {d} | {o['per_mode_s_per_time_cpu'] * 1e3:.3f} | {o['binned_s_per_time_cpu'] * 1e3:.3f} | {o['bins']} | "
              f"{o['per_mode_s_per_time_cpu'] / o['binned_s_per_time_cpu']:.1f}x | {o['binning_setup_s_cpu'] * 1e3:.1f} | {o['rhs_evaluations']} | {o['risk_difference']:.1e} |")


if __name__ == "__main__":
    main()
