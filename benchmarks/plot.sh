#!/usr/bin/env bash
# Plots one compare.sh run (its folder under artifacts/benchmarks/) into PNGs beside its CSVs:
#   fanout.png       fan-out time against recipients, EarlyWarning and Redis (log-log)
#   compare.png      median time per measure, EarlyWarning and Redis (log scale)
#   latency-cdf.png  sighting → alert on a WebSocket, as a CDF (the load generator's latency-cdf.csv)
# gnuplot (Debian's gnuplot-nox) is installed when missing.
#
#   benchmarks/plot.sh artifacts/benchmarks/compare-…
set -euo pipefail
run="${1:?usage: benchmarks/plot.sh RUN_FOLDER}"
if ! command -v gnuplot >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null
fi
cd "$run"

if [ -f redis.csv ] && [ -f earlywarning.csv ]; then
# fanout: recipients, Redis median, EarlyWarning median
awk -F, 'FNR==1 {next} FILENAME ~ /redis/ && $1=="fanout" {r[$3]=$5} FILENAME ~ /earlywarning/ && $1=="fanout" {e[$4]=$5}
  END {for (k in e) if (k in r) print k, r[k], e[k]}' redis.csv earlywarning.csv | sort -n > fanout.dat
# measures: name, Redis median, EarlyWarning median
awk -F, 'FNR==1 {next} FILENAME ~ /redis/ && ($1=="zone5km" || $1=="zone50km") {r[$1]=$5}
  FILENAME ~ /redis/ && $1=="fanout" && $3>=m {m=$3; r["fanout"]=$5}
  FILENAME ~ /earlywarning/ && ($1=="zone5km" || $1=="zone50km") {e[$1]=$5}
  FILENAME ~ /earlywarning/ && $1=="fanout" && $4>=n {n=$4; e["fanout"]=$5}
  END {for (k in e) if (k in r) print k, r[k], e[k]}' redis.csv earlywarning.csv | sort > measures.dat

gnuplot <<'GP'
set terminal pngcairo size 900,560 font "sans,11"
set output "fanout.png"
set title "Fan-out: verified sighting → every recipient's alert at the gateways (median)"
set logscale xy
set xlabel "recipients"
set ylabel "ms"
set key top left
set grid
plot "fanout.dat" using 1:2 with linespoints lw 2 title "Redis GEOSEARCH + PUBLISH per member", \
     "fanout.dat" using 1:3 with linespoints lw 2 title "EarlyWarning (grains → gateway sink)"

set output "compare.png"
set title "Median time per measure (lower is better)"
unset logscale x
set logscale y
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xlabel ""
set xtics nomirror
plot "measures.dat" using 2:xtic(1) title "Redis", "" using 3 title "EarlyWarning"
GP
fi

if [ -f latency-cdf.csv ]; then
  cp latency-cdf.csv latency-cdf.dat
  gnuplot <<'GP'
set terminal pngcairo size 900,560 font "sans,11"
set output "latency-cdf.png"
set title "Sighting → alert on a connected WebSocket (one subscriber), CDF"
set xlabel "ms"
set ylabel "fraction of alerts"
set logscale x
set grid
set key off
plot "latency-cdf.dat" using 1:2 with lines lw 2
GP
fi
ls -1 "$PWD"/*.png
