"""Reading a bundle's files safely from a zip file or a folder, into memory.

Nothing is ever extracted or written. Refused with a :class:`BundleError`: entry names
that are absolute, hold ``..``, backslashes or drive letters; links (zip entries with a
symlink mode, symlinks in a folder); more than ``MAX_ENTRIES`` entries; an entry over
``MAX_ENTRY_BYTES``; more than ``MAX_TOTAL_BYTES`` in all; an entry that inflates more
than ``MAX_RATIO`` times (a zip bomb). Sizes are enforced while reading, not trusted from
the zip's headers.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

from .errors import BundleError
from .regular_file import UnsafeFile, kind_of, read_regular_file

MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
_CHUNK = 64 * 1024


def check_name(name: str) -> str:
    """The entry name if it is a plain relative path inside the bundle; else BundleError."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") \
            or (len(name) > 1 and name[1] == ":"):
        raise BundleError(f"unsafe path in the bundle: {name!r}",
                          hint="entries must be relative paths inside the bundle")
    parts = PurePosixPath(name).parts
    if any(p in ("..", ".") for p in name.split("/")) or not parts:
        raise BundleError(f"unsafe path in the bundle: {name!r}",
                          hint="entries may not contain '..'")
    return name


def read_bundle_files(path: str | Path) -> dict[str, bytes]:
    """Every file of a bundle (zip file or folder), checked, as ``{name: bytes}``."""
    path = Path(path)
    if path.is_symlink():
        raise BundleError("the bundle is a symbolic link", path=path,
                          hint="give the real file or folder")
    if path.is_dir():
        return _read_folder(path)
    if not path.is_file():
        raise BundleError("no such bundle", path=path, hint="give a .zip file or a folder")
    if not zipfile.is_zipfile(path):
        raise BundleError("not a zip file", path=path, hint="give a bundle made by missive export")
    return _read_zip(path)


def _read_zip(path: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise BundleError(f"too many entries ({len(entries)})", path=path)
            for info in entries:
                name = check_name(info.filename.rstrip("/") if info.is_dir() else info.filename)
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    raise BundleError(f"the bundle contains a link: {name}", path=path,
                                      hint="bundles hold plain files only")
                if info.is_dir():
                    continue
                if name in files:
                    raise BundleError(f"duplicate entry {name}", path=path)
                if info.file_size > MAX_ENTRY_BYTES:
                    raise BundleError(f"entry too large: {name} ({info.file_size} bytes)",
                                      path=path)
                data = _read_entry(archive, info, name, path)
                total += len(data)
                if total > MAX_TOTAL_BYTES:
                    raise BundleError("the bundle is too large once uncompressed", path=path,
                                      hint="refused as a possible zip bomb")
                files[name] = data
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
        raise BundleError(f"damaged zip file ({exc})", path=path) from None
    return files


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, path: Path) -> bytes:
    limit = min(MAX_ENTRY_BYTES, max(info.compress_size, 1) * MAX_RATIO)
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise BundleError(f"entry {name} inflates beyond {limit} bytes", path=path,
                                  hint="refused as a possible zip bomb")
            chunks.append(chunk)
    return b"".join(chunks)


def _read_folder(root: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for item in sorted(root.rglob("*")):
        name = item.relative_to(root).as_posix()
        try:
            mode = item.lstat().st_mode
        except OSError as exc:
            raise BundleError(f"cannot read {name}: {exc.strerror or exc}", path=root) from None
        if stat.S_ISLNK(mode):
            raise BundleError(f"the bundle contains a link: {name}", path=root,
                              hint="bundles hold plain files only")
        if stat.S_ISDIR(mode):
            continue
        check_name(name)
        if not stat.S_ISREG(mode):  # a FIFO would block for good, a device never end
            raise BundleError(f"the bundle contains {kind_of(mode)}: {name}", path=root,
                              hint="bundles hold plain files only")
        if len(files) >= MAX_ENTRIES:
            raise BundleError("too many files", path=root)
        try:
            data = read_regular_file(item, MAX_ENTRY_BYTES)
        except UnsafeFile as exc:
            raise BundleError(f"refused {name}: {exc.reason}", path=root,
                              hint="bundles hold plain files of at most "
                                   f"{MAX_ENTRY_BYTES:,} bytes") from None
        except OSError as exc:
            raise BundleError(f"cannot read {name}: {exc.strerror or exc}", path=root) from None
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise BundleError("the bundle is too large", path=root)
        files[name] = data
    return files
