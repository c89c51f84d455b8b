#!/usr/bin/env bash
# The listing state machine at ten million objects: history events per execution, executions used,
# and where a single execution would hit the 25,000-event quota. Runs the shipped definition in the
# Step Functions test double (needs Node 20 and: npm install --prefix src/test/node/sfn-local).
# Usage: bench/sfn-chain.sh [pages=10000] [pages-per-execution=1000] [quota=25000]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d src/test/node/sfn-local/node_modules/aws-local-stepfunctions ] \
  || npm install --prefix src/test/node/sfn-local --no-audit --no-fund --loglevel=error
exec node bench/sfn/chain.mjs "$@"
