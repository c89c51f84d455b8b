#!/usr/bin/env bash
# The detection engine against ripgrep on the same real text, one thread each.
# Builds (once) target/realtext.txt: 64 MB of real public text from this machine (CPython's
# standard library, Debian package documentation decompressed, Maven POMs), then times
#   - the engine (13 detectors with their validation), through the streaming TextScanner;
#   - rg -j1 with 13 plain patterns (one per detector, no validation), with --no-unicode and default.
# Usage: bench/detector-vs-rg.sh [passes=5]   (needs rg: apt-get install -y ripgrep)
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-5}
command -v rg > /dev/null || { echo "rg is needed: apt-get install -y ripgrep"; exit 2; }
corpus=target/realtext.txt
if [ ! -s "$corpus" ]; then
  mkdir -p target
  python3 - "$corpus" <<'PY'
import gzip, os, sys
out = open(sys.argv[1], 'wb'); total = 0; limit = 64 * 1000 * 1000
roots = ['/usr/lib/python3.11', '/usr/share/doc', os.path.expanduser('~/.m2/repository/org/apache')]
for root in roots:
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            if not (f.endswith(('.py', '.pom', '.txt', '.md', '.gz', 'changelog', 'copyright', 'NEWS', 'README')) ) or os.path.islink(p):
                continue
            try:
                b = open(p, 'rb').read()
                if b[:2] == b'\x1f\x8b':
                    b = gzip.decompress(b)
            except Exception:
                continue
            if b'\0' in b[:8192]:
                continue
            out.write(b); total += len(b)
            if total >= limit:
                sys.exit(0)
PY
fi
size_mb=$(python3 -c "import os; print(round(os.path.getsize('$corpus') / 1e6, 1))")
echo "Corpus: $corpus, $size_mb MB of real text (CPython sources, Debian docs, Maven POMs)"
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
[ -s target/bench.classpath ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
engine_line=$(java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" scanner.bench.EngineOnFile "$corpus" "$passes")
echo "$engine_line"
engine=$(sed -E 's/.*best ([0-9]+) MB\/s.*/\1/' <<< "$engine_line")

patterns=$(mktemp)
cat > "$patterns" <<'PAT'
\b\d{3}[- .]\d{2}[- .]\d{4}\b
\b\d(?:[ -]?\d){12,18}\b
[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}
\+?\d{1,3}[ .-]?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}
\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b
\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}\b
(?i:aws|secret).{0,100}[A-Za-z0-9/+]{40}
-----BEGIN [A-Z ]*PRIVATE KEY
eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+
gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}
xox[abeoprs][-.][A-Za-z0-9-]{10,}|xapp-\d-[A-Z0-9-]+|hooks\.slack\.com/(?:services|workflows|triggers)/
[sr]k_live_[A-Za-z0-9]{24,}
AIza[A-Za-z0-9_-]{35}
PAT
best_rate() { # best of $passes runs of the command, in MB/s
  local best=0
  for _ in $(seq 1 "$passes"); do
    local start end
    start=$(date +%s.%N); "$@" > /dev/null || true; end=$(date +%s.%N)
    best=$(python3 -c "print(max($best, $size_mb / ($end - $start)))")
  done
  printf '%.0f' "$best"
}
nu=$(best_rate rg -j1 --no-unicode -c -f "$patterns" "$corpus")
echo "rg -j1 --no-unicode, 13 patterns: best $nu MB/s (lines matched: $(rg -j1 --no-unicode -c -f "$patterns" "$corpus"))"
slow_passes=1
uni=$(passes=$slow_passes; best_rate rg -j1 -c -f "$patterns" "$corpus")
echo "rg -j1 (Unicode classes, the default), 13 patterns: $uni MB/s"
rm -f "$patterns"
echo "engine / rg --no-unicode: $(python3 -c "print(round($engine / $nu, 2))") (best against best, same text, same minute)"
