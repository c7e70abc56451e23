"""``missive review``: status, approve, request changes and comment, as the studio does."""

from __future__ import annotations

import argparse
import sys

from ..core.project import Project
from ..core.review import ReviewStore, TemplateReview
from .output import print_json

LABELS = {"unreviewed": "unreviewed", "approved": "approved",
          "changes_requested": "changes requested",
          "changed_since_approval": "changed since approval"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``review`` and its subcommands."""
    parser = sub.add_parser("review", help="compliance review: status, approve, comment")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=type(parser))

    status = actions.add_parser("status", help="each template's review state")
    status.add_argument("dir")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(run=run_status)

    for name, helptext in (("approve", "approve a template as it is now"),
                           ("request-changes", "ask for changes to a template")):
        decide = actions.add_parser(name, help=helptext)
        decide.add_argument("dir")
        decide.add_argument("--template", required=True, metavar="ID")
        decide.add_argument("--as", dest="reviewer", required=True, metavar="NAME")
        decide.add_argument("--note", default="")
        decide.add_argument("--format", choices=("text", "json"), default="text")
        decide.set_defaults(run=run_decide, decision=name)

    comment = actions.add_parser("comment", help="comment on a template (or reply)")
    comment.add_argument("dir")
    comment.add_argument("--template", required=True, metavar="ID")
    comment.add_argument("--as", dest="author", required=True, metavar="NAME")
    comment.add_argument("--text", required=True)
    comment.add_argument("--locale", default="")
    comment.add_argument("--channel", default="", choices=("", "email", "sms", "whatsapp"))
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
    return f"{review.template:<24} {LABELS[review.state]:<24}{who}{comments}"


def run_status(args: argparse.Namespace) -> int:
    """Print each template's state."""
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
            sys.stdout.write(_line(review) + "\n")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    """Approve or request changes."""
    store = ReviewStore(Project.load(args.dir))
    if args.decision == "approve":
        review = store.approve(args.template, args.reviewer, args.note)
    else:
        review = store.request_changes(args.template, args.reviewer, args.note)
    if args.format == "json":
        print_json(review.to_dict())
    else:
        sys.stdout.write(_line(review) + "\n")
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
