"""An nbconvert HTML exporter that inlines actigrad's SVG figures.

The stock HTML export embeds SVG as a base64 ``<img>``, where the figures'
``<title>`` hover texts cannot show. This exporter inlines the SVG of actigrad
outputs instead, after checking that it holds only drawing elements: no script,
no event handlers, no links. Anything else falls back to the stock ``<img>``.
"""

import os
import re
import xml.etree.ElementTree as ET

from nbconvert.exporters.html import HTMLExporter
from traitlets import default

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {"svg", "g", "rect", "line", "path", "circle", "ellipse", "polyline", "polygon", "text", "tspan", "title", "desc", "defs", "clipPath", "linearGradient", "stop"}
# NB: no href, no style, no on* handlers: nothing in an allowed attribute can load or run anything.
ALLOWED_ATTRS = re.compile(
    r"^(xmlns|width|height|viewBox|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|d|points|transform|fill|fill-opacity|stroke|stroke-width|"
    r"stroke-dasharray|stroke-opacity|stroke-linecap|stroke-linejoin|opacity|font-family|font-size|font-weight|font-style|"
    r"text-anchor|dominant-baseline|class|id|clip-path|offset|stop-color|stop-opacity|gradientUnits|role|aria-label|data-[a-z-]+)$"
)


def is_safe_svg(svg):
    """Whether ``svg`` is a well-formed SVG made only of allowed drawing elements and attributes."""
    if not isinstance(svg, str) or "<!" in svg or "<?" in svg.lstrip()[2:]:
        return False
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return False
    for node in root.iter():
        tag = node.tag[len(SVG_NS):] if node.tag.startswith(SVG_NS) else None
        if tag not in ALLOWED_TAGS:
            return False
        if any(not ALLOWED_ATTRS.match(name) for name in node.attrib):
            return False
        if any("url(" in value and not value.startswith("url(#") for value in node.attrib.values()):
            return False
    return root.tag == SVG_NS + "svg"


class ActigradHTMLExporter(HTMLExporter):
    """HTML export with actigrad figures inlined as SVG, so their hover titles work without JavaScript."""

    export_from_notebook = "HTML (actigrad figures inline)"

    @default("template_name")
    def _template_name_default(self):
        return "actigrad"

    @default("extra_template_basedirs")
    def _default_extra_template_basedirs(self):
        return [os.path.join(os.path.dirname(__file__), "templates"), *super()._default_extra_template_basedirs()]

    def default_filters(self):
        yield from super().default_filters()
        yield ("actigrad_safe_svg", is_safe_svg)
