"""Rendering from a bundle in bounded worker processes: the sending system's safe mode.

    with BoundedRenderer("messages.zip", limits=Limits(cpu_seconds=1)) as renderer:
        email = renderer.render("invoice_ready", "he", "email", data)

Each worker opens the bundle once and keeps it; a render is a round trip over a pipe
(a fraction of a millisecond), not a new process. A template that takes more than
``limits.cpu_seconds`` of CPU, more than ``limits.memory_mb`` of memory, writes more
than ``limits.output_mb`` or crashes a library ends in :class:`RenderStopped` (one
line naming the template and file) and its worker is replaced; the sending system
keeps going. Opt-in: :meth:`Bundle.render` still renders in the calling process.
"""

from __future__ import annotations

import hashlib
import pickle
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.worker.bundle_jobs import NEED_SOURCE
from ..core.worker.limits import DEFAULT_LIMITS, Limits
from ..core.worker.pool import RenderStopped, WorkerPool
from ..kernel.channels import spec_for
from .bundle import Bundle
from .messages import Message


class BoundedRenderer:
    """Renders messages of one bundle (a path, or an opened :class:`Bundle`) in a pool of
    ``workers`` long-lived processes under ``limits``."""

    def __init__(self, bundle: str | Path | Bundle, *, limits: Limits = DEFAULT_LIMITS,
                 workers: int = 1, pool: WorkerPool | None = None) -> None:
        self.limits = limits
        self._own_pool = pool is None
        self.pool = pool or WorkerPool(size=workers, limits=limits)
        if isinstance(bundle, Bundle):
            self.origin = bundle.origin
            self._source: Any = (bundle.origin, pickle.dumps(bundle.files))
            self._key = hashlib.sha256(self._source[1]).hexdigest()
            self._bundle: Bundle | None = bundle
        else:  # opened here too: refused early if it can't be trusted, and for its names
            self._bundle = Bundle.open(bundle)
            self.origin = str(bundle)
            self._source = str(Path(bundle).resolve())
            self._key = f"{self._source}@{uuid.uuid4().hex}"
        # A variant stopped for CPU, memory or output is refused at once afterwards:
        # its template does not change, and a sending system must not wait each time.
        self._stopped: dict[tuple[str, str, str], RenderStopped] = {}

    def _label(self, template_id: str, locale: str, channel: str) -> dict[str, str]:
        label = {"template": template_id, "locale": locale, "channel": channel,
                 "path": self.origin}
        if self._bundle is not None:
            try:
                files = self._bundle.variant(template_id, locale, channel)["files"]
                role = spec_for(channel).main_role
                label["path"] = f"{self.origin}:{files[role]['path']}"
            except Exception:
                pass
        return label

    def render(self, template_id: str, locale: str, channel: str,
               data: Mapping[str, Any]) -> Message:
        """Render one message in a worker; raises what :meth:`Bundle.render` raises, or
        RenderStopped when the worker had to be stopped."""
        key = (template_id, locale, channel)
        if key in self._stopped:  # stopped once: not tried again (see __init__)
            raise self._stopped[key]
        label = self._label(template_id, locale, channel)
        data = dict(data)
        try:
            return self._render(label, template_id, locale, channel, data)
        except RenderStopped as exc:
            if exc.kind not in ("error", "crash"):
                self._stopped[key] = exc
            raise

    def _render(self, label: dict[str, str], template_id: str, locale: str, channel: str,
                data: dict[str, Any]) -> Message:
        # The bundle travels to a worker once; after that only its key does.
        message = self.pool.run("bundle_render", self._key, None, template_id, locale,
                                channel, data, limits=self.limits, label=label)
        if message == NEED_SOURCE:
            message = self.pool.run("bundle_render", self._key, self._source, template_id,
                                    locale, channel, data, limits=self.limits, label=label)
        return message

    def warm(self) -> None:
        """Start a worker and open the bundle in it now rather than on the first render."""
        self.pool.run("bundle_open", self._key, self._source, limits=self.limits,
                      label={"what": "opening", "template": self.origin,
                             "path": self.origin})

    def close(self) -> None:
        """Stop the workers (if this renderer started them)."""
        if self._own_pool:
            self.pool.close()

    def __enter__(self) -> BoundedRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["BoundedRenderer", "Limits", "RenderStopped"]
