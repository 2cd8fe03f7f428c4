#!/usr/bin/env bash
# Regenerate the producer corpus in test/corpus/ (see test/corpus/README.md).
#
#   bash scripts/corpus/make-corpus.sh
#
# Needs: Debian's /usr/bin/python3 with python3-openpyxl (3.0.9) and python3-xlsxwriter (3.0.2)
# (not the pyenv python3 on PATH), LibreOffice (soffice), node, npm, and xmllint for the validator.
# excelize-wasm is installed OUTSIDE the repo, in $EXCELIZE_DIR (default /tmp/excelize), never in
# the repo's package.json. Every file is rebuilt from scripts/corpus/survey_data.py and comes out
# byte-identical on every run, except that LibreOffice 7.4 stamps its zip entries with the current
# time (its parts' bytes are repeatable: SAL_RAND_REPEATABLE fixes its random chart axis ids).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/test/corpus"
PY=/usr/bin/python3
EXCELIZE_DIR="${EXCELIZE_DIR:-/tmp/excelize}"
EXCELIZE_VERSION=0.1.3
# The repo's copy of the team's validator, else the shared one beside the checkout.
if [ -z "${VALIDATOR:-}" ]; then
  VALIDATOR="$ROOT/tools/ooxml/validate-xlsx"
  [ -f "$VALIDATOR" ] || VALIDATOR="$ROOT/../shared/tools/validate-xlsx"
fi
export TZ=UTC

$PY -c 'import openpyxl, xlsxwriter' 2>/dev/null || { echo "make-corpus: $PY needs python3-openpyxl and python3-xlsxwriter (apt-get install python3-openpyxl python3-xlsxwriter)" >&2; exit 1; }
command -v soffice >/dev/null || { echo "make-corpus: soffice (LibreOffice) not found" >&2; exit 1; }
if [ ! -f "$EXCELIZE_DIR/node_modules/excelize-wasm/package.json" ]; then
  mkdir -p "$EXCELIZE_DIR"
  (cd "$EXCELIZE_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm i --no-audit --no-fund "excelize-wasm@$EXCELIZE_VERSION" >/dev/null)
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT" "$TMP/lo-in" "$TMP/lo-out"
cd "$HERE"

lo_convert() { # lo_convert IN.xlsx  -> $TMP/lo-out/<same name>
  SAL_RAND_REPEATABLE=1 soffice --headless --norestore "-env:UserInstallation=file://$TMP/lo-profile" \
    --convert-to xlsx --outdir "$TMP/lo-out" "$1" >"$TMP/soffice.log" 2>&1 || { cat "$TMP/soffice.log" >&2; exit 1; }
  [ -f "$TMP/lo-out/$(basename "$1")" ] || { echo "make-corpus: LibreOffice wrote nothing for $1" >&2; cat "$TMP/soffice.log" >&2; exit 1; }
}

echo "openpyxl-survey.xlsx"
$PY openpyxl_survey.py "$OUT/openpyxl-survey.xlsx"

echo "xlsxwriter-features.xlsx"
$PY xlsxwriter_survey.py features "$OUT/xlsxwriter-features.xlsx"

echo "libreoffice-survey.xlsx"
$PY xlsxwriter_survey.py lo-input "$TMP/lo-in/libreoffice-survey.xlsx"
lo_convert "$TMP/lo-in/libreoffice-survey.xlsx"
cp "$TMP/lo-out/libreoffice-survey.xlsx" "$OUT/libreoffice-survey.xlsx"

echo "excelize-user-extras.xlsx"
$PY survey_data.py "$TMP/survey.json"
$PY make_png.py "$TMP/bars.png"
node excelize_survey.mjs "$TMP/survey.json" "$TMP/bars.png" "$OUT/excelize-user-extras.xlsx" "$EXCELIZE_DIR"

echo "libreoffice-pivot.xlsx"
cp "$OUT/excelize-user-extras.xlsx" "$TMP/lo-in/libreoffice-pivot.xlsx"
lo_convert "$TMP/lo-in/libreoffice-pivot.xlsx"
cp "$TMP/lo-out/libreoffice-pivot.xlsx" "$OUT/libreoffice-pivot.xlsx"

echo "excel-like-mc.xlsx"
$PY make_excel_like.py "$OUT/excelize-user-extras.xlsx" "$OUT/excel-like-mc.xlsx"

echo "expected.json"
if [ -f "$VALIDATOR" ] && command -v xmllint >/dev/null; then
  $PY write_expected.py "$OUT" "$VALIDATOR"
  echo "validate-xlsx:"
  python3 "$VALIDATOR" "$OUT"/*.xlsx || true   # producers' own quirks are reported, not fixed
else
  echo "make-corpus: validate-xlsx or xmllint missing: validator verdicts not checked" >&2
  $PY write_expected.py "$OUT"
fi

echo "quirks/ (make_quirks.py)"
$PY make_quirks.py "$OUT/quirks" "$({ [ -f "$VALIDATOR" ] && command -v xmllint >/dev/null; } && echo "$VALIDATOR")"
