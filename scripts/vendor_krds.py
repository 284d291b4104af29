"""Vendor a version of KRDS (npm `krds-uiux`, 대한민국 디지털 정부 디자인 시스템) into static/vendor/krds-<version>/.

    python3 scripts/vendor_krds.py            # 1.1.0
    python3 scripts/vendor_krds.py 1.2.0      # then point templates/base.html at the new folder

Needs `npm` only here, to fetch the package tarball (`npm pack`); the site serves the copied files itself,
with no CDN and no Node at run time. Only what the pages use is kept: the design tokens, the compiled
component CSS (common + components, its icons referenced by relative url()), the icons, the favicons and the
Pretendard GOV web fonts. Source-map comments are dropped: the maps are not shipped and the production
static storage (whitenoise's manifest) refuses references to missing files.
"""

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEEP = {
    "resources/css/token/krds_tokens.css": "css/token/krds_tokens.css",
    "resources/css/component/output.css": "css/component/output.css",
}
KEEP_DIRS = {
    "resources/img/component/icon": "img/component/icon",
    "resources/img/component/favicon": "img/component/favicon",
    "resources/fonts": "fonts",
}
LICENSE = """KRDS HTML ComponentKit — npm package `krds-uiux` {version}
https://www.npmjs.com/package/krds-uiux/v/{version}

package.json licence: {license}
The package's README: "본 패키지는 대한민국 디지털 정부 디자인 시스템(KRDS)의 이용약관을 따름."
(This package follows the terms of use of the Korean digital government design system, KRDS.)
KRDS 저작권 / terms: https://www.krds.go.kr/html/site/utility/utility_06.html

Pretendard GOV fonts (fonts/): SIL Open Font License 1.1, https://github.com/orioncactus/pretendard

Files copied by scripts/vendor_krds.py: {files}
"""


def main(version: str = "1.1.0") -> None:
    target = ROOT / "static" / "vendor" / f"krds-{version}"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"krds-uiux@{version}", "--silent"], cwd=tmp, check=True)
        with tarfile.open(next(Path(tmp).glob("krds-uiux-*.tgz"))) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        license_name = re.search(r'"license":\s*"([^"]+)"', (package / "package.json").read_text()).group(1)
        if target.exists():
            shutil.rmtree(target)
        for source, dest in KEEP.items():
            text = (package / source).read_text(encoding="utf-8")
            text = re.sub(r"/\*# sourceMappingURL=.*?\*/\s*", "", text)
            (target / dest).parent.mkdir(parents=True, exist_ok=True)
            (target / dest).write_text(text, encoding="utf-8")
        for source, dest in KEEP_DIRS.items():
            shutil.copytree(package / source, target / dest, ignore=shutil.ignore_patterns("*.woff"))  # woff2 is enough
        files = ", ".join([*KEEP.values(), *(f"{d}/" for d in KEEP_DIRS.values())])
        (target / "LICENSE.md").write_text(LICENSE.format(version=version, license=license_name, files=files))
    print(f"KRDS {version} vendored into {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
