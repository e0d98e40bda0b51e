#!/usr/bin/env bash
# How fast a first sync downloads: 2,000 assets of 1 MiB each from a fake iCloud that answers every request 20 ms
# late, against the same files fetched by `curl --parallel` from the same fake (the loopback ceiling). Prints wall
# time, CPU seconds and peak RSS of both (each of the whole process tree), the product/curl ratios, and PASS/MISS
# against the targets of issue 13 (CPU at most 8 s, wall time at least 80 % of curl's speed, peak RSS at most 256 MB).
# See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/download.sh [--assets N] [--size BYTES] [--latency-ms MS] [--threads N] [--product-threads N]
                         [--runs N] [--baseline PATH] [--fake-arg ARG]... [--sync-arg ARG]... [--keep] [--wait-idle]

  --assets N           assets in the fake library (default 2000); the files to download are the originals of those
                       not in Recently Deleted (hidden ones too) plus the Live Photo videos (the fake's /__fake/cdn-urls), about as many
  --size BYTES         size of every file, in bytes or with a K/M suffix (binary: 1M = 1048576; default 1M)
  --latency-ms MS      delay the fake adds to every request, CloudKit and CDN alike (default 20)
  --threads N          curl --parallel-max and the product's --threads-num (default 10)
  --product-threads N  the product's --threads-num only (default: --threads)
  --runs N             measured rounds of product then curl (default 1); medians are compared
  --baseline PATH      another build to compare with in the same run (a launcher, or a jar run with java -jar):
                       each round then runs product, baseline, curl
  --fake-arg ARG       one more FakeICloudMain option (repeatable)
  --sync-arg ARG       one more option for the product's sync command, e.g. --sync-arg=--log-level=debug
                       (repeatable)
  --keep               keep the scratch directory (the last round's files, state and logs)
  --wait-idle          before each timed run, wait until the machine is 90% idle (BENCH_WAIT_IDLE=1, see lib.sh)

Targets (reported as PASS or MISS; a MISS does not fail the script), on the medians of the product's runs: CPU
(user + system of every process the command starts) at most 8 s; speed (MiB/s, JVM start included) at least 80 % of
curl's; peak RSS, summed over every process the command starts, at most 256 MB (the highest of the runs).
Exit status: 0 when every run succeeded and both sides downloaded the same number of files and bytes, 1 otherwise.
EOF
}

ASSETS=2000
SIZE=1M
LATENCY_MS=20
THREADS=10
PRODUCT_THREADS=""
RUNS=1
FAKE_ARGS=()
SYNC_ARGS=()
BASELINE=""
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_options --assets=ASSETS --size=SIZE --latency-ms=LATENCY_MS --threads=THREADS \
    --product-threads=PRODUCT_THREADS --runs=RUNS --baseline=BASELINE --fake-arg=FAKE_ARGS+ \
    --sync-arg=SYNC_ARGS+ -- "$@"
case $SIZE in
    *[kK]) SIZE=$((${SIZE%?} * 1024)) ;;
    *[mM]) SIZE=$((${SIZE%?} * 1024 * 1024)) ;;
esac
PRODUCT_THREADS=${PRODUCT_THREADS:-$THREADS}
[[ $ASSETS =~ ^[1-9][0-9]*$ && $SIZE =~ ^[1-9][0-9]*$ && $LATENCY_MS =~ ^[0-9]+$ && $THREADS =~ ^[1-9][0-9]*$ \
    && $PRODUCT_THREADS =~ ^[1-9][0-9]*$ && $RUNS =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }

TARGET_CPU_S=8
TARGET_RATIO_PCT=80
TARGET_RSS_MB=256


bench_require java mvn curl
bench_build
bench_workdir
bench_start_fake --count="$ASSETS" --content-size="$SIZE" --latency-ms="$LATENCY_MS" "${FAKE_ARGS[@]}"
CURL_DIR=$BENCH_WORK/curl
echo "$FAKE_CODE" >"$BENCH_WORK/code"

# "FILES BYTES" under a folder
count_files() {
    find "$1" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { printf "%d %d\n", n, s }'
}

# MiB/s with two decimals from bytes and milliseconds
mib_per_s() { awk -v b="$1" -v ms="$2" 'BEGIN { printf "%.2f", (ms > 0 ? b / 1048576 / (ms / 1000) : 0) }'; }

# A curl config downloading every URL the fake lists (freshly signed) into $CURL_DIR, one numbered file each;
# prints how many. $1: the config file, $2: at most this many URLs (default all).
curl_config() {
    local config=$1 max=${2:-0} n=0 url
    curl -fsS -o "$config.urls" "$FAKE_CONTROL/cdn-urls" || bench_die "cannot read the fake's CDN URLs"
    : >"$config"
    while IFS= read -r url; do
        [[ -n $url ]] || continue
        n=$((n + 1))
        printf 'url = "%s"\noutput = "%s/%06d"\n' "$url" "$CURL_DIR" "$n" >>"$config"
        ((max == 0 || n < max)) || break
    done <"$config.urls"
    echo "$n"
}

# Epoch milliseconds of a log line's HH:MM:SS.mmm, taken to be on the day of $2 (epoch ms) or the day before.
log_ms() {
    local ms
    ms=$(date -d "@$(($2 / 1000))" +%F)
    ms=$(date -d "$ms $1" +%s%3N)
    ((ms <= $2 + 1000)) || ms=$((ms - 86400000))
    echo "$ms"
}

# Where the product's wall time went, from its log and the fork/exit times ($1, $2): sets PHASES (a line)
# and DL_MS (from the listing's start to the last file).
product_phases() {
    local start=$1 end=$2 list first last
    PHASES="(no phase breakdown: the log has no 'Listing' or 'Downloaded' line)"
    DL_MS=""
    list=$(grep -a -m 1 -o '^[0-9:.]* INFO  Listing ' "$RUN_ERR" | cut -d' ' -f1 || true)
    first=$(grep -a -m 1 -o '^[0-9:.]* INFO  Downloaded ' "$RUN_ERR" | cut -d' ' -f1 || true)
    last=$(grep -a -o '^[0-9:.]* INFO  Downloaded ' "$RUN_ERR" | cut -d' ' -f1 | sort | tail -n 1 || true)
    [[ -n $list && -n $first && -n $last ]] || return 0
    list=$(log_ms "$list" "$end")
    first=$(log_ms "$first" "$end")
    last=$(log_ms "$last" "$end")
    DL_MS=$((last - list))
    PHASES="start to listing $(bench_ms_to_s $((list - start))) s (JVM, sign-in, Camel, state) | listing to first file $(bench_ms_to_s $((first - list))) s | first to last file $(bench_ms_to_s $((last - first))) s | last file to exit $(bench_ms_to_s $((end - last))) s"
}

ROW_FORMAT='%-12s %4s %8s %8s %8s %7s %5s %5s %6s %9s %8s %7s %5s'
ROWS=()
NOTES=()
FAILED=0
P_MS=() P_CPU=() P_RSS=() P_DL_MS=() C_MS=() C_CPU=() B_MS=() B_CPU=() B_RSS=()

# CPU time the fake has used so far, in milliseconds (from /proc; 0 elsewhere)
fake_cpu_ms() {
    local stat
    stat=$(cat "/proc/$FAKE_PID/stat" 2>/dev/null) || { echo 0; return; }
    read -r -a stat <<<"${stat##*) }" # fields from the 3rd on: utime and stime are the 14th and 15th
    echo $(((stat[11] + stat[12]) * 1000 / $(getconf CLK_TCK)))
}

row() { # label files bytes; FAKE_MS: the fake's CPU time during the run
    local rss="-" cpu="-"
    [[ -n $RUN_RSS_KB ]] && rss=$((RUN_RSS_KB / 1024))
    [[ -n $RUN_CPU_MS ]] && cpu=$(bench_ms_to_s "$RUN_CPU_MS")
    ROWS+=("$(printf "$ROW_FORMAT" "$1" "$RUN_RC" "$(bench_ms_to_s "$RUN_MS")" "$cpu" "$(bench_ms_to_s "$FAKE_MS")" \
        "$(bench_ms_to_s "$RUN_STEAL_MS")" "$RUN_IDLE" "$RUN_LOAD" "$2" \
        "$(awk -v b="$3" 'BEGIN { printf "%.1f", b / 1048576 }')" "$(mib_per_s "$3" "$RUN_MS")" "$rss" "${RUN_PROCS:--}")")
}

[[ -z $BASELINE || -e $BASELINE ]] || bench_die "no baseline $BASELINE"
# the runs start in the scratch folder
[[ -z $BASELINE ]] || BASELINE=$(realpath "$BASELINE")
# The share of a bare JVM start in the product's wall time: the CLI printing its version.
bench_product "${BENCH_PRODUCT:-$PRODUCT_LAUNCHER}" --version
bench_run "jvm start" "${PRODUCT_CMD[@]}"
JVM_MS=$RUN_MS
JVM_CPU_MS=$RUN_CPU_MS

# The fake is a JVM too, and shares the cores with what is measured: until its JIT has compiled every path the
# runs take, it needs more CPU and the first run measured pays for it. So both paths are taken once, untimed.
bench_log "warming the fake up: one product sync and one curl pass, not measured"
mkdir -p "$BENCH_WORK/photos" "$BENCH_WORK/state" "$CURL_DIR"
SYNC_STDIN=$BENCH_WORK/code bench_sync "warm-up" --threads-num "$PRODUCT_THREADS" "${SYNC_ARGS[@]}"
((RUN_RC == 0)) || bench_die "the warm-up sync failed (exit $RUN_RC; log: $RUN_ERR)"
curl_config "$BENCH_WORK/warmup.curl" >/dev/null
curl --parallel --parallel-max "$THREADS" -g --no-progress-meter --fail -K "$BENCH_WORK/warmup.curl" || bench_die "the warm-up failed"

for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$BENCH_WORK/photos" "$BENCH_WORK/state" "$CURL_DIR"
    mkdir -p "$BENCH_WORK/photos" "$BENCH_WORK/state" "$CURL_DIR"

    bench_log "product #$i: first sync with --threads-num $PRODUCT_THREADS (sign-in, listing, every download)"
    bench_reset_counters
    fake0=$(fake_cpu_ms)
    SYNC_STDIN=$BENCH_WORK/code bench_sync "product #$i" --threads-num "$PRODUCT_THREADS" "${SYNC_ARGS[@]}"
    end=$(bench_now_ms)
    FAKE_MS=$(($(fake_cpu_ms) - fake0))
    bench_read_counters
    read -r p_files p_bytes < <(count_files "$BENCH_WORK/photos")
    product_phases $((end - RUN_MS)) "$end"
    row "product #$i" "$p_files" "$p_bytes"
    bench_log "product #$i: exit $RUN_RC, $(bench_ms_to_s "$RUN_MS") s, $p_files files, ${COUNTERS[CDN]} CDN requests; ${RUN_SUMMARY:-no summary line}"
    NOTES+=("product #$i: $PHASES")
    if [[ -n $DL_MS ]]; then
        NOTES+=("product #$i: $(mib_per_s "$p_bytes" "$DL_MS") MiB/s from the listing's start to the last file")
        P_DL_MS+=("$DL_MS")
    fi
    if ((RUN_RC != 0)); then
        FAILED=1
        NOTES+=("product #$i: exit status $RUN_RC (log: $RUN_ERR)")
    fi
    P_MS+=("$RUN_MS")
    P_CPU+=("${RUN_CPU_MS:-0}")
    P_RSS+=("${RUN_RSS_KB:-0}")
    p_cdn=${COUNTERS[CDN]}

    if [[ -n $BASELINE ]]; then
        rm -rf "$BENCH_WORK/photos" "$BENCH_WORK/state"
        mkdir -p "$BENCH_WORK/photos" "$BENCH_WORK/state"
        bench_log "baseline #$i: first sync of $BASELINE"
        bench_reset_counters
        fake0=$(fake_cpu_ms)
        BENCH_PRODUCT=$BASELINE SYNC_STDIN=$BENCH_WORK/code bench_sync "baseline #$i" --threads-num "$PRODUCT_THREADS" "${SYNC_ARGS[@]}"
        FAKE_MS=$(($(fake_cpu_ms) - fake0))
        read -r b_files b_bytes < <(count_files "$BENCH_WORK/photos")
        row "baseline #$i" "$b_files" "$b_bytes"
        ((RUN_RC == 0)) || { FAILED=1; NOTES+=("baseline #$i: exit status $RUN_RC (log: $RUN_ERR)"); }
        B_MS+=("$RUN_MS")
        B_CPU+=("${RUN_CPU_MS:-0}")
        B_RSS+=("${RUN_RSS_KB:-0}")
    fi

    urls=$(curl_config "$BENCH_WORK/urls.curl")
    bench_log "curl #$i: $urls files, --parallel-max $THREADS"
    bench_reset_counters
    fake0=$(fake_cpu_ms)
    bench_run "curl #$i" curl --parallel --parallel-max "$THREADS" -g --no-progress-meter --fail -K "$BENCH_WORK/urls.curl"
    FAKE_MS=$(($(fake_cpu_ms) - fake0))
    bench_read_counters
    read -r c_files c_bytes < <(count_files "$CURL_DIR")
    row "curl #$i" "$c_files" "$c_bytes"
    bench_log "curl #$i: exit $RUN_RC, $(bench_ms_to_s "$RUN_MS") s, $c_files files, ${COUNTERS[CDN]} CDN requests"
    if ((RUN_RC != 0)); then
        FAILED=1
        NOTES+=("curl #$i: exit status $RUN_RC (log: $RUN_ERR)")
    fi
    C_MS+=("$RUN_MS")
    C_CPU+=("${RUN_CPU_MS:-0}")

    if [[ $p_files != "$c_files" || $p_bytes != "$c_bytes" || $c_files != "$urls" ]]; then
        FAILED=1
        NOTES+=("round $i: MISMATCH: the product has $p_files files ($p_bytes bytes), curl $c_files ($c_bytes bytes) of $urls URLs")
    else
        NOTES+=("round $i: both have $p_files files, $p_bytes bytes (product: $p_cdn CDN requests; curl: ${COUNTERS[CDN]})")
    fi
done
BYTES=$c_bytes

echo
echo "camel-icloud-photos download benchmark — $(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && git diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "product: ${BENCH_PRODUCT:-$PRODUCT_LAUNCHER}${BENCH_JAVA_OPTS:+ with $BENCH_JAVA_OPTS}${BASELINE:+; baseline: $BASELINE}"
echo "library: $ASSETS assets, $urls files of $SIZE bytes; fake latency ${LATENCY_MS} ms per request; product --threads-num $PRODUCT_THREADS, curl --parallel-max $THREADS"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1), $(curl --version | head -n 1 | cut -d' ' -f1-2)"
echo
printf "$ROW_FORMAT\n" run exit "wall s" "cpu s" "fake cpu" "steal s" idle% load files MiB MiB/s "RSS MB" procs
printf '%s\n' "${ROWS[@]}"
echo
printf '* %s\n' "${NOTES[@]}"
echo

p_ms=$(bench_median "${P_MS[@]}")
c_ms=$(bench_median "${C_MS[@]}")
p_cpu=$(bench_median "${P_CPU[@]}")
c_cpu=$(bench_median "${C_CPU[@]}")
p_rate=$(mib_per_s "$BYTES" "$p_ms")
c_rate=$(mib_per_s "$BYTES" "$c_ms")
ratio=$(awk -v p="$c_ms" -v q="$p_ms" 'BEGIN { printf "%.1f", (q > 0 ? 100 * p / q : 0) }')
rss_kb=$(printf '%s\n' "${P_RSS[@]}" | sort -n | tail -n 1) # the highest of the runs
printf 'product: %s s, %s MiB/s, %s CPU s (medians of %d, JVM start included)\n' "$(bench_ms_to_s "$p_ms")" "$p_rate" \
    "$(bench_ms_to_s "$p_cpu")" "$RUNS"
if ((${#P_DL_MS[@]})); then
    dl_ms=$(bench_median "${P_DL_MS[@]}")
    printf '         %s s, %s MiB/s from the listing to the last file (%.1f %% of the ceiling)\n' \
        "$(bench_ms_to_s "$dl_ms")" "$(mib_per_s "$BYTES" "$dl_ms")" \
        "$(awk -v p="$c_ms" -v q="$dl_ms" 'BEGIN { print (q > 0 ? 100 * p / q : 0) }')"
fi
printf '         %s s and %s CPU s of it a bare start (the product printing its version)\n' "$(bench_ms_to_s "$JVM_MS")" \
    "$(bench_ms_to_s "${JVM_CPU_MS:-0}")"
if [[ -n $BASELINE ]]; then
    printf 'baseline: %s s, %s MiB/s, %s CPU s, %d MB peak RSS (medians of %d; the highest RSS): %s\n' \
        "$(bench_ms_to_s "$(bench_median "${B_MS[@]}")")" "$(mib_per_s "$BYTES" "$(bench_median "${B_MS[@]}")")" \
        "$(bench_ms_to_s "$(bench_median "${B_CPU[@]}")")" $(($(printf '%s\n' "${B_RSS[@]}" | sort -n | tail -n 1) / 1024)) \
        "$RUNS" "$BASELINE"
fi
printf 'ceiling: %s s, %s MiB/s, %s CPU s (curl --parallel-max %d, medians of %d)\n' "$(bench_ms_to_s "$c_ms")" "$c_rate" \
    "$(bench_ms_to_s "$c_cpu")" "$THREADS" "$RUNS"
if ((c_cpu > 0)); then
    printf 'ratio:   product/curl CPU = %s (%s CPU ms per MiB against %s)\n' \
        "$(awk -v p="$p_cpu" -v c="$c_cpu" 'BEGIN { printf "%.1f", p / c }')" \
        "$(awk -v p="$p_cpu" -v b="$BYTES" 'BEGIN { printf "%.2f", p / (b / 1048576) }')" \
        "$(awk -v p="$c_cpu" -v b="$BYTES" 'BEGIN { printf "%.2f", p / (b / 1048576) }')"
fi
verdict() { if (($1)); then echo PASS; else echo MISS; fi; }
if ((p_cpu > 0)); then
    printf '%-4s CPU: %s s, user + system of the whole process tree (target: at most %d s)\n' \
        "$(verdict $((p_cpu <= TARGET_CPU_S * 1000)))" "$(bench_ms_to_s "$p_cpu")" "$TARGET_CPU_S"
else
    echo "?    CPU: unknown (install /usr/bin/time, Debian package 'time')"
fi
printf '%-4s speed: product/ceiling = %s %% (target: at least %d %%)\n' \
    "$(verdict "$(awk -v r="$ratio" -v t="$TARGET_RATIO_PCT" 'BEGIN { print (r >= t) }')")" "$ratio" "$TARGET_RATIO_PCT"
if [[ $rss_kb != 0 ]]; then
    printf '%-4s peak RSS: %d MB summed over every process of the command, the highest of %d run(s) (target: at most %d MB)\n' \
        "$(verdict $((rss_kb <= TARGET_RSS_MB * 1024)))" $((rss_kb / 1024)) "$RUNS" "$TARGET_RSS_MB"
else
    echo "?    peak RSS: unknown"
fi
exit "$FAILED"
