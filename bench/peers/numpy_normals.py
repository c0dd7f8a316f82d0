#!/usr/bin/python3
"""Peer benchmark for RandomBenchmarks.FillNormal: numpy's default_rng (PCG64) standard normals into a buffer.

Run: /usr/bin/python3 bench/peers/numpy_normals.py   (numpy from Debian: apt-get install -y python3-numpy)
Prints, per size, the best-of-repeats throughput in normals per second, by wall clock and by process CPU time
(the CPU-time figure is steadier on a shared machine). Also measures rng.random(size, out=buf) for FillUniform.
"""
import json
import sys
import time

import numpy as np

SIZES = (1000, 4000, 16000, 1_000_000)
TARGET_SECONDS = 0.25  # per repeat
REPEATS = 7


def measure(fill, size):
    # Calibrate the inner loop so one repeat takes about TARGET_SECONDS.
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fill()
        elapsed = time.perf_counter() - start
        if elapsed > TARGET_SECONDS / 4:
            break
        loops *= 4
    loops = max(1, int(loops * TARGET_SECONDS / max(elapsed, 1e-9)))
    best_wall = best_cpu = float("inf")
    for _ in range(REPEATS):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for _ in range(loops):
            fill()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        best_wall = min(best_wall, wall / loops)
        best_cpu = min(best_cpu, max(cpu, 1e-9) / loops)
    return size / best_wall, size / best_cpu


def main():
    rng = np.random.default_rng(2024)
    results = []
    for size in SIZES:
        buf = np.empty(size)
        normal_wall, normal_cpu = measure(lambda: rng.standard_normal(size, out=buf), size)
        uniform_wall, uniform_cpu = measure(lambda: rng.random(size, out=buf), size)
        results.append({"size": size, "normals_per_s_wall": normal_wall, "normals_per_s_cpu": normal_cpu,
                        "uniforms_per_s_wall": uniform_wall, "uniforms_per_s_cpu": uniform_cpu})
        print(f"numpy {np.__version__} size {size:>8}: normals {normal_wall / 1e6:7.1f} M/s wall, "
              f"{normal_cpu / 1e6:7.1f} M/s cpu; uniforms {uniform_wall / 1e6:7.1f} M/s wall, "
              f"{uniform_cpu / 1e6:7.1f} M/s cpu")
    if "--json" in sys.argv:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
