#!/usr/bin/env bash
# Runs dxready's report benchmark and the peer report generators (WeasyPrint + Jinja2, ReportLab,
# Typst) in one run on this machine, and prints the figures side by side with ratios: the
# machine is shared and noisy, so only numbers from the same run are compared.
#
# Usage: scripts/bench-peers.sh [PATH-TO-bench-peers]   (default: ../shared/bench-peers)
# Installs what the peers need: Debian packages (pango for WeasyPrint, DejaVu fonts, poppler)
# and a Python virtualenv under target/peers-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=$(realpath "${1:-../shared/bench-peers}")
WORK=target/peers
VENV=target/peers-venv

if ! fc-list 2>/dev/null | grep -q DejaVuSans || ! ldconfig -p | grep -q libpango-1.0; then
  apt-get update -qq && apt-get install -y -qq fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 poppler-utils >/dev/null
fi
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q weasyprint==70.0 jinja2==3.1.6 reportlab==5.1.0 typst==0.15.2

rm -rf "$WORK" && mkdir -p "$WORK" && cp -r "$PEERS"/. "$WORK"/ && chmod -R u+w "$WORK"
"$VENV/bin/python" "$WORK/common/gen_data.py" >/dev/null

median_ms() { # command… → median wall time of 7 runs, in ms
  for _ in 1 2 3 4 5 6 7; do
    local t0=$(date +%s%N); "$@" >/dev/null 2>&1; local t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | sort -n | sed -n 4p
}

cargo build --release --quiet
declare -A single rate
for peer in weasyprint reportlab typst; do
  single[$peer]=$(median_ms "$VENV/bin/python" "$WORK/$peer/report.py" single "$WORK/$peer.pdf")
  rate[$peer]=$("$VENV/bin/python" "$WORK/$peer/report.py" batch 100 "$WORK/out-$peer" | sed -n 's/.*reports_per_s=\([0-9.]*\).*/\1/p')
  size=$(stat -c %s "$WORK/$peer.pdf")
  echo "peer $peer: single ${single[$peer]} ms, in-process ${rate[$peer]} reports/s, $size bytes"
done
dx_single=$(median_ms target/release/dxready report examples/an-phat-thanh-ha.answers.yaml --quiet -o "$WORK/dxready.pdf")
echo "dxready: single ${dx_single} ms (whole process, one full report)"
DXREADY_PEER_DATA="$WORK/common/data.json" cargo bench --quiet --bench report 2>/dev/null | tee "$WORK/dxready-bench.txt"
dx_rate=$(sed -n 's/^peer-content:.*1 thread: \([0-9]*\) reports\/s.*/\1/p' "$WORK/dxready-bench.txt")
echo
echo "ratios (peer / dxready; > 1 means dxready is faster):"
for peer in weasyprint reportlab typst; do
  awk -v p="$peer" -v s="${single[$peer]}" -v d="$dx_single" -v r="${rate[$peer]}" -v x="$dx_rate" \
    'BEGIN { printf "  %-10s whole process %.1f×, in-process (1 thread, same content) %.1f×\n", p, s / d, x / r }'
done
