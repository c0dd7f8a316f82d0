#!/usr/bin/python3
"""Peer benchmark for the xor SGD step (XorBenchmarks, --xor-cputime): online SGD of the 2-layer ReLU network in a
straightforward numpy loop.

Same algorithm as TheoryCheck.Simulation.Xor.XorSgdSimulation (docs/theory/xor.md §2–§3): K = 4, lambda = 20,
beta = 0.05, c_delta = 1, delta = c_delta/d, warm start (W_i in span(mu, nu) plus a perpendicular part). Per step: the
cluster from a uniform (+mu, -mu, +nu, -nu; y = 1 on +-mu), z ~ N(0, I_d), X = cluster + z/sqrt(lambda),
u = W X, s = v . relu(u), e = sigmoid(s) - y, and with gradients at the old parameters
v <- v - delta (e relu(u) + beta v), W <- (1 - delta beta) W - delta e (v * 1{u > 0}) X^T.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/xor_sgd.py [--ours PATH]
(numpy from Debian). Prints steps per second by wall clock and by process CPU time (best of 7 repeats of about
0.5 s) for d = 1e3, 1e4, 1e5, and a JSON line. With --ours PATH (the JSON of
`dotnet run -c Release --project bench/TheoryCheck.Bench -- --xor-cputime --json PATH`, run just before) it prints
the ratios ours / numpy.
"""
import json
import math
import sys

import numpy as np

import peer_timing

SIZES = (1_000, 10_000, 100_000)
K, LAMBDA, BETA, CDELTA = 4, 20.0, 0.05, 1.0
REPEATS = 7
TARGET_SECONDS = 0.5


class Sgd:
    def __init__(self, d, seed=1):
        self.d = d
        self.rng = np.random.default_rng(seed)
        frame, _ = np.linalg.qr(self.rng.standard_normal((d, K + 2)))
        self.mu, self.nu = frame[:, 0].copy(), frame[:, 1].copy()
        self.clusters = (self.mu, -self.mu, self.nu, -self.nu)
        self.labels = (1.0, 1.0, 0.0, 0.0)
        angles = np.arange(K) * 2 * math.pi / K
        self.w = (0.5 * np.outer(np.cos(angles), self.mu) + 0.5 * np.outer(np.sin(angles), self.nu)
                  + 0.1 * frame[:, 2:].T)
        self.v = np.ones(K)
        self.x = np.empty(d)
        self.delta = CDELTA / d
        self.scale = 1 / math.sqrt(LAMBDA)

    def step(self):
        c = int(self.rng.random() * 4)
        x, w, v = self.x, self.w, self.v
        self.rng.standard_normal(out=x)
        x *= self.scale
        x += self.clusters[c]
        u = w @ x
        g = np.maximum(u, 0.0)
        s = float(v @ g)
        sigma = 1.0 / (1.0 + math.exp(-s)) if s >= 0 else math.exp(s) / (1.0 + math.exp(s))
        e = sigma - self.labels[c]
        coefficients = self.delta * e * v * (u > 0)
        v -= self.delta * (e * g + BETA * v)
        w *= 1 - self.delta * BETA
        w -= np.outer(coefficients, x)


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
