"""The OASIS XLIFF 1.2 strict schema, loaded from the copy shipped in resources/.

    problems = validate_xliff(data)     # [] when valid, else "line 12: …" per problem

The schema imports the W3C ``xml.xsd`` (for ``xml:lang`` and ``xml:space``) by an http
URL; a resolver hands lxml the shipped copy instead, and the parser refuses the network,
so validating never leaves the machine.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from ..paths import resources_dir

STRICT = "xliff-core-1.2-strict.xsd"
_XML_XSD_URLS = ("http://www.w3.org/2001/xml.xsd", "https://www.w3.org/2001/xml.xsd",
                 "http://www.w3.org/2009/01/xml.xsd")


def schema_dir() -> Path:
    """The folder with the shipped XLIFF 1.2 schema files."""
    return resources_dir() / "schemas" / "xliff-1.2"


class _ShippedFiles(etree.Resolver):
    """Answer the schema's import of the W3C xml.xsd with the shipped file."""

    def resolve(self, system_url: str, public_id: str | None,
                context: object) -> object | None:
        if system_url in _XML_XSD_URLS or system_url.endswith("/xml.xsd"):
            return self.resolve_filename(str(schema_dir() / "xml.xsd"), context)
        return None


@cache
def xliff_schema() -> etree.XMLSchema:
    """The strict XLIFF 1.2 schema (parsed once; never touches the network)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_ShippedFiles())
    document = etree.parse(str(schema_dir() / STRICT), parser)
    return etree.XMLSchema(document)


def validate_xliff(data: bytes) -> list[str]:
    """Every way ``data`` breaks the strict XLIFF 1.2 schema, one readable line each."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False,
                             huge_tree=False)
    try:
        document = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: not well-formed XML ({exc.msg})"]
    schema = xliff_schema()
    if schema.validate(document):
        return []
    return [f"line {error.line}: {_plain(error.message)}" for error in schema.error_log]


def _plain(message: str) -> str:
    """libxml2's message without the Clark-notation namespace noise."""
    return (message.replace("{urn:oasis:names:tc:xliff:document:1.2}", "")
            .replace("Element '", "element '"))
