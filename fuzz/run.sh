#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and fails on any crash, hang or memory blowup
# (README § Robustness). Works on the stable toolchain: cargo-fuzz passes nightly-only
# -Z flags, which RUSTC_BOOTSTRAP=1 lets stable rustc accept for this build only.
#
#   fuzz/run.sh [SECONDS]      each target runs SECONDS (default 60)
#
# Environment:
#   FUZZ_JOBS=N          targets run side by side (default: the number of cores)
#   FUZZ_SANITIZER=S     none (default: the code is safe Rust, and without ASan the build
#                        is a third faster and the targets run two to three times as
#                        fast) or address
#   FUZZ_TARGETS="a b"   only these targets
#
# Seeds: the hand-written ones in fuzz/seeds/<target>/, plus, when ../shared is there,
# samples of the real corpus, DocFX's test vectors and the license examples, written to
# fuzz/corpus/<target>/ (not committed) by fuzz/seeds.py. Findings go to
# fuzz/artifacts/<target>/; reproduce one with
#   fuzz/target/<host>/release/<target> fuzz/artifacts/<target>/crash-…
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-60}
jobs=${FUZZ_JOBS:-$(nproc)}
sanitizer=${FUZZ_SANITIZER:-none}
all_targets="frontmatter markdown toc landing license_json license_yaml fail_on"
targets=${FUZZ_TARGETS:-$all_targets}

# Longest input per target: long enough for every construct, short enough that one
# input never takes seconds.
declare -A max_len=(
  [frontmatter]=4096 [markdown]=8192 [toc]=4096 [landing]=4096
  [license_json]=32768 [license_yaml]=8192 [fail_on]=256
)
declare -A dict=(
  [frontmatter]=yaml.dict [markdown]=markdown.dict [toc]=yaml.dict [landing]=yaml.dict
  [license_json]=json.dict [license_yaml]=yaml.dict
)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --version '^0.13' --locked --quiet
fi

started=$(date +%s)
echo "building the targets (sanitizer: $sanitizer)"
RUSTC_BOOTSTRAP=1 cargo fuzz build --release --debug-assertions --sanitizer "$sanitizer" >build.log 2>&1 ||
  { tail -n 40 build.log; exit 1; }
built=$(date +%s)
host=$(rustc -vV | sed -n 's/^host: //p')
bin="target/$host/release"

mkdir -p corpus logs artifacts
shared=$(cd .. && cd ../shared 2>/dev/null && pwd || true)
if [ -n "$shared" ] && command -v python3 >/dev/null 2>&1; then
  python3 seeds.py "$shared" corpus
else
  echo "  (no ../shared or no python3: hand-written seeds only)"
fi

run_one() {
  local t=$1
  mkdir -p "corpus/$t" "artifacts/$t"
  local opts=(
    -max_total_time="$seconds"
    -timeout=10             # one input running 10 s is a hang
    -rss_limit_mb=2048      # a memory explosion is a finding too
    -max_len="${max_len[$t]}"
    -print_final_stats=1
    -artifact_prefix="artifacts/$t/"
  )
  if [ -n "${dict[$t]:-}" ]; then
    opts+=(-dict="dict/${dict[$t]}")
  fi
  # New inputs go to the first folder; the committed seeds are only read.
  set +e
  RAYON_NUM_THREADS=1 "$bin/$t" "${opts[@]}" "corpus/$t" "seeds/$t" >"logs/$t.log" 2>&1
  echo $? >"logs/$t.rc"
  set -e
}

echo "fuzzing $(echo "$targets" | wc -w) targets for ${seconds} s each, $jobs at a time"
for t in $targets; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n || true
  done
  run_one "$t" &
done
wait

failed=0
printf '\n%-13s %10s %9s %8s %7s  %s\n' target runs exec/s rss_mb corpus result
for t in $targets; do
  log="logs/$t.log"
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
  rc=$(cat "logs/$t.rc")
  if [ "$rc" = 0 ]; then result=ok; else result="FAILED (exit $rc)"; failed=1; fi
  printf '%-13s %10s %9s %8s %7s  %s\n' "$t" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$(stat peak_rss_mb)" "$(ls "corpus/$t" | wc -l)" "$result"
done
echo "build $((built - started)) s, fuzzing $(($(date +%s) - built)) s"

if [ "$failed" = 1 ]; then
  for t in $targets; do
    if [ "$(cat "logs/$t.rc")" != 0 ]; then
      echo
      echo "=== $t"
      grep -E -A 12 'panicked|ERROR: libFuzzer|ALARM|out-of-memory|SUMMARY' "logs/$t.log" | head -n 40
      ls "artifacts/$t"
      echo "reproduce: fuzz/$bin/$t fuzz/artifacts/$t/<file>"
    fi
  done
  exit 1
fi
