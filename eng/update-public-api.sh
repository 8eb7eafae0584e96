#!/usr/bin/env bash
# Rewrites every src project's PublicAPI.Unshipped.txt from the code, so that the public API tracking
# (Microsoft.CodeAnalysis.PublicApiAnalyzers: RS0016 "not declared", RS0017 "declared but gone", errors in the build)
# matches what the code declares. Run it after changing or merging public API, then review the diff of the
# PublicAPI.*.txt files: it is the change of the library's surface.
#
#   eng/update-public-api.sh
#
# PublicAPI.Shipped.txt is left as it is (empty until the first release; then the release moves the Unshipped lines
# there). A shipped API that is removed from the code stays an RS0017 error until its line is removed by hand or
# marked *REMOVED* in Unshipped, on purpose: that is a breaking change.
set -euo pipefail
cd "$(dirname "$0")/.."

header='#nullable enable'
projects=(src/*/*.csproj)
for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  [ -f "$dir/PublicAPI.Shipped.txt" ] || echo "$header" > "$dir/PublicAPI.Shipped.txt"
  echo "$header" > "$dir/PublicAPI.Unshipped.txt"
done

# The analyzer's own code fix ("add to public API"), applied to every undeclared symbol of each project.
for project in "${projects[@]}"; do
  echo "Declaring the public API of $project"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info
done

# One order (ordinal), so that regenerating on two branches gives the same file and merges stay line-by-line.
for project in "${projects[@]}"; do
  file="$(dirname "$project")/PublicAPI.Unshipped.txt"
  { echo "$header"; grep -v "^$header\$" "$file" | LC_ALL=C sort -u; } > "$file.sorted"
  mv "$file.sorted" "$file"
done
