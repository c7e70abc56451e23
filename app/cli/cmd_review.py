"""``missive review``: status, approve, request changes, comment and verify, as the studio does.

Decisions name a part: ``--template ID [--locale L] [--channel C]`` (docs/review.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.project import Project
from ..core.review import ReviewStore, TemplateReview
from ..core.review.states import state_words
from ..kernel.channels import channel_names
from .output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``review`` and its subcommands."""
    parser = sub.add_parser("review", help="compliance review: status, approve, comment")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(parser))

    status = actions.add_parser("status", help="each template's review state")
    status.add_argument("dir")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(run=run_status)

    for name, helptext in (("approve", "approve a template (or a locale/channel of it) "
                                       "as it renders now"),
                           ("request-changes", "ask for changes to a template or a part")):
        decide = actions.add_parser(name, help=helptext)
        decide.add_argument("dir")
        decide.add_argument("--template", required=True, metavar="ID")
        decide.add_argument("--locale", default="", metavar="L",
                            help="only this locale (default: all)")
        decide.add_argument("--channel", default="", choices=("", *channel_names()),
                            help="only this channel (default: all)")
        decide.add_argument("--as", dest="reviewer", required=True, metavar="NAME")
        decide.add_argument("--note", default="")
        decide.add_argument("--sign-with", type=Path, default=None, metavar="KEY",
                            help="sign with this SSH private key (listed in the reviewers file)")
        if name == "approve":
            decide.add_argument("--override-errors", default="", metavar="REASON",
                                help="approve although the checks found errors (recorded)")
        decide.add_argument("--format", choices=("text", "json"), default="text")
        decide.set_defaults(run=run_decide, decision=name)

    check = actions.add_parser("verify", help="check every signature and role in the "
                                              "review logs")
    check.add_argument("dir")
    check.add_argument("--require-signed", action="store_true",
                       help="also fail on approved parts whose approval is not signed")
    check.set_defaults(run=run_verify)

    comment = actions.add_parser("comment", help="comment on a template (or reply)")
    comment.add_argument("dir")
    comment.add_argument("--template", required=True, metavar="ID")
    comment.add_argument("--as", dest="author", required=True, metavar="NAME")
    comment.add_argument("--text", required=True)
    comment.add_argument("--locale", default="")
    comment.add_argument("--channel", default="", choices=("", *channel_names()))
    comment.add_argument("--sample", default="")
    comment.add_argument("--reply-to", default="", metavar="THREAD")
    comment.set_defaults(run=run_comment)

    for name in ("resolve", "reopen"):
        thread = actions.add_parser(name, help=f"{name} a comment thread")
        thread.add_argument("dir")
        thread.add_argument("--template", required=True, metavar="ID")
        thread.add_argument("--thread", required=True)
        thread.add_argument("--as", dest="author", required=True, metavar="NAME")
        thread.set_defaults(run=run_resolve, reopen=name == "reopen")

    diff = actions.add_parser("diff", help="what changed since the approval")
    diff.add_argument("dir")
    diff.add_argument("--template", required=True, metavar="ID")
    diff.set_defaults(run=run_diff)


def _line(review: TemplateReview) -> str:
    who = f"  {review.reviewer}, {review.time}" if review.reviewer else ""
    comments = f"  {review.open_comments} open comment(s)" if review.open_comments else ""
    parts = f"{review.approved_parts}/{len(review.parts)} parts approved"
    return f"{review.template:<24} {state_words(review.state):<24}{parts}{who}{comments}"


def _part_lines(review: TemplateReview) -> list[str]:
    out = []
    for part in review.parts:
        words = [f"  {part.key:<16} {state_words(part.state):<24}"]
        if part.reviewer:
            words.append(f"{part.reviewer}, {part.time} ({part.part})")
        if part.signed:
            words.append(f"signed by {part.signer} as {part.role}")
        if part.output_identical:
            words.append("changed, output identical")
        if part.override:
            words.append(f"errors overridden: {part.override}")
        out.append("  ".join(words).rstrip())
    return out


def run_status(args: argparse.Namespace) -> int:
    """Print each template's state, and each part's under it."""
    store = ReviewStore(Project.load(args.dir))
    reviews = store.statuses()
    if args.format == "json":
        templates = []
        for review in reviews:
            data = review.to_dict()
            data["comments"] = [{
                "id": t.id, "locale": t.locale, "channel": t.channel, "sample": t.sample,
                "resolved": t.resolved,
                "comments": [{"id": c.id, "author": c.author, "time": c.time, "text": c.note}
                             for c in t.comments],
            } for t in store.threads(review.template)]
            templates.append(data)
        print_json({"templates": templates})
    else:
        for review in reviews:
            sys.stdout.write("\n".join([_line(review), *_part_lines(review)]) + "\n")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    """Approve or request changes (for a template, or a locale and/or channel of it)."""
    store = ReviewStore(Project.load(args.dir))
    if args.decision == "approve":
        review = store.approve(args.template, args.reviewer, args.note, locale=args.locale,
                               channel=args.channel, override_errors=args.override_errors,
                               sign_with=args.sign_with)
    else:
        review = store.request_changes(args.template, args.reviewer, args.note,
                                       locale=args.locale, channel=args.channel,
                                       sign_with=args.sign_with)
    if args.format == "json":
        print_json(review.to_dict())
    else:
        sys.stdout.write("\n".join([_line(review), *_part_lines(review)]) + "\n")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Check every signature and role; with --require-signed, unsigned approvals fail too."""
    from ..core.review.signed import signature_problems
    from ..kernel.errors import ContentError

    project = Project.load(args.dir)
    checks, problems = signature_problems(project, require_signed=args.require_signed)
    for check in checks:
        if check.ok:
            sys.stdout.write(f"ok   {check.line()}\n")
    for problem in problems:
        sys.stdout.write(f"FAIL {problem}\n")
    if problems:
        raise ContentError(f"{len(problems)} review problem(s): {problems[0]}",
                           hint="sign again with a key and role the reviewers file allows")
    sys.stdout.write(f"ok: {len(checks)} signature(s) verified\n")
    return 0


def run_comment(args: argparse.Namespace) -> int:
    """Add a comment; prints its thread id."""
    store = ReviewStore(Project.load(args.dir))
    event = store.comment(args.template, args.author, args.text, locale=args.locale,
                          channel=args.channel, sample=args.sample, reply_to=args.reply_to)
    sys.stdout.write(f"{event.thread or event.id}\n")
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    """Resolve or reopen a thread."""
    store = ReviewStore(Project.load(args.dir))
    store.resolve(args.template, args.thread, args.author, reopen=args.reopen)
    return 0


def run_diff(args: argparse.Namespace) -> int:
    """Print the source and rendered-text diffs since the approval."""
    changes = ReviewStore(Project.load(args.dir)).changes(args.template)
    for title, diffs in (("Sources", changes.sources), ("Rendered text", changes.rendered)):
        if diffs:
            sys.stdout.write(f"## {title}\n")
            for text in diffs.values():
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if not changes.sources and not changes.rendered:
        sys.stdout.write("no changes since the approval\n")
    return 0
