#!/usr/bin/env python3
"""Refresh the vendored caniemail data (app/core/data/caniemail.json) from a LOCAL copy.

Nothing is fetched: get the package first, for example

    npm pack caniemail@2.0.2          # writes caniemail-2.0.2.tgz (npm checks its integrity)
    python scripts/refresh_caniemail.py caniemail-2.0.2.tgz

SOURCE may be the .tgz, the unpacked ``package`` folder, or the JSON file itself. The
script checks the shape the client-support rule reads, copies the JSON byte for byte and
rewrites app/core/data/caniemail-SOURCE.md (version, dates, SHA-256, licence).
"""

from __future__ import annotations

import hashlib
import json
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "app" / "core" / "data"
_SOURCE_NOTE = """# caniemail data: where it comes from

`caniemail.json` is the data file of the npm package `caniemail` {version}
(https://www.npmjs.com/package/caniemail, repository shellscape/caniemail, MIT), which
compiles the support tables of caniemail.com (https://www.caniemail.com, repository
hteumeuleu/caniemail, MIT, by Rémi Parmentier and contributors). Both licences are in
`caniemail-LICENSE.txt`.

- api_version: {api_version}
- last_update_date: {last_update}
- features: {features}
- sha256 of caniemail.json: {sha256}

The client-support rule reads it from here; nothing is fetched at run time. To refresh it,
see `scripts/refresh_caniemail.py`.
"""


def _read(source: Path) -> tuple[bytes, str]:
    """The JSON bytes and the package version ("" when unknown)."""
    if source.is_dir():
        package = json.loads((source / "package.json").read_text("utf-8"))
        return (source / "data" / "caniemail.json").read_bytes(), package["version"]
    if source.suffix in (".tgz", ".gz"):
        with tarfile.open(source) as archive:
            data = archive.extractfile("package/data/caniemail.json")
            meta = archive.extractfile("package/package.json")
            if data is None or meta is None:
                raise SystemExit(f"{source}: not a caniemail package")
            return data.read(), json.loads(meta.read())["version"]
    return source.read_bytes(), ""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[0])
    if not source.exists():
        print(f"{source}: no such file or folder", file=sys.stderr)
        return 1
    raw, version = _read(source)
    data = json.loads(raw)
    features = data.get("data")
    if not isinstance(features, list) or not all(
            {"slug", "title", "stats", "notes_by_num"} <= set(f) for f in features):
        print(f"{source}: not the caniemail data format (api/data.json)", file=sys.stderr)
        return 1
    (DATA / "caniemail.json").write_bytes(raw)
    (DATA / "caniemail-SOURCE.md").write_text(_SOURCE_NOTE.format(
        version=version or "(version unknown: copied from a JSON file)",
        api_version=data.get("api_version", "?"), last_update=data.get("last_update_date", "?"),
        features=len(features), sha256=hashlib.sha256(raw).hexdigest()), "utf-8")
    print(f"caniemail {version or '?'}: {len(features)} features written to {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
