#!/usr/bin/env bash
# Renders, for the README, the demo's report tab as LibreOffice draws it: docs/report.png (its first
# page), docs/act-first.png (先改进什么: the 关键驱动 table, 改进机会 and 意见主题) and docs/quadrant.png
# (the 四分图 scatter). Needs LibreOffice and poppler-utils, which also crops (Debian:
# libreoffice-calc poppler-utils fonts-noto-cjk). Run after `npm run build`.
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
# One page at 130 dpi, cropped to W×H from (X, Y): shot PAGE X Y W H OUT.
shot() { pdftoppm -r 130 -f "$1" -l "$1" -x "$2" -y "$3" -W "$4" -H "$5" -png -singlefile "$tmp/demo.pdf" "${6%.png}"; }
shot "$page" 40 55 1460 820 docs/report.png

# The page that starts with the 关键驱动 table (its note names the split), and the page with the 四分图.
find_page() {
  for p in $(seq 1 40); do
    if pdftotext -f "$p" -l "$p" "$tmp/demo.pdf" - 2>/dev/null | grep -q "$1"; then echo "$p"; return; fi
  done
}
drivers=$(find_page '按平均推导重要性')
scatter=$(find_page '四分图：推导重要性与满意度')
[ -n "$drivers" ] && [ -n "$scatter" ] || { echo "no 关键驱动 or 四分图 page found in the demo PDF" >&2; exit 1; }
shot "$drivers" 40 60 1460 800 docs/act-first.png
shot "$scatter" 60 240 940 740 docs/quadrant.png
rm -rf "$tmp"
echo "docs/report.png (page $page of the demo), docs/act-first.png (page $drivers), docs/quadrant.png (page $scatter)"
