#!/usr/bin/python3
"""Whole-process comparison, back to back: `theorycheck sgd kgmm` against bench/peers/kgmm_sgd_process.py (numpy,
torch, numba) for the same d, grid and parameters (k = 3, λ = 3, β = 0.1, c_δ = 1).

Each round runs every command once, in a fixed order, and measures its wall time (perf_counter) and CPU time
(user + system of the child, from getrusage). The table reports, per command, the best and the median over the
rounds, and the peers' ratios to ours (> 1: TheoryCheck faster) computed from the best times and from the medians.
numba compiles on its first run and caches the machine code on disk (cache=True); one untimed warm-up run of every
command precedes the rounds, so numba's figures are cached-compile figures (its first-run compile is reported
separately).

Usage: compare_kgmm_process.py --ours src/TheoryCheck.Cli/bin/Release/net10.0/theorycheck \
           [--ours-extra 'r2r=/tmp/r2r/theorycheck'] [--d 16000] [--t-end 1] [--t-step 0.1] [--rounds 5]
           [--peers numpy torch numba]
The second table gives every peer's time over every build of ours (> 1: TheoryCheck faster).
"""
import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(result.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ours", required=True, help="command prefix that runs the theorycheck CLI")
    ap.add_argument("--d", type=int, default=16000)
    ap.add_argument("--t-end", default="1")
    ap.add_argument("--t-step", default="0.1")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--peers", nargs="+", default=["numpy", "torch", "numba"])
    ap.add_argument("--ours-extra", action="append", default=[],
                    help="LABEL=COMMAND: another build of ours timed in the same rounds (e.g. a ReadyToRun publish)")
    a = ap.parse_args()
    grid = ["--d", str(a.d), "--seed", "1", "--t-end", a.t_end, "--t-step", a.t_step]
    commands = {"theorycheck": shlex.split(a.ours) + ["sgd", "kgmm"] + grid}
    for extra in a.ours_extra:
        label, command = extra.split("=", 1)
        commands[label] = shlex.split(command) + ["sgd", "kgmm"] + grid
    for peer in a.peers:
        commands[peer] = ["/usr/bin/python3", os.path.join(HERE, "kgmm_sgd_process.py"), "--backend", peer] + grid
    print(f"d = {a.d}, t_end = {a.t_end}, t_step = {a.t_step}, {a.rounds} rounds; load {os.getloadavg()}", flush=True)
    for name, command in commands.items():  # warm-up (numba compiles and caches here)
        wall, cpu, _ = timed(command)
        print(f"warm-up {name}: wall {wall:.3f} s, cpu {cpu:.3f} s", flush=True)
    results = {name: [] for name in commands}
    for r in range(a.rounds):
        for name, command in commands.items():
            results[name].append(timed(command)[:2])
        print(f"round {r + 1}: " + ", ".join(f"{n} {results[n][-1][0]:.3f}/{results[n][-1][1]:.3f}" for n in commands)
              + f" (wall/cpu s); load {os.getloadavg()[0]:.1f}", flush=True)
    best = lambda xs, i: min(x[i] for x in xs)
    median = lambda xs, i: statistics.median(x[i] for x in xs)
    print()
    print("| command | wall best | wall median | CPU best | CPU median |")
    print("|---|---|---|---|---|")
    for name, xs in results.items():
        print(f"| {name} | {best(xs, 0):.3f} s | {median(xs, 0):.3f} s | {best(xs, 1):.3f} s | {median(xs, 1):.3f} s |")
    print()
    print("| peer / ours | wall (best) | wall (median) | CPU (best) | CPU (median) |")
    print("|---|---|---|---|---|")
    ours_names = [n for n in results if n not in a.peers]
    for ours_name in ours_names:
        ours = results[ours_name]
        for peer in a.peers:
            xs = results[peer]
            print(f"| {peer} / {ours_name} | {best(xs, 0) / best(ours, 0):.1f}× | {median(xs, 0) / median(ours, 0):.1f}× | "
                  f"{best(xs, 1) / best(ours, 1):.1f}× | {median(xs, 1) / median(ours, 1):.1f}× |")
    print(f"load at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
