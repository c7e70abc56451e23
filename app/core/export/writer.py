"""Writing a bundle's files reproducibly: to a zip file, or to a folder.

Zip entries are sorted, stored with the export time as their timestamp, mode 0644 and
maximum deflate, so the same project exported at the same time gives the same bytes.
The zip is written to a temporary file beside the target and renamed into place.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ...kernel.errors import InputError

FILE_MODE = 0o644


def zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip timestamp (1980–2107, even seconds) for a moment in UTC."""
    moment = moment.astimezone(dt.UTC)
    year = min(max(moment.year, 1980), 2107)
    return (year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second // 2 * 2)


def zip_bytes(files: Mapping[str, bytes], moment: dt.datetime) -> bytes:
    """The bundle as zip bytes."""
    import io

    buffer = io.BytesIO()
    stamp = zip_time(moment)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.create_system = 3
            archive.writestr(info, files[name], compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=9)
    return buffer.getvalue()


def write_bundle(files: Mapping[str, bytes], out: Path, moment: dt.datetime) -> Path:
    """Write to ``out``: a zip file if it ends in .zip, else a new or empty folder."""
    if out.suffix.lower() == ".zip":
        if out.is_dir():
            raise InputError("the output is a folder", path=out, hint="give FILE.zip")
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise InputError("the output's folder does not exist", path=parent)
        data = zip_bytes(files, moment)
        fd, tmp = tempfile.mkstemp(prefix=".missive-export-", dir=parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError("the output folder exists and is not empty", path=out,
                         hint="give a new folder, or FILE.zip")
    stamp = moment.timestamp()
    for name in sorted(files):
        target = out.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[name])
        os.chmod(target, FILE_MODE)
        os.utime(target, (stamp, stamp))
    return out
