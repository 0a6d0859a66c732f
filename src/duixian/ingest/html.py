"""HTML page → main-content text (navigation, scripts, styles and page chrome dropped).

trafilatura does the boilerplate removal; it is the maintained tool made for exactly this.
When it finds too little (pages that are one big table, odd markup) we fall back to the whole
body text minus scripts, styles and navigation, and let cleaning drop the debris.
"""

from __future__ import annotations

import re

from duixian.errors import NoReportError

_CJK = re.compile(r"[\u4e00-\u9fff]")


def html_to_text(markup: str, *, path: str | None = None) -> tuple[str, tuple[str, ...]]:
    import trafilatura  # imported lazily: it costs ~0.25 s and only HTML needs it

    main = trafilatura.extract(
        markup,
        favor_recall=True,
        include_tables=True,
        include_comments=False,
        deduplicate=False,
        with_metadata=False,
    ) or ""
    whole = _body_text(markup)
    warnings: tuple[str, ...] = ()
    if len(_CJK.findall(main)) < 0.5 * len(_CJK.findall(whole)):
        # trafilatura kept under half of the page's Chinese text: trust the whole body instead.
        main = whole
        warnings = ("main-content detection found little text; the whole page body was kept",)
    if not _CJK.search(main):
        raise NoReportError("the page holds no Chinese text", path=path)
    return main, warnings


_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")


def _body_text(markup: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except Exception:  # lxml raises several types on junk; any of them means "no body"
        return ""
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
    return text or tree.text_content()
