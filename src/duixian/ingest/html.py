"""HTML page → main-content text (navigation, scripts, styles and page chrome dropped).

trafilatura does the boilerplate removal; it is the maintained tool made for exactly this.
When it finds too little (pages that are one big table, odd markup) we fall back to the whole
body text minus scripts, styles and navigation, and let cleaning drop the debris.  Both build a tree
with libxml2, which gives up on tags nested deeper than 256 (a broken generator, or a hostile page);
then a flat, streaming pass over the markup still reads the text.
"""

from __future__ import annotations

import re

from duixian.errors import NoReportError

_CJK = re.compile(r"[\u4e00-\u9fff]")


def html_to_text(markup: str, *, path: str | None = None) -> tuple[str, tuple[str, ...]]:
    import trafilatura  # imported lazily: it costs ~0.25 s and only HTML needs it

    try:
        main = trafilatura.extract(
            markup,
            favor_recall=True,
            include_tables=True,
            include_comments=False,
            deduplicate=False,
            with_metadata=False,
        ) or ""
    except RecursionError:  # a tree deep enough to parse can still be too deep for its Python walk
        main = ""
    warnings: tuple[str, ...] = ()
    try:
        whole, too_deep = _body_text(markup)
    except ValueError:
        # libxml2 decodes character references XML cannot hold (&#0, &#x110000) into the tree, then lxml
        # refuses to write them back when a node is dropped: read the page flat instead
        whole, too_deep, main = _flat_text(markup), False, ""
        warnings = ("the page holds characters XML cannot (such as &#0;); its text was read flat",)
    if too_deep:
        flat = _flat_text(markup)
        if len(_CJK.findall(flat)) > len(_CJK.findall(whole)):
            main, whole = "", flat
            warnings = ("the page nests its tags deeper than the HTML parser reads (256 levels); "
                        "its text was read flat, without the page's structure",)
    if len(_CJK.findall(main)) < 0.5 * len(_CJK.findall(whole)):
        # trafilatura kept under half of the page's Chinese text: trust the whole body instead.
        main = whole
        warnings = warnings or ("main-content detection found little text; the whole page body was kept",)
    if not _CJK.search(main):
        raise NoReportError("the page holds no Chinese text", path=path)
    return main, warnings


_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")


def _body_text(markup: str) -> tuple[str, bool]:
    """The body's text, and whether libxml2 stopped at a resource limit (nesting depth) on the way."""
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fromstring(markup, parser=parser)
    except Exception:  # lxml raises several types on junk; any of them means "no body"
        tree = None
    limit = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    if tree is None:
        return "", limit
    for bad in tree.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    blocks: list[str] = []
    for el in tree.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "br", "tr"):
        if el.tag == "br":
            continue
        own = (el.text or "").strip()
        if own:
            blocks.append(own)
        for child in el:
            tail = (child.tail or "").strip()
            if tail and child.tag == "br":
                blocks.append(tail)
    text = "\n".join(blocks)
    return text or tree.text_content(), limit


# Tags whose end starts a new line in the flat reading (the blocks _body_text reads).
_BLOCK_TAGS = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "br", "tr", "table",
                         "section", "article", "blockquote", "pre", "ul", "ol", "dd", "dt"))


def _flat_text(markup: str) -> str:
    """The page's text in order, read with a streaming parser that keeps no tree, so depth costs nothing.

    Text inside the dropped tags (scripts, navigation…) is skipped by counting their open tags; a
    block tag ends a line.  Used only when libxml2 refused the page's depth."""
    from html.parser import HTMLParser

    drop = frozenset(_DROP_TAGS)

    class Flat(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.out: list[str] = []
            self.dropped = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in drop:
                self.dropped += 1
            elif tag in _BLOCK_TAGS:
                self.out.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in drop:
                self.dropped = max(0, self.dropped - 1)
            elif tag in _BLOCK_TAGS:
                self.out.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.dropped:
                self.out.append(data)

    reader = Flat()
    reader.feed(markup)
    reader.close()
    lines = (line.strip() for line in "".join(reader.out).splitlines())
    return "\n".join(line for line in lines if line)
