#!/bin/bash
# Benchmark (issue 18): validate and ingest of the 2 M-row cohort of benchmarks/ingest.py, main without
# the hardening (BEFORE=a checkout of it) against this branch (AFTER), alternating, each run in a fresh
# process (benchmarks/ingest.py --child). Usage: BEFORE=/tmp/main AFTER=. benchmarks/hardening.sh
cd "$(dirname "$0")/.."
ROWS=${ROWS:-2000000}
DIR=benchmarks/out/ingest_$ROWS
[ -f $DIR/labs.csv ] || .venv/bin/python -c "
import sys; sys.argv=['x']; sys.path.insert(0,'benchmarks'); import ingest; from pathlib import Path; ingest.write_cohort(Path('$DIR'), $ROWS)"
for round in 1 2 3; do
  for tree in ${BEFORE:?} ${AFTER:-.}; do
    for mode in validate ingest; do
      out=$(PYTHONPATH=$tree/src .venv/bin/python benchmarks/ingest.py --child $mode $DIR /tmp/bench18_$$.duckdb | tail -1)
      echo "$round $(basename $tree) $mode $out load $(cut -d' ' -f1 /proc/loadavg)"
      rm -f /tmp/bench18_$$.duckdb
    done
  done
done
