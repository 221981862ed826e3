#!/usr/bin/env python3
"""Counts test cases (TAP subtests) in meson's JSON test logs and prints
"N passed, N failed[, N skipped]".  A program that died before finishing its plan counts
every case it did not report as failed, and at least one."""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as error:
        print(f"missing test log {path}: {error}", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        out = test.get("stdout") or ""
        plan = 0
        p = f = s = 0
        for tap in out.splitlines():
            m = re.match(r"^1\.\.(\d+)", tap)
            if m:
                plan = int(m.group(1))
            elif re.match(r"^not ok\b", tap):
                if "# TODO" in tap:
                    s += 1
                else:
                    f += 1
            elif re.match(r"^ok\b", tap):
                if "# SKIP" in tap:
                    s += 1
                else:
                    p += 1
        if p + f + s == 0 and plan == 0 and test.get("result") == "OK":
            p = 1   # a test that reports by its exit status, not TAP
        if test.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL"):
            f = max(f + max(plan - (p + f + s), 0), 1)
            print(f"FAILED: {test.get('name')} ({test.get('result')})", file=sys.stderr)
        passed += p
        failed += f
        skipped += s

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
