"""The kernel: what the studio and the runtime share, and nothing heavier.

Bidi rules, locale formatting, the Jinja sandbox and its limits, SMS segments, WhatsApp
parameters, plain-text rules, errors — and the channel specs (:mod:`app.kernel.channels`),
the one place that says what a channel is. It imports only the standard library, Jinja
(with MarkupSafe) and Babel, so the ``missive-runtime`` wheel can carry it unchanged
(see docs/architecture.md and scripts/build_runtime.py).
"""
