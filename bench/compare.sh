#!/usr/bin/env bash
# Times copydesk against typos and textlint over the same generated corpus, in one run.
# Installs the peers from the package registries when they are missing, and prints the
# wall-time ratios. Usage: bench/compare.sh [ARTICLES]   (default 2000, about 10 MB)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-2000}
corpus=target/bench-corpus
tools=target/bench-tools

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine; then
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 || true
fi
if ! need typos; then
  cargo install --quiet --root "$tools" typos-cli
fi
export PATH="$PWD/$tools/bin:$PWD/$tools/node_modules/.bin:$PATH"
if ! need textlint; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund textlint textlint-rule-terminology >/dev/null)
fi

cargo build --release --quiet --example gen-corpus
cargo build --release --quiet
rm -rf "$corpus"
./target/release/examples/gen-corpus "$corpus" "$articles"
bytes=$(du -sb "$corpus" | cut -f1)
echo "corpus: $articles articles, $bytes bytes; $(nproc) cores; $(date -u +%Y-%m-%d)"

copydesk="./target/release/copydesk check --exit-zero --format concise $corpus"
typos_cmd="typos --format brief $corpus"
textlint_cmd="textlint --rule terminology $corpus --format compact"

if need hyperfine; then
  hyperfine --ignore-failure --warmup 1 --runs 5 --export-json target/compare.json \
    -n copydesk "$copydesk > /dev/null" \
    -n typos "$typos_cmd > /dev/null" \
    -n textlint "$textlint_cmd > /dev/null"
  python3 - target/compare.json <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
base = results["copydesk"]["mean"]
for name, r in results.items():
    print(f"{name:10} {r['mean']:8.3f} s   {r['mean'] / base:6.1f}x copydesk")
PY
else
  for cmd in "$copydesk" "$typos_cmd" "$textlint_cmd"; do
    /usr/bin/time -f "%e s wall, %M KB max RSS: $cmd" bash -c "$cmd > /dev/null" || true
  done
fi
/usr/bin/time -f "copydesk peak RSS: %M KB" $copydesk > /dev/null
