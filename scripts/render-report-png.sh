#!/usr/bin/env bash
# Renders docs/report.png — the demo's report tab with its charts, as LibreOffice draws it — for the
# README. Needs LibreOffice, poppler-utils and ImageMagick (Debian: libreoffice-calc poppler-utils
# imagemagick fonts-noto-cjk). Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
node bin/csat.js demo --out "$tmp/demo.xlsx" >/dev/null
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp" "$tmp/demo.xlsx" >/dev/null 2>&1
page=""
for p in $(seq 1 30); do
  text=$(pdftotext -f "$p" -l "$p" "$tmp/demo.pdf" - 2>/dev/null || true)
  if [[ "${text%%$'\n'*}" == *客户满意度分析报告* ]]; then page=$p; break; fi
done
[ -n "$page" ] || { echo "no report page found in the demo PDF" >&2; exit 1; }
pdftoppm -r 130 -f "$page" -l "$page" -png "$tmp/demo.pdf" "$tmp/page"
convert "$tmp"/page-*.png -crop 1460x820+40+55 +repage -strip docs/report.png
rm -rf "$tmp"
echo "docs/report.png (page $page of the demo)"
