"""``missive send-test DIR --template ID --locale L --sample NAME --to ADDRESS``: send
yourself the golden email of one sample through your SMTP server (docs/cli.md)."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..core.project import Project
from ..core.send_test import KEYRING_SERVICE, keyring_password, parse_server, send, test_message


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``send-test`` command."""
    parser = sub.add_parser("send-test", help="send yourself one golden email through SMTP")
    parser.add_argument("dir", help="the project folder")
    parser.add_argument("--template", required=True, metavar="ID")
    parser.add_argument("--locale", required=True, metavar="L")
    parser.add_argument("--sample", required=True, metavar="NAME")
    parser.add_argument("--to", required=True, metavar="ADDRESS",
                        help="where to send it (the message's own To stays the sample's)")
    parser.add_argument("--smtp", default="localhost", metavar="HOST:PORT",
                        help="the SMTP server (default localhost; port 25, 587 with "
                             "--starttls, 465 with --ssl)")
    parser.add_argument("--user", default="", metavar="NAME",
                        help=f"log in as NAME; the password comes from the system keyring "
                             f"(service '{KEYRING_SERVICE}', user NAME@HOST) or a prompt")
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", dest="tls", action="store_const", const="starttls",
                     help="upgrade the connection with STARTTLS")
    tls.add_argument("--ssl", dest="tls", action="store_const", const="ssl",
                     help="connect with TLS from the start (SMTPS)")
    parser.set_defaults(run=run, tls="plain")


def run(args: argparse.Namespace) -> int:
    """Send the message; one line on success or on any refusal."""
    server = parse_server(args.smtp, args.tls, args.user)
    project = Project.load(args.dir)
    message = test_message(project, args.template, args.locale, args.sample)
    password = None
    if server.user:
        password = keyring_password(server)
        if password is None:
            password = getpass.getpass(f"Password for {server.user} at {server.host}: ")
    send(message, args.to, server, password)
    sys.stdout.write(f"sent {args.template} ({args.locale}, {args.sample}) to {args.to} "
                     f"through {server}\n")
    return 0
