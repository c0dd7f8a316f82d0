#!/usr/bin/env bash
# Runs 'theorycheck run' as a Slurm job array of N shards and merges them into one report (docs/deploy.md).
#
#   deploy/slurm/submit.sh --shards N --out DIR [--partition P] [--time T] [--cpus C] -- RUN-ARGUMENTS...
#
# Task i of the array runs   theorycheck run RUN-ARGUMENTS --shard i/N --out DIR/shards/i --progress plain
# and a merge job, started when every task succeeded (--dependency=afterok), runs
#                            theorycheck merge DIR/shards/0 ... DIR/shards/N-1 --out DIR/report --progress plain
# Logs: DIR/logs/shard-i.log and DIR/logs/merge.log (appended to, one line per event, timestamped). The batch scripts
# are kept in DIR/job/ (task.sh, merge.sh) so a failed shard can be resubmitted alone. The 'theorycheck' on PATH at
# submission is the one every job runs (its absolute path is recorded), so DIR and that path must be visible on the
# compute nodes. The jobs inherit the submitting environment (sbatch's default --export=ALL).
#
# The last line printed is the merge job's id. Exit 0 when both submissions were accepted; 2 on bad arguments (one
# line on stderr); 1 when theorycheck or sbatch is missing or sbatch refuses (its message is shown).
set -eu

me=submit.sh
usage() {
  cat <<'EOF'
usage: submit.sh --shards N --out DIR [--partition P] [--time T] [--cpus C] -- RUN-ARGUMENTS...

Submits a Slurm job array of N tasks (task i: theorycheck run RUN-ARGUMENTS --shard i/N --out DIR/shards/i)
and a merge job (after every task succeeded: theorycheck merge DIR/shards/0 ... DIR/shards/N-1 --out DIR/report).
Logs in DIR/logs/; prints the merge job's id as the last line.

  --shards N      number of array tasks (shards), N >= 1
  --out DIR       run directory (shards/, report/, logs/, job/ are created in it)
  --partition P   Slurm partition (default: the cluster's default)
  --time T        time limit of each job, in sbatch's format (e.g. 2:00:00)
  --cpus C        CPUs per task; also passed as --threads C unless RUN-ARGUMENTS give --threads
  RUN-ARGUMENTS   what 'theorycheck run' computes, e.g.: --all --profile full
EOF
}
bad() { echo "$me: error: $*" >&2; exit 2; }
fail() { echo "$me: error: $*" >&2; exit 1; }

shards='' out='' partition='' time_limit='' cpus=''
# value NAME ARGC VALUE: the value of option NAME, refusing a missing one.
need_value() { [ "$2" -ge 2 ] || bad "$1 needs a value"; case "$3" in --*) bad "$1 needs a value (got '$3')";; esac; }
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    -h|--help) usage; exit 0 ;;
    --shards=*|--out=*|--partition=*|--time=*|--cpus=*) name=${1%%=*}; value=${1#*=}; shift; set -- "$name" "$value" "$@"; continue ;;
    --shards) need_value "$1" $# "${2-}"; [ -z "$shards" ] || bad "--shards given twice"; shards=$2; shift 2 ;;
    --out) need_value "$1" $# "${2-}"; [ -z "$out" ] || bad "--out given twice"; out=$2; shift 2 ;;
    --partition) need_value "$1" $# "${2-}"; [ -z "$partition" ] || bad "--partition given twice"; partition=$2; shift 2 ;;
    --time) need_value "$1" $# "${2-}"; [ -z "$time_limit" ] || bad "--time given twice"; time_limit=$2; shift 2 ;;
    --cpus) need_value "$1" $# "${2-}"; [ -z "$cpus" ] || bad "--cpus given twice"; cpus=$2; shift 2 ;;
    *) bad "unknown argument '$1' (the run's own arguments go after --; see --help)" ;;
  esac
done

[ -n "$shards" ] || bad "--shards N is required"
[ -n "$out" ] || bad "--out DIR is required"
case "$shards" in ''|*[!0-9]*) bad "--shards must be a whole number >= 1 (got '$shards')" ;; esac
[ ${#shards} -le 6 ] || bad "--shards $shards is too large"
shards=$((10#$shards))
[ "$shards" -ge 1 ] || bad "--shards must be a whole number >= 1 (got '$shards')"
if [ -n "$cpus" ]; then
  case "$cpus" in *[!0-9]*) bad "--cpus must be a whole number >= 1 (got '$cpus')" ;; esac
  [ ${#cpus} -le 6 ] || bad "--cpus $cpus is too large"
  cpus=$((10#$cpus))
  [ "$cpus" -ge 1 ] || bad "--cpus must be a whole number >= 1 (got '$cpus')"
fi
case "$partition$time_limit" in *[[:space:]]*) bad "--partition and --time must not contain spaces" ;; esac
[ $# -gt 0 ] || bad "no run arguments: give the claims and profile after --, e.g. -- --all --profile full"
threads_given=0
for argument in "$@"; do
  case "$argument" in
    --shard|--shard=*) bad "RUN-ARGUMENTS must not contain --shard: each task gets its own" ;;
    --out|--out=*) bad "RUN-ARGUMENTS must not contain --out: use submit.sh --out DIR" ;;
    --progress|--progress=*) bad "RUN-ARGUMENTS must not contain --progress: the jobs log with --progress plain" ;;
    --threads|--threads=*) threads_given=1 ;;
  esac
done

theorycheck=$(command -v theorycheck) || fail "theorycheck is not on PATH"
case "$theorycheck" in /*) ;; *) fail "theorycheck on PATH is '$theorycheck', not a program file" ;; esac
command -v sbatch >/dev/null 2>&1 || fail "sbatch is not on PATH (is this a Slurm login node?)"

[ ! -e "$out" ] || [ -d "$out" ] || bad "--out: '$out' exists and is not a directory"
mkdir -p -- "$out/logs" "$out/shards" "$out/job" 2>/dev/null || bad "--out: cannot create directories in '$out'"
out=$(cd -- "$out" && pwd -P)

threads=()
if [ -n "$cpus" ] && [ "$threads_given" -eq 0 ]; then threads=(--threads "$cpus"); fi

# The batch scripts, with every value quoted for bash (printf %q), so paths and arguments may hold spaces. The
# resources are #SBATCH lines, so resubmitting a script needs only --array and --output (docs/deploy.md).
q() { printf '%q' "$1"; }
qs() { local a; for a in "$@"; do printf ' %q' "$a"; done; }
sbatch_lines() {
  echo "#SBATCH --job-name=$1"
  [ -z "$partition" ] || echo "#SBATCH --partition=$partition"
  [ -z "$time_limit" ] || echo "#SBATCH --time=$time_limit"
  [ -z "$cpus" ] || echo "#SBATCH --cpus-per-task=$cpus"
}
pattern=${out//\%/%%}   # sbatch's --output expands %-patterns; a literal % in DIR is written %%
{
  echo '#!/usr/bin/env bash'
  sbatch_lines theorycheck-shards
  echo "# Written by deploy/slurm/submit.sh: shard \$SLURM_ARRAY_TASK_ID of $shards. Resubmit shard I with"
  echo "#   sbatch --array=I --open-mode=append --output=$(q "$pattern/logs/shard-%a.log") $(q "$out/job/task.sh")"
  echo 'set -eu'
  echo 'i=${SLURM_ARRAY_TASK_ID:?not started as a task of a Slurm job array}'
  echo 'status=0'
  echo "$(q "$theorycheck") run$(qs "$@")$(qs "${threads[@]+"${threads[@]}"}") --shard \"\$i/$shards\" --out $(q "$out/shards")/\"\$i\" --progress plain || status=\$?"
  # Exit 1 means the shard's cells were computed and stored but a claim it finished does not hold as expected
  # (fails, inconclusive, diverged): that verdict is the merge job's to report, so the task succeeds and the
  # merge still runs. Any other failure (bad input 2, internal error 3, SIGTERM at the time limit 143) fails the task.
  echo 'if [ "$status" -eq 1 ]; then'
  echo '  echo "submit.sh: shard $i: cells stored; a claim does not hold as expected here (exit 1), the merged report has the verdicts"'
  echo '  exit 0'
  echo 'fi'
  echo 'exit "$status"'
} > "$out/job/task.sh"
{
  echo '#!/usr/bin/env bash'
  sbatch_lines theorycheck-merge
  echo "# Written by deploy/slurm/submit.sh: merges the $shards shards into $(q "$out/report")."
  echo 'set -eu'
  printf '%s merge' "$(q "$theorycheck")"
  for ((i = 0; i < shards; i++)); do printf ' %s' "$(q "$out/shards/$i")"; done
  echo "$(qs "${threads[@]+"${threads[@]}"}") --out $(q "$out/report") --progress plain"
} > "$out/job/merge.sh"
chmod +x "$out/job/task.sh" "$out/job/merge.sh"

common=(--parsable --chdir="$out" --open-mode=append)
array=$(sbatch "${common[@]}" --array="0-$((shards - 1))" --output="$pattern/logs/shard-%a.log" "$out/job/task.sh") || fail "sbatch refused the array job (see its message above)"
array=${array%%;*}
case "$array" in ''|*[!0-9]*) fail "sbatch printed '$array' instead of a job id" ;; esac
echo "array job $array: $shards tasks, logs in $out/logs/shard-<i>.log, shards in $out/shards/<i>"

# --kill-on-invalid-dep: when a task fails, the merge job is cancelled instead of waiting forever.
merge=$(sbatch "${common[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$pattern/logs/merge.log" "$out/job/merge.sh") || fail "sbatch refused the merge job (array job $array is queued; cancel it with: scancel $array)"
merge=${merge%%;*}
case "$merge" in ''|*[!0-9]*) fail "sbatch printed '$merge' instead of a job id" ;; esac
echo "merge job $merge: after every task succeeded, report in $out/report, log in $out/logs/merge.log"
echo "$merge"
