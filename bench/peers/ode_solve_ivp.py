#!/usr/bin/python3
"""Peer benchmark for OdeBenchmarks: scipy.integrate.solve_ivp on the same Lorenz-96 problem.

Lorenz-96, n = 12, F = 8: dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F (cyclic), x_i(0) = F + 0.01 i, t in [0, 8],
output on t_eval = 0, 0.5, ..., 8, rtol = 1e-8, atol = 1e-10; methods 'RK45' (Dormand-Prince 5(4), the peer of our
DormandPrince54) and 'DOP853' (the peer of our DormandPrince853). The right-hand side is the vectorised numpy
one-liner a researcher writes (np.roll). Reference: scipy DOP853 at rtol = 1e-13, atol = 1e-15.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/ode_solve_ivp.py [--ours PATH]
(scipy from Debian: apt-get install -y python3-scipy). With --ours PATH (the JSON of
`dotnet run -c Release --project bench/TheoryCheck.Bench -- --ode-cputime --json PATH`, run just before), it also
prints our time per solve and RHS evaluations side by side, the ratios, and the accuracy of every solution against
both references (ours and scipy's), plus the difference between the two references.
"""
import sys

import numpy as np
import scipy
from scipy.integrate import solve_ivp

from peer_timing import load, measure, ours_path

N, FORCING, T_END = 12, 8.0, 8.0
GRID = np.arange(17) * 0.5
INITIAL = FORCING + 0.01 * np.arange(N)
REPORT_TIMES = (0.5, 1.0, 2.0, 4.0, 6.0, 8.0)


def lorenz96(t, x):
    return (np.roll(x, -1) - np.roll(x, 2)) * np.roll(x, 1) - x + FORCING


def solve(method, rtol, atol, t_eval=GRID):
    return solve_ivp(lorenz96, (0.0, T_END), INITIAL, method=method, rtol=rtol, atol=atol, t_eval=t_eval)


def errors(states, reference):
    """max_i |x_i - x_ref,i| at each grid time."""
    return np.abs(np.asarray(states) - np.asarray(reference)).max(axis=1)


def error_row(label, states, reference):
    e = errors(states, reference)
    cells = "  ".join(f"{e[int(round(t / 0.5))]:9.2e}" for t in REPORT_TIMES)
    return f"  {label:<28}{cells}"


def main():
    ours = load(ours_path(sys.argv)) if ours_path(sys.argv) else None
    print(f"scipy {scipy.__version__}, numpy {np.__version__}: Lorenz-96 n = {N}, F = {FORCING}, t in [0, {T_END}], "
          f"{len(GRID)}-point t_eval")
    reference = solve("DOP853", 1e-13, 1e-15)
    assert reference.success, reference.message
    peers = {}
    for method in ("RK45", "DOP853"):
        solution = solve(method, 1e-8, 1e-10)
        assert solution.success, solution.message
        steps = len(solve(method, 1e-8, 1e-10, t_eval=None).t) - 1
        wall, cpu = measure(lambda: solve(method, 1e-8, 1e-10), target_seconds=0.5)
        peers[method] = (solution, steps, wall, cpu)
        print(f"scipy {method:<7} rtol 1e-8: {cpu * 1e3:8.2f} ms cpu, {wall * 1e3:8.2f} ms wall per solve; "
              f"{solution.nfev} RHS evaluations, {steps} accepted steps; {cpu / solution.nfev * 1e6:6.2f} us cpu per evaluation")
    if ours is None:
        return
    print()
    print("| solver pair | ours: time per solve (CPU) | ours: RHS evaluations | scipy: time per solve (CPU) | "
          "scipy: RHS evaluations | ratio scipy/ours (CPU) | ratio (wall) |")
    print("|---|---|---|---|---|---|---|")
    by_name = {s["solver"]: s for s in ours["solves"]}
    for our_name, method in (("DP5", "RK45"), ("DOP853", "DOP853")):
        o = by_name[our_name]
        solution, steps, wall, cpu = peers[method]
        print(f"| {our_name} vs solve_ivp {method} | {o['seconds_cpu'] * 1e6:.0f} us | {o['rhs_evaluations']} "
              f"({o['accepted_steps']} acc., {o['rejected_steps']} rej.) | {cpu * 1e3:.2f} ms | {solution.nfev} ({steps} acc.) | "
              f"{cpu / o['seconds_cpu']:.0f}x | {wall / o['seconds_wall']:.0f}x |")
    print()
    ours_reference = np.array(ours["reference"]["states"])
    print(f"max_i |x_i - reference| at t = {', '.join(str(t) for t in REPORT_TIMES)}")
    for label, target in (("our DOP853 rtol 1e-13", ours_reference), ("scipy DOP853 rtol 1e-13", reference.y.T)):
        print(f" against {label}:")
        if target is not ours_reference:
            print(error_row("our DOP853 rtol 1e-13", ours_reference, target))
        else:
            print(error_row("scipy DOP853 rtol 1e-13", reference.y.T, target))
        for our_name in ("DP5", "DOP853"):
            print(error_row(f"our {our_name} rtol 1e-8", by_name[our_name]["states"], target))
        for method in ("RK45", "DOP853"):
            print(error_row(f"scipy {method} rtol 1e-8", peers[method][0].y.T, target))
    print(f"our reference: {ours['reference']['rhs_evaluations']} RHS evaluations, "
          f"{ours['reference']['seconds_cpu'] * 1e3:.2f} ms cpu; scipy reference: {reference.nfev} RHS evaluations")


if __name__ == "__main__":
    main()
