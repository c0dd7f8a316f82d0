"""Shared timing protocol of the peer scripts (same as TheoryCheck.Bench's CpuTime.Measure).

Calibrate an inner loop so that one repeat takes about `target_seconds`, then report the best of `repeats` repeats
per call, by wall clock (time.perf_counter) and by process CPU time (time.process_time; steadier on a shared
machine). Run the peers with OPENBLAS_NUM_THREADS=1 so the process CPU time is single-threaded like ours.
"""
import json
import platform
import time


def measure(call, target_seconds=0.25, repeats=7):
    """Best-of-repeats (wall seconds, CPU seconds) per call of `call`."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            call()
        elapsed = time.perf_counter() - start
        if elapsed > target_seconds / 4:
            break
        loops *= 4
    loops = max(1, int(loops * target_seconds / max(elapsed, 1e-9)))
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for _ in range(loops):
            call()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        best_wall = min(best_wall, wall / loops)
        best_cpu = min(best_cpu, max(cpu, 1e-9) / loops)
    return best_wall, best_cpu


def ours_path(argv):
    """The path after --ours (the JSON written by the C# probe with --json), or None."""
    if "--ours" in argv:
        i = argv.index("--ours")
        if i + 1 < len(argv):
            return argv[i + 1]
    return None


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def python_version():
    return platform.python_version()
