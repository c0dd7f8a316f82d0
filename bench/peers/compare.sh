#!/bin/sh
# Runs every C# thread-CPU-time probe and its peer back to back in one session and prints the ratio tables that
# docs/performance.md records. Usage (from anywhere): bench/peers/compare.sh [random|ode|gaussian|quadratic|spectra|cws|xor ...]
# Output: the console, and OUT (default /tmp/theorycheck-bench) with one JSON per probe and log.txt.
# Needs: the .NET 10 SDK; numpy and scipy from Debian (apt-get install -y python3-numpy python3-scipy).
set -eu
cd "$(dirname "$0")/../.."
OUT=${OUT:-/tmp/theorycheck-bench}
mkdir -p "$OUT"
export OPENBLAS_NUM_THREADS=1
dotnet build -c Release bench/TheoryCheck.Bench 2>&1 | grep -E " error |rror\(s\)" | sort -u
probes=${*:-random ode gaussian quadratic spectra cws xor}
{
  echo "commit $(git rev-parse --short HEAD); $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for probe in $probes; do
    echo
    echo "== $probe: $(uptime)"
    dotnet run -c Release --no-build --project bench/TheoryCheck.Bench -- "--$probe-cputime" --json "$OUT/$probe.json"
    case $probe in
      random) peer=numpy_normals.py ;;
      ode) peer=ode_solve_ivp.py ;;
      gaussian) peer=gaussian_expectation.py ;;
      quadratic) peer=quadratic_sgd.py ;;
      cws) peer=cws_sgd.py ;;
      xor) peer=xor_sgd.py ;;
      *) peer= ;;
    esac
    if [ -n "$peer" ]; then
      /usr/bin/python3 "bench/peers/$peer" --ours "$OUT/$probe.json"
    fi
    echo "== $probe done: $(uptime)"
  done
} 2>&1 | tee "$OUT/log.txt"
