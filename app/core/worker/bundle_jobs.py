"""The runtime's jobs for a worker: render from a bundle (Jinja and Babel only).

Kept apart from :mod:`.jobs` (the studio's renders and checks) so the runtime's
:class:`~app.runtime.bounded.BoundedRenderer` never reaches the studio's render engine;
the worker imports each job module by name when first asked (see :data:`MODULES`).
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_bundles: OrderedDict[str, Any] = OrderedDict()

NEED_SOURCE = "need-source"  # the answer when a worker has not seen a bundle yet


def _bundle(key: str, source: Any) -> Any:
    from ...runtime import Bundle

    bundle = _bundles.get(key)
    if bundle is None:
        if source is None:
            return None
        bundle = Bundle(pickle.loads(source[1]), source[0]) if isinstance(source, tuple) \
            else Bundle.open(source)
        _bundles[key] = bundle
        if len(_bundles) > 4:
            _bundles.popitem(last=False)
    _bundles.move_to_end(key)
    return bundle


def bundle_render(key: str, source: Any, template: str, locale: str, channel: str,
                  data: dict[str, Any]) -> Any:
    """One message from the bundle known as ``key``; ``source`` (its path, or (origin,
    pickled files)) is sent only when this worker answered NEED_SOURCE."""
    bundle = _bundle(key, source)
    if bundle is None:
        return NEED_SOURCE
    return bundle.render(template, locale, channel, data)


def bundle_open(key: str, source: Any) -> int:
    """Open a bundle now (for warming up); the number of its templates."""
    return len(_bundle(key, source).templates)



JOBS: dict[str, Callable[..., Any]] = {"bundle_render": bundle_render,
                                       "bundle_open": bundle_open}
