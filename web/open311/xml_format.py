"""The standard's XML: UTF-8 with its declaration, lists as repeated child elements named by the spec.

Values are plain (text, numbers, booleans as true/false, None as an empty element), dicts are
elements, lists repeat the element the spec names for their items (`services` → `service`).
Characters XML 1.0 cannot carry are dropped: intake refuses them, so only text from elsewhere (an
officer's answer) could hold one, and a broken document would help no client.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from web.open311.mapping import XML_ILLEGAL

# The element of one item of each list, as the GeoReport v2 documents name them.
ITEM_ELEMENTS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return XML_ILLEGAL.sub("", str(value))


def _fill(element: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            _fill(ElementTree.SubElement(element, name), child)
    elif isinstance(value, list):
        item = ITEM_ELEMENTS[element.tag]
        for child in value:
            _fill(ElementTree.SubElement(element, item), child)
    else:
        element.text = _text(value)


def xml_document(root: str, value: Any) -> bytes:
    """`value` under the element `root`, as a UTF-8 document with the XML declaration."""
    element = ElementTree.Element(root)
    _fill(element, value)
    body: bytes = ElementTree.tostring(element, encoding="utf-8", xml_declaration=False)
    # A parser turns a raw CR into LF; written as a reference, a description's "\r\n" comes back whole.
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body.replace(b"\r", b"&#13;")
