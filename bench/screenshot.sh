#!/usr/bin/env bash
# Render the sample manifest's HTML report and screenshot it in headless Chromium
# (Debian package `chromium`), plus an A4 PDF to check the print layout.
#
#   bench/screenshot.sh [OUT_DIR]        # default OUT_DIR: bench/out
#
# Writes OUT_DIR/report.html, OUT_DIR/report.png (1280 px wide) and OUT_DIR/report.pdf.
# Uses `audit check samples/manifest.yaml` when the check command and sample exist,
# otherwise the fixed test fixture (tests/test_formats_fixtures.py).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench/out}"
mkdir -p "$out"
html="$(cd "$out" && pwd)/report.html"

if [ -f samples/manifest.yaml ] && [ -f auditor/commands/check.py ]; then
  # exit 1 only means "blocked": the report is still written
  python -m auditor check samples/manifest.yaml --format html --output "$html" || [ $? -eq 1 ]
else
  PYTHONPATH=tests python -c "
import sys
from test_formats_fixtures import sample_result
from auditor.formats import html
open(sys.argv[1], 'w', encoding='utf-8').write(html.render(sample_result()))
" "$html"
fi

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile")
"$browser" "${flags[@]}" --screenshot="$out/report.png" --window-size=1280,2400 "file://$html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$html" 2>/dev/null
echo "wrote $out/report.html $out/report.png $out/report.pdf"
