#!/bin/sh
# The page's stylesheets as one file, in their cascade order (Trunk runs this before each
# build: Trunk.toml's pre_build hook; web/index.html links the result). One file gzips to
# about 4.5 KB less than the 14 apart (each compressed alone), and is one request (bundle5).
# A new stylesheet goes in this list, or on a <link data-trunk rel="css"> of its own.
set -eu
cd "$(dirname "$0")/.."
mkdir -p target/css
FILES="static/style.css static/cli.css static/zk.css static/fast.css static/gzip.css
  static/tour.css static/panels.css static/tmweb.css static/kweb.css static/kweb2.css
  static/snap.css static/frames.css static/nodes.css static/frames2.css"
# A stylesheet in static/ that is neither listed here nor linked on its own would be left out
# of the page without a word: refuse to build instead.
for f in static/*.css; do
  case " $(echo $FILES) " in *" $f "*) continue ;; esac
  grep -q "href=\"[./]*$f\"" web/index.html && continue
  echo "css-bundle.sh: $f is not in the list (scripts/css-bundle.sh) nor linked in web/index.html" >&2
  exit 1
done
# shellcheck disable=SC2086
cat $FILES >target/css/lab.css.new
mv target/css/lab.css.new target/css/lab.css
