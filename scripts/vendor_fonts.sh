#!/bin/sh
# Vendor the Pretendard GOV TrueType faces the PDFs embed (jobcenter/pdf.py) from the npm package, with
# its licence (SIL Open Font License 1.1). Needs npm only when run; nothing needs Node at run time.
#   sh scripts/vendor_fonts.sh [version]      # default 1.3.9
set -eu
version="${1:-1.3.9}"
target="$(cd "$(dirname "$0")/.." && pwd)/jobcenter/fonts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "pretendard-gov@$version" >/dev/null && tar xzf "pretendard-gov-$version.tgz")
for face in Regular Bold; do
    cp "$work/package/dist/public/static/alternative/PretendardGOV-$face.ttf" "$target/"
done
cp "$work/package/dist/LICENSE.txt" "$target/LICENSE-PretendardGOV.txt"
echo "pretendard-gov $version" > "$target/VERSION"
echo "vendored pretendard-gov $version into $target"
