#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each (default 60), seeded from the
# repository's examples and fixtures, with inputs up to the real size limits. Exit 1 when a
# target crashed (the input is kept under fuzz/artifacts/TARGET/; make it a regression test).
#
#   fuzz/run.sh              # every target, 60 s each
#   fuzz/run.sh 3600 answers # one target for an hour
#
# cargo-fuzz needs nightly-only compiler flags; on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# it use them (no other toolchain is needed). FUZZ_SANITIZER=address (the default) builds with
# AddressSanitizer; `none` without (faster; Rust code is memory-safe, and overflows, debug
# assertions and panics are caught either way).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
sanitizer=${FUZZ_SANITIZER:-address}
export RUSTC_BOOTSTRAP=1

# target | -max_len (the limit the tool applies to such a file) | seed files
targets=(
  "answers|1048576|../examples/*.answers.yaml ../examples/2026.1/*.answers.yaml ../tests/fixtures/*/*.answers.yaml ../tests/fixtures/batch/*/*.yaml"
  "questionnaire|8388608|../questionnaires/sme-dx-readiness.yaml ../tests/fixtures/mini/mini.yaml"
  "catalog|8388608|../questionnaires/sme-dx-readiness.programs.yaml"
  "csv|1048576|../examples/*.csv ../tests/fixtures/batch/*/*.csv"
  "csv_mapped|1048576|../examples/batch/*.csv"
  "condition|1048576|seeds/condition/*.yaml"
)

wanted=("$@")
selected=()
for t in "${targets[@]}"; do
  name=${t%%|*}
  if [ ${#wanted[@]} -eq 0 ] || printf '%s\n' "${wanted[@]}" | grep -qx "$name"; then
    selected+=("$t")
  fi
done

if ! cargo fuzz build --sanitizer "$sanitizer" --debug-assertions >build.log 2>&1; then
  if grep -q '^error\[E' build.log; then
    # The targets do not compile: no sanitizer would help.
    grep -A12 '^error' build.log | head -60
    exit 1
  elif [ "$sanitizer" = address ]; then
    echo "fuzz: the AddressSanitizer build failed (see fuzz/build.log); building without a sanitizer"
    sanitizer=none
    cargo fuzz build --sanitizer none --debug-assertions
  else
    cat build.log
    exit 1
  fi
fi
echo "fuzz: sanitizer $sanitizer, $seconds s per target"

failed=0
for t in "${selected[@]}"; do
  IFS='|' read -r name max_len seeds <<<"$t"
  corpus=corpus/$name
  mkdir -p "$corpus" "artifacts/$name"
  # shellcheck disable=SC2086 # the seed globs are meant to expand
  for f in $seeds; do
    [ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
  done
  log=$(mktemp)
  if cargo fuzz run --sanitizer "$sanitizer" --debug-assertions "$name" "$corpus" -- \
      -max_len="$max_len" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="artifacts/$name/" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' | tail -1)
    echo "fuzz: $name: ${runs:-?} executions in $seconds s, nothing found"
  else
    failed=1
    echo "fuzz: $name: FOUND A CRASH (kept in fuzz/artifacts/$name/)"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" | head -20
  fi
  rm -f "$log"
done
exit $failed
