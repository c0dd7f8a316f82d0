#!/usr/bin/python3
"""Peer benchmark for RandomBenchmarks.FillNormal: numpy's default_rng (PCG64) standard normals into a buffer.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/numpy_normals.py [--ours PATH] [--json]
(numpy from Debian: apt-get install -y python3-numpy). Prints, per size, the best-of-repeats throughput in normals
per second, by wall clock and by process CPU time (the CPU-time figure is steadier on a shared machine). Also
measures rng.random(size, out=buf) for FillUniform. With --ours PATH (the JSON of `dotnet run -c Release --project
bench/TheoryCheck.Bench -- --random-cputime --json PATH`, run just before) it prints the ratios ours / numpy for
our best instruction-set path.
"""
import json
import sys

import numpy as np

from peer_timing import load, measure, ours_path

SIZES = (1000, 4000, 16000, 1_000_000)


def main():
    rng = np.random.default_rng(2024)
    results = []
    for size in SIZES:
        buf = np.empty(size)
        normal_wall, normal_cpu = measure(lambda: rng.standard_normal(size, out=buf))
        uniform_wall, uniform_cpu = measure(lambda: rng.random(size, out=buf))
        results.append({"size": size, "normals_per_s_wall": size / normal_wall, "normals_per_s_cpu": size / normal_cpu,
                        "uniforms_per_s_wall": size / uniform_wall, "uniforms_per_s_cpu": size / uniform_cpu})
        print(f"numpy {np.__version__} size {size:>8}: normals {size / normal_wall / 1e6:7.1f} M/s wall, "
              f"{size / normal_cpu / 1e6:7.1f} M/s cpu; uniforms {size / uniform_wall / 1e6:7.1f} M/s wall, "
              f"{size / uniform_cpu / 1e6:7.1f} M/s cpu")
    if "--json" in sys.argv:
        print(json.dumps(results))
    path = ours_path(sys.argv)
    if path is None:
        return
    ours = load(path)
    best = {r["size"]: r for r in ours["results"] if r["best"]}
    print()
    print(f"| size | ours normals/s (CPU, {ours['best_path']}) | numpy normals/s (CPU) | ratio ours/numpy (CPU) | ratio (wall) | "
          "ours uniforms/s (CPU) | numpy uniforms/s (CPU) | ratio (CPU) |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        o = best[r["size"]]
        print(f"| {r['size']} | {o['normals_per_s_cpu'] / 1e6:.0f} M | {r['normals_per_s_cpu'] / 1e6:.0f} M | "
              f"{o['normals_per_s_cpu'] / r['normals_per_s_cpu']:.1f}x | {o['normals_per_s_wall'] / r['normals_per_s_wall']:.1f}x | "
              f"{o['uniforms_per_s_cpu'] / 1e6:.0f} M | {r['uniforms_per_s_cpu'] / 1e6:.0f} M | "
              f"{o['uniforms_per_s_cpu'] / r['uniforms_per_s_cpu']:.1f}x |")


if __name__ == "__main__":
    main()
