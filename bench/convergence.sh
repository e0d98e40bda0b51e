#!/usr/bin/env bash
# The invariant of the copy, over many more random histories than CI tries: ConvergenceTest applies random batches of
# user actions to a generated library, syncs incrementally after each batch, then syncs the final library fresh into
# a second folder and compares the two (paths, bytes with the metadata written into them, album folders), for each of
# its option sets. CI runs seeds 1 and 2; this runs as many as asked. A failure names the option set and the seed
# (replay it with --seeds N) and lists the actions applied. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: bench/convergence.sh [--seeds LIST | --count N] [--batches N] [--actions N]

  --seeds LIST   comma-separated seeds, e.g. 7,19 (replays a failure)
  --count N      seeds 1 to N (default 20)
  --batches N    batches of actions, each followed by an incremental sync (default 6)
  --actions N    actions per batch (default 10)

Maven options go in MVN_ARGS (e.g. MVN_ARGS=-o). Exit status: Maven's (0 when the invariant held for every case).
USAGE
}

SEEDS=""
COUNT=20
BATCHES=6
ACTIONS=10
while (($#)); do
    case $1 in
        --seeds) SEEDS=$2; shift 2 ;;
        --seeds=*) SEEDS=${1#*=}; shift ;;
        --count) COUNT=$2; shift 2 ;;
        --count=*) COUNT=${1#*=}; shift ;;
        --batches) BATCHES=$2; shift 2 ;;
        --batches=*) BATCHES=${1#*=}; shift ;;
        --actions) ACTIONS=$2; shift 2 ;;
        --actions=*) ACTIONS=${1#*=}; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ $COUNT =~ ^[0-9]+$ && $BATCHES =~ ^[0-9]+$ && $ACTIONS =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }
[[ -z $SEEDS || $SEEDS =~ ^[0-9]+(,[0-9]+)*$ ]] || { usage >&2; exit 2; }
if [[ -z $SEEDS ]]; then
    SEEDS=$(seq -s, 1 "$COUNT")
fi

cd "$(dirname "$0")/.."
# shellcheck disable=SC2086 # MVN_ARGS is a list of options
exec mvn -B ${MVN_ARGS:-} test -Dtest=ConvergenceTest -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dconvergence.seeds=$SEEDS" "-Dconvergence.batches=$BATCHES" "-Dconvergence.actions=$ACTIONS"
