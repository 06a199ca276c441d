#!/usr/bin/env bash
# spotcheck benchmark: spotcheck monthly and evaluate against DuckDB running the SQL of
# `spotcheck sql` for the same draw (the fair peer), on a base registry made by `spotcheck generate`
# and on variants reshaped from it (bench/variants.mjs). A measurement, not a test: see bench/README.md.
#
#   bash bench/run.sh [--sizes 1000000,5000000,10000000] [--variants all]
#                     [--peers duckdb,miller] [--quick] [--timeout 600] [--data-dir DIR]
#                     [--record | --no-record] [--no-build] [--keep-outputs]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
SPOTCHECK="$ROOT/bin/spotcheck"
RESULTS="$BENCH_DIR/RESULTS.md"

usage() {
  cat <<'EOF'
usage: bash bench/run.sh [options]        (or: npm run bench -- [options])

Generates a household-level base registry with `spotcheck generate` and its variants with
bench/variants.mjs (all reused when present) and measures, on each file, side by side: spotcheck
monthly and evaluate, DuckDB running the SQL of `spotcheck sql` for the same two draws (the fair
peer), DuckDB's 10-households-per-village query and Miller (another job, on the base only), and
`wc -l` as a floor: wall time, CPU time (user+sys) and peak RSS. Checks that DuckDB selects the
same households as spotcheck, and that every variant gives the base's households. Prints a
Markdown table per file, then PASS/FAIL against the performance targets.

options:
  --sizes LIST      households per file, comma-separated; 1000000, 1M, 500k all work
                    (default 1000000,5000000,10000000; with --quick 20000)
  --variants LIST   all, or some of hh-en, hh-zh, hh-extra, person-gbk, shuffled, split
                    (default all); the base is always measured too: the variants are checked
                    against its draw
  --peers LIST      duckdb,miller, or none (default duckdb; Miller is another job, on the base)
  --quick           one small size (20000 households), installs nothing: a peer that is not
                    installed is skipped with a message; results are not recorded unless --record
  --timeout SECS    limit for each measured command (default 600); a run that hits it is
                    recorded as a timeout
  --data-dir DIR    where the registries and the run logs go
                    (default $SPOTCHECK_BENCH_DIR, else /tmp/spotcheck-bench)
  --record          append the tables to bench/RESULTS.md (default, except with --quick)
  --no-record       only print them
  --no-build        measure dist/ as it is instead of compiling src/ first
  --keep-outputs    keep every command's output files in the run directory
  -h, --help        this help

Exit status: 0 when every measured command ran (a timeout counts as ran), 1 when one failed,
2 for bad usage or a missing prerequisite. The targets never change the exit status.
EOF
}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- options
sizes=""
variants="all"
peers="duckdb"
quick=0
timeout_s=600
data_dir="${SPOTCHECK_BENCH_DIR:-/tmp/spotcheck-bench}"
record=""
build=1
keep_outputs=0
seed="bench"
command_line="bash bench/run.sh${*:+ $*}"

need_value() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes=*|--variants=*|--peers=*|--timeout=*|--data-dir=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    --sizes) need_value "$@"; sizes="$2"; shift 2 ;;
    --variants) need_value "$@"; variants="$2"; shift 2 ;;
    --peers) need_value "$@"; peers="$2"; shift 2 ;;
    --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
    --data-dir) need_value "$@"; data_dir="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --record) record=1; shift ;;
    --no-record) record=0; shift ;;
    --no-build) build=0; shift ;;
    --keep-outputs) keep_outputs=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option \"$1\" (see --help)" ;;
  esac
done

if [[ -z "$sizes" ]]; then
  if (( quick )); then sizes="20000"; else sizes="1000000,5000000,10000000"; fi
fi
[[ -n "$record" ]] || record=$(( quick ? 0 : 1 ))
[[ "$timeout_s" =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a positive number of seconds, got \"$timeout_s\""

size_list=()
IFS=',' read -r -a raw_sizes <<<"$sizes"
for s in "${raw_sizes[@]}"; do
  s="${s// /}"
  case "$s" in
    [1-9]*[kK]) n="${s%[kK]}"; mult=1000 ;;
    [1-9]*[mM]) n="${s%[mM]}"; mult=1000000 ;;
    *) n="$s"; mult=1 ;;
  esac
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--sizes takes positive whole numbers of households (1000000, 1M, 20k), got \"$s\""
  size_list+=("$(( n * mult ))")
done
(( ${#size_list[@]} > 0 )) || die "--sizes is empty"

ALL_VARIANTS="hh-en,hh-zh,hh-extra,person-gbk,shuffled,split"
[[ "$variants" == all ]] && variants="$ALL_VARIANTS"
variant_list=(base)  # the base first: every variant's draw is compared with its draw
IFS=',' read -r -a raw_variants <<<"$variants"
for v in "${raw_variants[@]}"; do
  case ",$ALL_VARIANTS,base," in
    *",$v,"*) [[ "$v" == base ]] || variant_list+=("$v") ;;
    *) die "--variants takes all, or some of $ALL_VARIANTS, got \"$v\"" ;;
  esac
done

want_duckdb=0; want_miller=0
if [[ "$peers" != "none" ]]; then
  IFS=',' read -r -a raw_peers <<<"$peers"
  for p in "${raw_peers[@]}"; do
    case "$p" in
      duckdb) want_duckdb=1 ;;
      miller|mlr) want_miller=1 ;;
      *) die "--peers takes duckdb and/or miller, or none, got \"$p\"" ;;
    esac
  done
fi

# ---------------------------------------------------------------- prerequisites
command -v node >/dev/null || die "node is not on PATH (Node 20 or newer is needed)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || die "Node 20 or newer is needed, found $(node --version)"
command -v timeout >/dev/null || die "timeout (coreutils) is not on PATH"
[[ -d "$ROOT/node_modules/commander" ]] || die "the project's dependencies are not installed: run \`npm ci\` in $ROOT first"

apt_updated=0
apt_install() {
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "need to install $* with apt-get, but not root and no sudo: install it by hand"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || die "need to install $* but there is no apt-get: install it by hand"
  if (( ! apt_updated )); then
    say "apt-get update"
    $sudo apt-get update -qq >&2 || die "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}

# GNU time gives the peak RSS; without it (only in --quick) bash's `time` gives wall and CPU.
TIME_BIN="${SPOTCHECK_BENCH_TIME:-/usr/bin/time}"
gnu_time=0
if [[ -x "$TIME_BIN" ]] && "$TIME_BIN" --version 2>&1 | grep -q GNU; then
  gnu_time=1
elif (( quick )); then
  say "GNU time (/usr/bin/time) is not installed: quick mode measures wall and CPU time with bash's time and no peak RSS"
else
  apt_install time
  "$TIME_BIN" --version 2>&1 | grep -q GNU || die "/usr/bin/time is still not GNU time after installing it"
  gnu_time=1
fi

if (( build )) && [[ -f "$ROOT/dist/main.js" && -z "$(find "$ROOT/src" -newer "$ROOT/dist/main.js" -print -quit)" ]]; then
  say "dist/ is newer than every file in src/: not building it again"
  build=0
fi
if (( build )); then
  say "building spotcheck (tsc -p tsconfig.json; --no-build to skip)"
  node "$ROOT/node_modules/typescript/bin/tsc" -p "$ROOT/tsconfig.json" >&2 \
    || die "the build failed: fix src/ or measure dist/ as it is with --no-build"
fi
[[ -f "$ROOT/dist/main.js" ]] || die "dist/main.js is missing: build with \`npm run build\`"
spotcheck_version="$("$SPOTCHECK" --version 2>/dev/null)" || die "\`$SPOTCHECK --version\` failed: is the build broken?"

have_duckdb=0; duckdb_version="not measured"
if (( want_duckdb )); then
  rc=0; duckdb_version="$(node "$BENCH_DIR/duckdb-sample.mjs" --version 2>/dev/null)" || rc=$?
  if (( rc == 3 )); then
    if (( quick )); then
      say "skipping DuckDB: @duckdb/node-api is not installed (--quick installs nothing; a run without --quick installs it into bench/.peers)"
      duckdb_version="not installed"
    else
      say "installing @duckdb/node-api into bench/.peers"
      npm install --prefix "$BENCH_DIR/.peers" --no-audit --no-fund --loglevel=error \
        "${SPOTCHECK_BENCH_DUCKDB_SPEC:-@duckdb/node-api}" >&2 \
        || die "npm install --prefix bench/.peers @duckdb/node-api failed"
      rc=0; duckdb_version="$(node "$BENCH_DIR/duckdb-sample.mjs" --version)" || rc=$?
    fi
  fi
  if (( rc == 0 )); then
    have_duckdb=1
  elif (( ! quick )); then
    die "DuckDB does not load (node bench/duckdb-sample.mjs --version exits $rc)"
  elif (( rc != 3 )); then
    say "skipping DuckDB: it does not load (node bench/duckdb-sample.mjs --version exits $rc)"
    duckdb_version="does not load"
  fi
fi

have_miller=0; miller_version="not measured"
if (( want_miller )); then
  if ! command -v mlr >/dev/null; then
    if (( quick )); then
      say "skipping Miller: mlr is not installed (--quick installs nothing; a run without --quick runs apt-get install miller)"
      miller_version="not installed"
    else
      apt_install miller
      command -v mlr >/dev/null || die "mlr is still not on PATH after apt-get install miller"
    fi
  fi
  if command -v mlr >/dev/null; then
    have_miller=1
    miller_version="$(mlr --version 2>&1 | head -n 1)"
  fi
fi

# ---------------------------------------------------------------- run directory
mkdir -p "$data_dir" || die "cannot create the data directory $data_dir"
data_dir="$(cd "$data_dir" && pwd)"
case "$data_dir/" in
  "$ROOT"/*) say "warning: the data directory $data_dir is inside the repository; the registries are large" ;;
esac
run_dir="$data_dir/runs/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$run_dir/logs"
MEAS="$run_dir/measurements.tsv"
FILES="$run_dir/files.tsv"
META="$run_dir/meta.tsv"
CHECKS="$run_dir/checks.tsv"
mkdir -p "$run_dir/keys"
printf 'key\tvariant\thouseholds\ttool\tstatus\texit\twall\tuser\tsys\tmaxrss_kib\toutput\n' >"$MEAS"
printf 'key\tvariant\thouseholds\tpath\tbytes\tduckdb_path\n' >"$FILES"
printf 'key\tvariant\thouseholds\tcheck\tresult\tdetail\n' >"$CHECKS"

partial=""
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() { [[ -z "$partial" ]] || rm -rf "$partial" "$partial.buckets"; }
trap cleanup EXIT

git_rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]]; then git_rev="$git_rev, src/ modified"; fi
{
  printf 'date\t%s\n' "$(date -u)"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'cpu\t%s\n' "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/^model name[[:space:]]*:[[:space:]]*//' || true)"
  printf 'memory\t%s\n' "$(free -h 2>/dev/null | awk '/^Mem:/ {print $2}' || true)"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
  printf 'node\t%s\n' "$(node --version)"
  printf 'spotcheck\t%s (%s)\n' "$spotcheck_version" "$git_rev"
  printf 'duckdb\t%s\n' "$duckdb_version"
  printf 'miller\t%s\n' "$miller_version"
  printf 'timeout\t%s\n' "$timeout_s"
  printf 'command\t%s\n' "$command_line"
  printf 'quick\t%s\n' "$quick"
  printf 'note\t%s\n' "${SPOTCHECK_BENCH_NOTE:-}"
} >"$META"

say "data: $data_dir · run logs: $run_dir · timeout ${timeout_s}s per command"
load1="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
if awk -v l="$load1" 'BEGIN { exit !(l > 0.5) }'; then
  say "warning: load average is $load1 before the run: other work on this machine will skew the times"
fi

# ---------------------------------------------------------------- measuring
# measure LOG_PREFIX COMMAND…: runs it under timeout and GNU time; sets M_STATUS (ok, timeout,
# failed), M_EXIT, M_WALL, M_USER, M_SYS, M_RSS (KiB, "-" without GNU time).
# Its stdout goes to $M_STDOUT when set, else to LOG_PREFIX.out; its stderr to LOG_PREFIX.err.
measure() {
  local log="$1"; shift
  local tf="$log.time" rc=0
  local out="${M_STDOUT:-$log.out}"
  if (( gnu_time )); then
    "$TIME_BIN" -f '%e %U %S %M' -o "$tf" timeout -k 10 "$timeout_s" "$@" >"$out" 2>"$log.err" || rc=$?
  else
    local TIMEFORMAT='%R %U %S -'
    { time timeout -k 10 "$timeout_s" "$@" >"$out" 2>"$log.err"; } 2>"$tf" || rc=$?
  fi
  M_EXIT=$rc
  read -r M_WALL M_USER M_SYS M_RSS < <(tail -n 1 "$tf" 2>/dev/null || true) || true
  M_WALL="${M_WALL:--}"; M_USER="${M_USER:--}"; M_SYS="${M_SYS:--}"; M_RSS="${M_RSS:--}"
  if (( rc == 0 )); then
    M_STATUS=ok
  elif (( rc == 124 || rc == 137 )); then
    M_STATUS=timeout
    say "  timed out after ${timeout_s}s: $*"
  else
    M_STATUS=failed
    say "  failed (exit $rc): $*"
    sed -n '1,5s/^/    /p' "$log.err" >&2 || true
  fi
}

failures=0
# row KEY LAYOUT HOUSEHOLDS TOOL OUTPUT: appends the last measurement to the table.
row() {
  [[ "$M_STATUS" == failed ]] && failures=$(( failures + 1 ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$M_STATUS" "$M_EXIT" \
    "$M_WALL" "$M_USER" "$M_SYS" "$M_RSS" "$5" >>"$MEAS"
}
skipped() {
  printf '%s\t%s\t%s\t%s\tskipped\t-\t-\t-\t-\t-\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$MEAS"
}
data_rows() { # rows of a CSV file without its header, or "?" when it is missing
  if [[ -f "$1" ]]; then echo $(( $(wc -l <"$1") - 1 )); else echo "?"; fi
}
fresh_dir() { mktemp -d "$run_dir/out.XXXXXX"; }
drop_dir() { (( keep_outputs )) || rm -rf "$1"; }

ensure_base() { # ensure_base HOUSEHOLDS FILE: the household-level base of every variant
  local n="$1" file="$2"
  if [[ -s "$file" ]]; then
    say "reusing $file"
    return
  fi
  say "generating $file ($n households, household-level; about 1 s per 100,000 households)"
  partial="$file.partial"
  local start=$SECONDS
  # A province's geography is fixed while its registry grows: about 15,000 villages (Yunnan has
  # 14,771 village-level units), so households per village grow with the registry.
  local per_village=$(( n / 15000 > 20 ? n / 15000 : 20 ))
  timeout 3600 "$SPOTCHECK" generate --out "$partial" --households "$n" --layout household --seed "$seed" \
    --households-per-village "$per_village" --force >&2 \
    || die "spotcheck generate failed for $file"
  mv -f "$partial" "$file"
  partial=""
  say "  generated in $(( SECONDS - start )) s"
}

ensure_variant() { # ensure_variant VARIANT BASE OUT: reshapes the base (a directory for split)
  local variant="$1" base="$2" out="$3"
  if [[ -e "$out" ]]; then
    say "reusing $out"
    return
  fi
  say "deriving $out from the base (bench/variants.mjs $variant)"
  partial="$out.partial"
  local start=$SECONDS
  timeout 3600 node "$BENCH_DIR/variants.mjs" "$variant" "$base" "$partial" --seed "$seed" >&2 \
    || { rm -rf "$partial"; die "bench/variants.mjs $variant failed for $out"; }
  mv -f "$partial" "$out"
  partial=""
  say "  derived in $(( SECONDS - start )) s"
}

# check KEY VARIANT N CHECK A B LABEL: compares two key lists of draw-keys.mjs.
check() {
  local result detail
  if [[ ! -s "$5" || ! -s "$6" ]]; then
    result=SKIP; detail="a draw is missing"
  elif cmp -s "$5" "$6"; then
    result=SAME; detail="$(wc -l <"$5") households"
  else
    result=DIFFERENT; detail="$(diff "$5" "$6" | grep -c '^[<>]') of $(wc -l <"$5") households differ"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$result" "$detail" >>"$CHECKS"
  say "  check: $result: $7 ($detail)"
}
keys_of() { node "$BENCH_DIR/draw-keys.mjs" "$1" >"$2" 2>>"$run_dir/logs/draw-keys.err" || : >"$2"; }

cd "$run_dir"  # DuckDB may spill temporary files to the working directory
for n in "${size_list[@]}"; do
  base="$data_dir/registry-household-$n-v15k.csv"
  ensure_base "$n" "$base"
  for variant in "${variant_list[@]}"; do
    key="$variant-$n"
    case "$variant" in
      base) files=("$base"); duck_files=("$base") ;;
      split)
        target="$data_dir/variant-split-$n-v15k"
        ensure_variant split "$base" "$target"
        files=("$target"/*.csv); duck_files=("$target/*.csv") ;;
      person-gbk)
        target="$data_dir/variant-person-gbk-$n-v15k.csv"
        ensure_variant person-gbk "$base" "$target"
        # DuckDB reads no GBK: it is timed on the UTF-8 twin, the same text.
        twin="$data_dir/variant-person-utf8-$n-v15k.csv"
        ensure_variant person-utf8 "$base" "$twin"
        files=("$target"); duck_files=("$twin") ;;
      *)
        target="$data_dir/variant-$variant-$n-v15k.csv"
        ensure_variant "$variant" "$base" "$target"
        files=("$target"); duck_files=("$target") ;;
    esac
    bytes="$(cat "${files[@]}" | wc -c)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$variant" "$n" "${files[0]}$( (( ${#files[@]} > 1 )) && echo " … (${#files[@]} files)")" \
      "$bytes" "${duck_files[0]}" >>"$FILES"

    say "measuring $key: warming the page cache"
    cat "${files[@]}" >/dev/null
    [[ "$variant" != person-gbk ]] || cat "${duck_files[@]}" >/dev/null

    say "  wc -l"
    measure "$run_dir/logs/$key.wc" wc -l "${files[@]}"
    row "$key" "$variant" "$n" wc "$(tail -n 1 "$run_dir/logs/$key.wc.out" 2>/dev/null | awk '{print $1 " lines"}' || echo '?')"

    say "  spotcheck monthly"
    out="$(fresh_dir)"
    measure "$run_dir/logs/$key.monthly" "$SPOTCHECK" monthly "${files[@]}" --month 2026-11 --seed "$seed" \
      --level province --out "$out" --force --lang en
    # Counted from the parsed CSV, not its lines: a quoted cell may hold a line break.
    keys_of "$out" "$run_dir/keys/$key.monthly.txt"
    row "$key" "$variant" "$n" monthly "$(grep -c '^sample ' "$run_dir/keys/$key.monthly.txt") households"
    drop_dir "$out"

    say "  spotcheck evaluate"
    out="$(fresh_dir)"
    measure "$run_dir/logs/$key.evaluate" "$SPOTCHECK" evaluate "${files[@]}" --seed "$seed" --out "$out" --force --lang en
    keys_of "$out" "$run_dir/keys/$key.evaluate.txt"
    row "$key" "$variant" "$n" evaluate "$(grep -c '^sample ' "$run_dir/keys/$key.evaluate.txt") households + $(grep -c '^spare ' "$run_dir/keys/$key.evaluate.txt") spares"
    drop_dir "$out"

    if [[ "$variant" != base ]]; then
      for mode in monthly evaluate; do
        check "$key" "$variant" "$n" "same-$mode" "$run_dir/keys/base-$n.$mode.txt" "$run_dir/keys/$key.$mode.txt" \
          "spotcheck $mode draws the base's households from $variant"
      done
    fi

    if (( have_duckdb && quick )) && [[ "$variant" != base && "$variant" != person-gbk && "$variant" != split ]]; then
      say "  (--quick: DuckDB runs the same draw only on the base, person-gbk and split)"
    elif (( have_duckdb )); then
      # The header DuckDB sees (the UTF-8 twin's for GBK: the same names), for --table-columns.
      header="$(head -n 1 "$(compgen -G "${duck_files[0]}" | head -n 1)" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//')"
      for mode in monthly evaluate; do
        sql="$run_dir/logs/$key.duckdb-$mode.sql"
        if [[ "$mode" == monthly ]]; then
          draw=(--month 2026-11 --seed "$seed" --level province)
        else
          draw=(--mode evaluate --seed "$seed")
        fi
        "$SPOTCHECK" sql --dialect duckdb --table registry --table-columns "$header" "${draw[@]}" \
          --select households >"$sql" 2>"$sql.err" || die "spotcheck sql failed for $key ($mode): $(head -n 3 "$sql.err")"
        say "  DuckDB, the SQL of spotcheck sql ($mode)"
        out="$(fresh_dir)"
        measure "$run_dir/logs/$key.duckdb-$mode" node "$BENCH_DIR/duckdb-draw.mjs" --sql "$sql" \
          --out "$out/households.csv" "${duck_files[@]}"
        row "$key" "$variant" "$n" "duckdb-$mode" "$(data_rows "$out/households.csv") households"
        keys_of "$out/households.csv" "$run_dir/keys/$key.duckdb-$mode.txt"
        drop_dir "$out"
        check "$key" "$variant" "$n" "duckdb-$mode" "$run_dir/keys/$key.$mode.txt" "$run_dir/keys/$key.duckdb-$mode.txt" \
          "DuckDB's $mode SQL selects spotcheck's households"
      done
    elif (( want_duckdb )); then
      skipped "$key" "$variant" "$n" duckdb-monthly "not installed"
      skipped "$key" "$variant" "$n" duckdb-evaluate "not installed"
    fi

    if [[ "$variant" == base ]]; then
      # Another job, kept for comparison with earlier runs: 10 households per village.
      if (( have_duckdb && ! quick )); then
        say "  DuckDB, 10 households per village (another job)"
        out="$(fresh_dir)"
        measure "$run_dir/logs/$key.duckdb" node "$BENCH_DIR/duckdb-sample.mjs" "$base" "$out/sample.csv" \
          --seed "$seed" --per-village 10 --layout household
        row "$key" "$variant" "$n" duckdb "$(data_rows "$out/sample.csv") rows"
        drop_dir "$out"
      fi
      if (( have_miller )); then
        say "  Miller (another job)"
        out="$(fresh_dir)"
        M_STDOUT="$out/sample.csv" measure "$run_dir/logs/$key.miller" mlr --icsv --ocsv sample -k 10 -g village_code "$base"
        row "$key" "$variant" "$n" miller "$(data_rows "$out/sample.csv") rows"
        drop_dir "$out"
      elif (( want_miller )); then
        skipped "$key" "$variant" "$n" miller "not installed"
      fi
    fi

    echo
    node "$BENCH_DIR/report.mjs" table --meas "$MEAS" --files "$FILES" --checks "$CHECKS" --key "$key"
  done
done

printf 'load_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)" >>"$META"
echo
record_args=()
(( record )) && record_args=(--record "$RESULTS")
node "$BENCH_DIR/report.mjs" summary --meas "$MEAS" --files "$FILES" --checks "$CHECKS" --meta "$META" "${record_args[@]}"
say "logs and measurements: $run_dir"
(( record )) && say "appended to bench/RESULTS.md"

if (( failures > 0 )); then
  say "$failures measured command(s) failed: see the logs in $run_dir/logs"
  exit 1
fi
exit 0
