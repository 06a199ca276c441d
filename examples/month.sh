#!/usr/bin/env bash
# One month of spot checks at the four levels on the bundled registry with funds
# (fixtures/funds-registry.csv: 文山 and 红河, synthetic), each level excluding the draws above it,
# then every draw verified and the ledger checked.
#
#   bash examples/month.sh [YYYY-MM] [output directory]        (default: 2026-11 examples/out/2026-11)
#
# In real use each committee announces its own seed in public before it draws (a lottery, the
# closing index of the day …); the seeds below stand for those.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPOTCHECK="$ROOT/bin/spotcheck"
REGISTRY="$ROOT/fixtures/funds-registry.csv"
MONTH="${1:-2026-11}"
OUT="${2:-$ROOT/examples/out/$MONTH}"
PREFECTURE="文山壮族苗族自治州"
COUNTY="丘北县"

[[ -f "$ROOT/dist/main.js" ]] || (cd "$ROOT" && npm run build --silent)
rm -rf "$OUT"
mkdir -p "$OUT"
LEDGER="$OUT/draws.ledger"
step() { printf '\n== %s\n' "$*"; }

step "province (省): 4 counties × 2 poor villages × 5 households, from the month's public seed"
"$SPOTCHECK" monthly "$REGISTRY" --month "$MONTH" --seed "$MONTH 省纪委 公开摇号 07 19 23" \
  --level province --spares 2 --out "$OUT/province" --ledger "$LEDGER"

step "prefecture (州市) $PREFECTURE: 2 counties the province did not draw"
"$SPOTCHECK" monthly "$REGISTRY" --month "$MONTH" --seed "$MONTH 文山州纪委 公开摇号 11 02" \
  --level prefecture --scope "$PREFECTURE" --exclude "$OUT/province" --spares 2 \
  --out "$OUT/prefecture" --ledger "$LEDGER"

step "prefecture (州市) $PREFECTURE: counties beyond the province's covering ≥ 50% of the funds"
"$SPOTCHECK" funds "$REGISTRY" --month "$MONTH" --seed "$MONTH 文山州纪委 资金抽查 11 02" \
  --scope "$PREFECTURE" --coverage 0.5 --exclude "$OUT/province" \
  --out "$OUT/prefecture-funds" --ledger "$LEDGER"

step "county (县) $COUNTY: 4 villages, none of the villages or households drawn above"
"$SPOTCHECK" monthly "$REGISTRY" --month "$MONTH" --seed "$MONTH 丘北县纪委 公开摇号 5 8 1" \
  --level county --scope "$COUNTY" --exclude "$OUT/province" "$OUT/prefecture" --exclude-stages village,household \
  --spares 2 --out "$OUT/county" --ledger "$LEDGER"

# The township: the first township of the county's draw (any township of the county would do).
TOWNSHIP="$(node -e "
  const [header, first] = require('fs').readFileSync(process.argv[1], 'utf8').split('\n');
  console.log(first.split(',')[header.split(',').indexOf('township')]);" "$OUT/county/villages.csv")"
step "township (乡镇) $COUNTY›$TOWNSHIP: 2 villages, none drawn above"
"$SPOTCHECK" monthly "$REGISTRY" --month "$MONTH" --seed "$MONTH $TOWNSHIP纪委 公开摇号 3 6" \
  --level township --scope "$COUNTY›$TOWNSHIP" --village-frame all \
  --exclude "$OUT/province" "$OUT/prefecture" "$OUT/county" --exclude-stages village,household \
  --spares 2 --out "$OUT/township" --ledger "$LEDGER"

step "verify every draw (anyone holding the registry and the draw directories can)"
for draw in province prefecture prefecture-funds county township; do
  "$SPOTCHECK" verify "$OUT/$draw"
done

step "the ledger of the month's draws"
"$SPOTCHECK" ledger verify "$LEDGER"
