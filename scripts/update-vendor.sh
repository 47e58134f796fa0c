#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Refresh the vendored NL Design System CSS and htmx from npm (pinned versions).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent --no-save @utrecht/component-library-css@9.0.4 \
  @nl-design-system-unstable/voorbeeld-design-tokens@7.4.1 htmx.org@2.0.11
dest="$here/src/schakel/static/vendor"
nm="$work/node_modules"
cp "$nm/@utrecht/component-library-css/dist/index.css" "$dest/utrecht/component-library.css"
cp "$nm/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" "$dest/voorbeeld-theme/theme.css"
cp "$nm/htmx.org/dist/htmx.min.js" "$dest/htmx/htmx.min.js"
echo "vendored assets refreshed in $dest"
