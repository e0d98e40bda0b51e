#!/usr/bin/env bash
# Many accounts in one process: a first sync of N accounts of M assets each (default 20 x 500) by one
# `sync --config FILE` against a fake iCloud that answers every request 20 ms late, beside the same accounts synced
# one after the other by N single-account processes (what each account needed before: a process of its own). Prints
# wall time, CPU seconds and peak RSS of each (whole process tree), and the most CDN connections open at once, which
# download.max-connections-total bounds in the one process. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/accounts.sh [--accounts N] [--count M] [--latency-ms MS] [--threads N] [--max-connections N]
                         [--fake-arg ARG]... [--keep] [--wait-idle]

  --accounts N         accounts in the fake and in the config file (default 20)
  --count M            assets per account (default 500)
  --latency-ms MS      delay the fake adds to every request (default 20)
  --threads N          download.threads of every account (default 10)
  --max-connections N  download.max-connections-total of the one process (default: the product's, 20)
  --fake-arg ARG       one more FakeICloudMain option (repeatable)
  --keep               keep the scratch directory
  --wait-idle          before each timed run, wait until the machine is 90% idle

Exit status: 0 when both runs synced every account completely, 1 otherwise.
EOF
}

ACCOUNTS=20
COUNT=500
LATENCY_MS=20
THREADS=10
MAX_CONNECTIONS=""
FAKE_ARGS=()
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_options --accounts=ACCOUNTS --count=COUNT --latency-ms=LATENCY_MS --threads=THREADS \
    --max-connections=MAX_CONNECTIONS --fake-arg=FAKE_ARGS+ -- "$@"
[[ $ACCOUNTS =~ ^[1-9][0-9]*$ && $COUNT =~ ^[1-9][0-9]*$ && $LATENCY_MS =~ ^[0-9]+$ && $THREADS =~ ^[1-9][0-9]*$
    && $MAX_CONNECTIONS =~ ^([1-9][0-9]*)?$ ]] || { usage >&2; exit 2; }

bench_require java mvn curl ss
bench_build
bench_workdir
bench_log "starting the fake with $ACCOUNTS accounts of $COUNT assets, $LATENCY_MS ms per request"
# no two-factor code: each account signs in inside its first cycle, and none is at a terminal to give one
bench_start_fake --accounts="$ACCOUNTS" --count="$COUNT" --latency-ms="$LATENCY_MS" --2fa=off "${FAKE_ARGS[@]}"
CDN_PORT=$(sed -n 's|^  cdn *: http://[^:]*:\([0-9]*\).*|\1|p' "$BENCH_WORK/logs/fake.log")
mapfile -t APPLE_IDS < <(sed -n 's/^  account *: //p' "$BENCH_WORK/logs/fake.log")
((${#APPLE_IDS[@]} == ACCOUNTS)) && [[ -n $CDN_PORT ]] || bench_die "cannot read the fake's accounts or CDN port"

# The most connections to the fake's CDN open at once while a run lasts, sampled every 50 ms.
PEAK_FILE=$BENCH_WORK/logs/peak-connections
sample_connections() {
    local peak=0 now
    while :; do
        now=$(ss -Htn state established "( dport = :$CDN_PORT )" 2>/dev/null | wc -l)
        ((now > peak)) && peak=$now && echo "$peak" >"$PEAK_FILE"
        sleep 0.05
    done
}
measured() { # label command...
    echo 0 >"$PEAK_FILE"
    sample_connections &
    local sampler=$!
    ICLOUD_PASSWORD=$FAKE_PASSWORD bench_run "$@"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    PEAK=$(cat "$PEAK_FILE")
}

# The files each account's copy should hold, and how many are there.
FILES_PER_ACCOUNT=""
count_files() { find "$1" -type f ! -path '*/.icloud-photos-tmp/*' 2>/dev/null | wc -l; }
complete_copies() { # root
    local n=0 i files
    for ((i = 1; i <= ACCOUNTS; i++)); do
        files=$(count_files "$1/a$i")
        [[ -z $FILES_PER_ACCOUNT || $files == "$FILES_PER_ACCOUNT" ]] && ((files > 0)) && ((n += 1))
    done
    echo "$n"
}

ROW_FORMAT="%-34s %4s %8s %8s %5s %5s %8s %7s %8s %6s"
ROWS=()
FAILED=0
row() { # label files copies
    ROWS+=("$(printf "$ROW_FORMAT" "$1" "$RUN_RC" "$(bench_ms_to_s "$RUN_MS")" \
        "$([[ -n $RUN_CPU_MS ]] && bench_ms_to_s "$RUN_CPU_MS" || echo -)" "$RUN_IDLE" "$RUN_LOAD" "$2" "$3/$ACCOUNTS" \
        "$([[ -n $RUN_RSS_KB ]] && echo $((RUN_RSS_KB / 1024)) || echo -)" "$PEAK")")
}

# 1. One process, every account in one config file.
CONFIG=$BENCH_WORK/accounts.properties
{
    echo "icloud.auth-endpoint=$FAKE_AUTH"
    echo "icloud.setup-endpoint=$FAKE_SETUP"
    echo "icloud.data-dir=$BENCH_WORK/state"
    echo "download.threads=$THREADS"
    [[ -z $MAX_CONNECTIONS ]] || echo "download.max-connections-total=$MAX_CONNECTIONS"
    for ((i = 1; i <= ACCOUNTS; i++)); do
        echo "accounts.a$i.username=${APPLE_IDS[i - 1]}"
        echo "accounts.a$i.directory=$BENCH_WORK/photos/a$i"
    done
} >"$CONFIG"
bench_log "one process: sync --config with $ACCOUNTS accounts"
bench_product "$PRODUCT_LAUNCHER" sync --config "$CONFIG" --no-progress-bar
measured "one process, $ACCOUNTS accounts" "${PRODUCT_CMD[@]}"
FILES_PER_ACCOUNT=$(count_files "$BENCH_WORK/photos/a1")
ONE_FILES=$(count_files "$BENCH_WORK/photos")
ONE_COPIES=$(complete_copies "$BENCH_WORK/photos")
row "one process, $ACCOUNTS accounts" "$ONE_FILES" "$ONE_COPIES"
((RUN_RC == 0 && ONE_COPIES == ACCOUNTS)) || { FAILED=1; bench_log "one process: exit $RUN_RC, see $RUN_ERR"; }
ONE=("$RUN_MS" "${RUN_CPU_MS:-0}" "${RUN_RSS_KB:-0}" "$PEAK")

# 2. The reference: one process per account, one after the other, into fresh folders and state.
SUM_MS=0 SUM_CPU=0 MAX_RSS=0 MAX_PEAK=0 EACH_RC=0
for ((i = 1; i <= ACCOUNTS; i++)); do
    bench_product "$PRODUCT_LAUNCHER" sync -u "${APPLE_IDS[i - 1]}" -d "$BENCH_WORK/single/a$i" \
        --data-dir "$BENCH_WORK/single-state" --auth-endpoint "$FAKE_AUTH" --setup-endpoint "$FAKE_SETUP" \
        --threads-num "$THREADS" --no-progress-bar
    measured "process of account $i" "${PRODUCT_CMD[@]}"
    ((RUN_RC == 0)) || EACH_RC=$RUN_RC
    SUM_MS=$((SUM_MS + RUN_MS))
    SUM_CPU=$((SUM_CPU + ${RUN_CPU_MS:-0}))
    ((${RUN_RSS_KB:-0} > MAX_RSS)) && MAX_RSS=${RUN_RSS_KB:-0}
    ((PEAK > MAX_PEAK)) && MAX_PEAK=$PEAK
done
RUN_RC=$EACH_RC RUN_MS=$SUM_MS RUN_CPU_MS=$SUM_CPU RUN_RSS_KB=$MAX_RSS PEAK=$MAX_PEAK RUN_IDLE=- RUN_LOAD=-
SINGLE_COPIES=$(complete_copies "$BENCH_WORK/single")
row "$ACCOUNTS processes, one after another" "$(count_files "$BENCH_WORK/single")" "$SINGLE_COPIES"
((EACH_RC == 0 && SINGLE_COPIES == ACCOUNTS)) || FAILED=1

echo
echo "camel-icloud-photos many-accounts benchmark — $(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && git diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "library: $ACCOUNTS accounts x $COUNT assets ($FILES_PER_ACCOUNT files each); fake latency $LATENCY_MS ms per request; download.threads $THREADS; download.max-connections-total ${MAX_CONNECTIONS:-default}"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
echo
printf "$ROW_FORMAT\n" run exit "wall s" "cpu s" idle% load files copies "RSS MB" "conns"
printf '%s\n' "${ROWS[@]}"
echo
echo "(the second row sums wall and CPU over the $ACCOUNTS runs and gives the highest RSS and connection count of one)"
printf 'one process / separate processes: wall %s%%, CPU %s%%; most CDN connections at once %s (separately: %s)\n' \
    "$((ONE[0] * 100 / (SUM_MS > 0 ? SUM_MS : 1)))" "$((ONE[1] * 100 / (SUM_CPU > 0 ? SUM_CPU : 1)))" "${ONE[3]}" "$MAX_PEAK"
exit $FAILED
