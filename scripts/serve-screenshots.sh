#!/usr/bin/env bash
# Screenshots of the participant pages of `dxready serve` at phone (390 px) and desktop
# (1280 px) width, for docs/serve/ and the README. Needs chromium; uses the debug build.
#   scripts/serve-screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/serve}
mkdir -p "$out"
cargo build -q
ws=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$ws"' EXIT
id=anphatthanhhaanphatthanhhaexampl
mkdir -p "$ws/answers"
cp examples/an-phat-thanh-ha.answers.yaml "$ws/answers/$id.answers.yaml"
target/debug/dxready --quiet serve --workspace "$ws" --listen 127.0.0.1:0 >"$ws/out.txt" &
pid=$!
for _ in $(seq 100); do grep -q '^admin:' "$ws/out.txt" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^listening on \(http[^ ]*\)\/$/\1/p' "$ws/out.txt" | head -1)
shot() { # name url width height
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --hide-scrollbars --force-device-scale-factor=1 --window-size="$3,$4" \
    --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
}
shot phone-start "$base/" 390 844
shot phone-page "$base/s/$id/p/3" 390 1400
shot phone-result "$base/s/$id/result" 390 1700
shot desktop-page "$base/s/$id/p/3" 1280 1000
shot desktop-result "$base/s/$id/result" 1280 1100
ls -l "$out"
