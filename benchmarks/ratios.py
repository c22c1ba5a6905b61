#!/usr/bin/env python3
"""Reads one compare.sh run's CSVs and prints the side-by-side table, then the ratios line last.

redis.csv, earlywarning.csv: measure,distribution,size,count,median_ms,p99_ms,rate_per_s
loadgen.csv:                 measure,clients,count,p50_ms,p90_ms,p99_ms,max_ms,rate_per_s
(ingest_noop, when present: the same hub ingest against the no-op hub, SignalR's own ceiling)
"""
import csv
import sys
from pathlib import Path


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def num(value):
    return float(value) if value not in (None, "") else None


def pick(table, measure, **match):
    found = [r for r in table if r["measure"] == measure and all(r.get(k) == v for k, v in match.items())]
    return found[-1] if found else None


def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "n/a"


def main(folder):
    out = Path(folder)
    redis, ew = rows(out / "redis.csv"), rows(out / "earlywarning.csv")
    load = rows(out / "loadgen.csv") if (out / "loadgen.csv").exists() else []

    print(f"{'measure':<22}{'Redis median':>14}{'EW median':>12}{'Redis p99':>12}{'EW p99':>10}{'count R/EW':>18}")
    for measure in ("zone5km", "zone50km"):
        r, e = pick(redis, measure), pick(ew, measure)
        if r and e:
            print(f"{measure:<22}{num(r['median_ms']):>12.3f}ms{num(e['median_ms']):>10.3f}ms{num(r['p99_ms']):>10.3f}ms{num(e['p99_ms']):>8.3f}ms{r['count'] + '/' + e['count']:>18}")
    sizes = sorted({int(r["count"]) for r in ew if r["measure"] == "fanout"})
    for size in sizes:
        r = next((x for x in redis if x["measure"] == "fanout" and int(x["size"]) == size), None)
        e = next((x for x in ew if x["measure"] == "fanout" and int(x["count"]) == size), None)
        if r and e:
            print(f"{'fanout ' + str(size):<22}{num(r['median_ms']):>12.3f}ms{num(e['median_ms']):>10.3f}ms{num(r['p99_ms']):>10.3f}ms{num(e['p99_ms']):>8.3f}ms{r['count'] + '/' + e['count']:>18}")

    # The largest fan-out both sides ran.
    fan_r = fan_e = None
    for size in reversed(sizes):
        r = next((x for x in redis if x["measure"] == "fanout" and int(x["size"]) == size), None)
        e = next((x for x in ew if x["measure"] == "fanout" and int(x["count"]) == size), None)
        if r and e:
            fan_r, fan_e = num(r["median_ms"]), num(e["median_ms"])
            break
    z5 = (pick(redis, "zone5km"), pick(ew, "zone5km"))
    z50 = (pick(redis, "zone50km"), pick(ew, "zone50km"))

    # Ingest at the same concurrency: Redis one GEOADD per round trip from N clients, EarlyWarning
    # UpdateLocation through the hub from N sockets.
    ew_ingest = pick(load, "ingest_hub") or pick(load, "ingest")
    # Same concurrency when the peer ran it; otherwise its most concurrent run (never the
    # one-client row, which would flatter EarlyWarning).
    redis_runs = [x for x in redis if x["measure"] == "ingest"]
    redis_ingest = None
    if ew_ingest:
        redis_ingest = next((x for x in redis_runs if x["size"] == ew_ingest["clients"]), None)
    if redis_ingest is None and redis_runs:
        redis_ingest = max(redis_runs, key=lambda x: int(x["size"]))
    if ew_ingest and redis_ingest:
        print(f"{'ingest (updates/s)':<22}{num(redis_ingest['rate_per_s']):>14.0f}{num(ew_ingest['rate_per_s']):>12.0f}   (Redis {redis_ingest['size']} clients, EW {ew_ingest['clients']} sockets)")
    # The channel's own ceiling, same run, same sockets: UpdateLocation on a hub method that does nothing.
    noop = pick(load, "ingest_noop")
    if ew_ingest and noop:
        print(f"{'ingest / no-op hub':<22}{num(noop['rate_per_s']):>14.0f}{num(ew_ingest['rate_per_s']):>12.0f}   "
              f"(no-op hub, EW hub: EW ingest is {ratio(num(ew_ingest['rate_per_s']), num(noop['rate_per_s']))} of what SignalR allows here)")
    mixed_r, mixed_e = pick(redis, "mixed"), pick(load, "mixed")
    if mixed_r and mixed_e:
        print(f"{'mixed p99 (ms)':<22}{num(mixed_r['p99_ms']):>14.3f}{num(mixed_e['p99_ms']):>12.3f}")

    print(
        "ratios: "
        f"fanout={ratio(fan_r, fan_e)} "
        f"zone5km={ratio(num(z5[0]['median_ms']) if z5[0] else None, num(z5[1]['median_ms']) if z5[1] else None)} "
        f"zone50km={ratio(num(z50[0]['median_ms']) if z50[0] else None, num(z50[1]['median_ms']) if z50[1] else None)} "
        f"ingest={ratio(num(ew_ingest['rate_per_s']) if ew_ingest else None, num(redis_ingest['rate_per_s']) if redis_ingest else None)} "
        f"mixed={ratio(num(mixed_r['p99_ms']) if mixed_r else None, num(mixed_e['p99_ms']) if mixed_e else None)}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
