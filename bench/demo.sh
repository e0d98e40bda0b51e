#!/usr/bin/env bash
# Try the product without an Apple account, in one command: builds it, starts the project's fake iCloud (from the
# tests) with a sample library, signs in (password and two-factor code answered for you), syncs the library into a
# folder, changes a few things in the library and syncs again, then says where to look. See README.md "Try it".
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/demo.sh [--count N] [--dir DIR] [-- SYNC-FLAGS...]

  --count N     items in the sample library (default 60)
  --dir DIR     where the photos and the state go (default: a new folder under /tmp, kept afterwards)
  SYNC-FLAGS    passed to both syncs, e.g. -- --folder-structure '{album}/%Y' --set-exif-rating
EOF
}

COUNT=60
DIR=""
SYNC_FLAGS=()
while (($#)); do
    case $1 in
        --count) COUNT=$2; shift 2 ;;
        --count=*) COUNT=${1#*=}; shift ;;
        --dir) DIR=$2; shift 2 ;;
        --dir=*) DIR=${1#*=}; shift ;;
        --) shift; SYNC_FLAGS=("$@"); break ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_require java mvn curl
bench_build
bench_workdir
bench_start_fake --count="$COUNT"
DIR=${DIR:-$(mktemp -d "${TMPDIR:-/tmp}/camel-icloud-photos-demo.XXXXXX")}
mkdir -p "$DIR"

run_sync() {
    # The fake's Apple ID and password; a real account would use your own, and --password-file or a prompt.
    ICLOUD_PASSWORD=$FAKE_PASSWORD java -jar "$PRODUCT_JAR" sync -u "$FAKE_USER" -d "$DIR/photos" \
        --data-dir "$DIR/state" --auth-endpoint "$FAKE_AUTH" --setup-endpoint "$FAKE_SETUP" "${SYNC_FLAGS[@]}" "$@"
}

echo
echo "== first sync: signs in (the two-factor code $FAKE_CODE is typed for you) and downloads the library"
echo "$FAKE_CODE" | run_sync
echo
echo "== in iCloud: 3 photos added, 2 moved to Recently Deleted, 2 favourited"
bench_mutate "add=3&trash=2&favourite=2"
echo "== second sync: asks iCloud only what changed"
echo "$FAKE_CODE" | run_sync --on-delete quarantine
echo
echo "Look at:"
echo "  $DIR/photos                 the copy (deleted photos under .deleted/)"
echo "  $DIR/state                  session, state database, audit log (*.audit.jsonl)"
echo "Run it again with other flags: bench/demo.sh --dir $DIR -- --folder-structure none"
