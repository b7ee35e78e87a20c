#!/usr/bin/env bash
# Refreshes the vendored front-end files under src/wijkteam/static/vendor from the npm
# registry. Change a version here, run the script, look at the pages, commit the result.
# Needs node and npm; the product itself never needs them.
set -euo pipefail

UTRECHT_CSS_VERSION=9.0.4      # @utrecht/component-library-css
UTRECHT_TOKENS_VERSION=5.0.1   # @utrecht/design-tokens
HTMX_VERSION=2.0.11            # htmx.org (2.x: the long-supported line)
CHARTJS_VERSION=4.6.1          # chart.js (charts; every chart also has its data table)

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/src/wijkteam/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "@utrecht/component-library-css@${UTRECHT_CSS_VERSION}" \
  "@utrecht/design-tokens@${UTRECHT_TOKENS_VERSION}" "htmx.org@${HTMX_VERSION}" "chart.js@${CHARTJS_VERSION}" >/dev/null
for tarball in *.tgz; do
  mkdir -p "${tarball%.tgz}" && tar -xzf "$tarball" -C "${tarball%.tgz}"
done

mkdir -p "$dest/utrecht" "$dest/htmx" "$dest/chartjs"
cp utrecht-component-library-css-*/package/dist/index.css "$dest/utrecht/component-library.css"
cp utrecht-design-tokens-*/package/dist/index.css "$dest/utrecht/design-tokens.css"
cp htmx.org-*/package/dist/htmx.min.js "$dest/htmx/htmx.min.js"
# Without its source map reference: the map is not vendored, and collectstatic with the
# manifest storage (production) refuses a reference to a missing file.
sed "/^\/\/# sourceMappingURL=/d" chart.js-*/package/dist/chart.umd.min.js >"$dest/chartjs/chart.umd.min.js"
cp chart.js-*/package/LICENSE.md "$dest/chartjs/LICENSE.md"
cp utrecht-component-library-css-*/package/LICENSE* "$dest/utrecht/LICENSE" 2>/dev/null || true
cp htmx.org-*/package/LICENSE "$dest/htmx/LICENSE" 2>/dev/null || true

cat > "$dest/VERSIONS.txt" <<VERSIONS
Vendored by scripts/vendor-static.sh; do not edit these files by hand.
@utrecht/component-library-css ${UTRECHT_CSS_VERSION}
@utrecht/design-tokens ${UTRECHT_TOKENS_VERSION}
htmx.org ${HTMX_VERSION}
chart.js ${CHARTJS_VERSION}
VERSIONS
echo "Vendored into $dest:"
cat "$dest/VERSIONS.txt"
