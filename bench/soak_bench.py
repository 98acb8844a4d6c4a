"""Soak with faults (issue 16): mixed traffic on PostgreSQL + Redis, two server processes,
while one server is killed (kill -9, then restarted), Redis is restarted and PostgreSQL is
paused; then the checks (bench/soak.py says what each one holds).

    .venv/bin/python bench/soak_bench.py [--seconds 600] [--rate 150] [--publish-every 3]

Needs root (its own PostgreSQL cluster runs as the postgres user through runuser). Writes
bench/results/soak.json; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import soak  # noqa: E402
from bench.common import save_result  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=600, help="traffic, warm-up included")
    parser.add_argument("--rate", type=float, default=150, help="readers' requests a second")
    parser.add_argument("--publish-every", type=float, default=3.0)
    args = parser.parse_args()
    reason = soak.unavailable()
    if reason:
        sys.exit(f"cannot soak here: {reason}")
    result = soak.run(seconds=args.seconds, rate=args.rate, publish_every=args.publish_every)
    path = save_result("soak", result)

    print()
    print(f"{result['traffic_seconds']} s of traffic, {result['requests_per_second']} req/s: "
          f"{result['requests']}")  # fmt: skip
    for fault in result["faults"]:
        print(f"  {fault['start']:>6} - {fault['end']:>6} s  {fault['fault']}")
    p = result["publishes"]
    print(
        f"publish to visible ({p['outside_windows']} publishes outside the fault windows): "
        f"p50 {p['p50_s']} s, p99 {p['p99_s']} s, max {p['max_s']} s; "
        f"{p['in_windows']} in windows, max {p['in_windows_max_s']} s"
    )
    v, c = result["views"], result["comments"]
    print(
        f"views: {v['acknowledged']} acknowledged, {v['counted']} counted, {v['missing']} missing "
        f"({v['acknowledged_before_redis_stop']} acknowledged just before Redis stopped)"
    )
    print(f"comments: {c['acknowledged']} acknowledged, {c['stored']} stored")
    print(f"errors: {result['errors_in_windows']} in fault windows, "
          f"{len(result['errors_outside_windows'])} outside")  # fmt: skip
    print(f"{'worker':<30}{'start MB':>10}{'end MB':>10}{'max MB':>10}{'span s':>8}")
    for name, m in result["memory"].items():
        print(
            f"{name:<30}{m['start_mb']!s:>10}{m['end_mb']!s:>10}{m['max_mb']!s:>10}"
            f"{m.get('span_s', '-')!s:>8}"
        )
    print()
    for name, check in result["checks"].items():
        print(f"{'ok  ' if check['passed'] else 'FAIL'} {name}: {check['detail']}")
    print(f"\nwritten to {path}")
    if not all(check["passed"] for check in result["checks"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
