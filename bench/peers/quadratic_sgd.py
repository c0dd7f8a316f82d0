#!/usr/bin/python3
"""Peer benchmark for QuadraticBenchmarks.SgdSteps: the quadratic SGD step in a straightforward numpy loop.

Same algorithm as TheoryCheck.Simulation.Quadratic.QuadraticEngine with additive noise and plain SGD
(quadratic.md §1): H = diag(lambda_dom on k = d/100 coordinates, lambda_bulk on the rest), per step
z ~ N(0, I_d), e <- (1 - eta*lambda) e - eta*sigma*z block by block, and the block sums of squares (for the
alignment chi^2 and the loss) recomputed every step, as the engine keeps them current.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/quadratic_sgd.py [--ours PATH]
(numpy from Debian: apt-get install -y python3-numpy). Prints steps per second by wall clock and by process CPU
time (best of 7 repeats of about 0.5 s) for d = 1e4, 1e5, 1e6, and a JSON line. With --ours PATH (the JSON of
`dotnet run -c Release --project bench/TheoryCheck.Bench -- --quadratic-cputime --json PATH`, run just before) it
prints the ratios ours / numpy.
"""
import json
import sys

import numpy as np

import peer_timing

SIZES = (10_000, 100_000, 1_000_000)
ETA, LAMBDA_DOM, LAMBDA_BULK, SIGMA, R = 0.5, 1.0, 0.001, 1.0, 100.0
REPEATS = 7
TARGET_SECONDS = 0.5


class Engine:
    def __init__(self, d, seed=1):
        self.k = d // 100
        self.rng = np.random.default_rng(seed)
        self.e = R * self.rng.standard_normal(d)
        self.z = np.empty(d)
        self.a_dom = 1 - ETA * LAMBDA_DOM
        self.a_bulk = 1 - ETA * LAMBDA_BULK
        self.c = ETA * SIGMA
        self.sum_dom = self.sum_bulk = 0.0

    def step(self):
        k, e, z = self.k, self.e, self.z
        self.rng.standard_normal(out=z)
        z *= self.c
        e_dom, e_bulk = e[:k], e[k:]
        e_dom *= self.a_dom
        e_dom -= z[:k]
        e_bulk *= self.a_bulk
        e_bulk -= z[k:]
        self.sum_dom = float(e_dom @ e_dom)
        self.sum_bulk = float(e_bulk @ e_bulk)

    def alignment(self):
        g_dom = LAMBDA_DOM ** 2 * self.sum_dom
        return g_dom / (g_dom + LAMBDA_BULK ** 2 * self.sum_bulk)


def measure(d):
    engine = Engine(d)
    wall, cpu = peer_timing.measure(engine.step, target_seconds=TARGET_SECONDS, repeats=REPEATS)
    return 1 / wall, 1 / cpu


def main():
    results = {}
    for d in SIZES:
        wall, cpu = measure(d)
        results[d] = {"steps_per_s_wall": wall, "steps_per_s_cpu": cpu}
        print(f"numpy {np.__version__} d {d:8d}: {wall:10.1f} steps/s wall, {cpu:10.1f} steps/s cpu ({d * cpu / 1e6:.0f} M element-updates/s cpu)")
    print(json.dumps({"numpy": np.__version__, "results": results}))
    path = peer_timing.ours_path(sys.argv)
    if path is None:
        return
    ours = peer_timing.load(path)["results"]
    print()
    print("| d | ours steps/s (CPU) | numpy steps/s (CPU) | ratio ours/numpy (CPU) | ours steps/s (wall) | numpy steps/s (wall) | ratio (wall) |")
    print("|---|---|---|---|---|---|---|")
    for d in SIZES:
        o, r = ours[str(d)], results[d]
        print(f"| {d} | {o['steps_per_s_cpu']:.0f} | {r['steps_per_s_cpu']:.0f} | {o['steps_per_s_cpu'] / r['steps_per_s_cpu']:.1f}x | "
              f"{o['steps_per_s_wall']:.0f} | {r['steps_per_s_wall']:.0f} | {o['steps_per_s_wall'] / r['steps_per_s_wall']:.1f}x |")


if __name__ == "__main__":
    main()
