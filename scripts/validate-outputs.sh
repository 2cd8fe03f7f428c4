#!/usr/bin/env bash
# One output of every command that writes a workbook, from the demo, each checked by the OOXML
# validator (tools/ooxml/validate-xlsx): what CI runs after `npm run demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
csat="node bin/csat.js"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
demo=csat-demo.xlsx
[ -f "$demo" ] || $csat demo --out "$demo" --force >/dev/null
items=$(node -e 'const {TABLE_4_1}=require("./dist-node/src/domain");console.log(TABLE_4_1.items.map((i)=>i.name).join(","))')
printf '客户名称,调查日期,%s\n新客户,2026-11-03,%s\n' "$items" "$(node -e 'console.log(Array(14).fill("满意").join(","))')" > "$out/export.csv"
$csat survey --out "$out/survey.xlsx" >/dev/null
$csat report "$demo" --period 2026Q3 --out "$out/report.xlsx" >/dev/null
$csat actions "$demo" --out "$out/actions.xlsx" >/dev/null
$csat comm-plan --into "$out/survey.xlsx" --out "$out/comm-plan.xlsx" >/dev/null
$csat comm-report "$demo" --today 2026-11-28 --out "$out/comm-report.xlsx" >/dev/null 2>&1
$csat import "$out/export.csv" --into "$demo" --out "$out/import.xlsx" >/dev/null 2>&1
$csat archive "$demo" --out "$out/archive.xlsx" >/dev/null
$csat rollup "$demo" "$out/import.xlsx" --out "$out/rollup.xlsx" >/dev/null 2>&1
python3 tools/ooxml/validate-xlsx "$demo" "${demo%.xlsx}-archive.xlsx" "$out"/*.xlsx
