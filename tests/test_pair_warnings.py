"""A pair's warnings carry a stable code next to their text (``warning_codes``, parallel to ``warnings`` in the
card; ``duixian track --json`` only gains the key) and the 成绩单 page words each one in the page's language
from its code and the card's metadata; the standalone card file says it in Chinese."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from starlette.requests import Request
from tests.test_pair import _rep, _track, _write, report

from duixian.scorecard import render_html, render_markdown
from duixian.store import open_engine
from duixian.track.pair import WARNING_CODES, check_pair, pair_warnings
from duixian.track.run import track_files
from duixian.web import create_app

HAN = re.compile(r"[\u4e00-\u9fff]")
HAILAR = ("海拉尔区", "内蒙古自治区呼伦贝尔市海拉尔区", "150702")


def _cases() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """One (plan, review) per code, each giving that warning alone."""
    return {
        "REGION_UNKNOWN": (_rep(None, None, None), _rep(*HAILAR)),
        "YEAR_UNKNOWN": (_rep(*HAILAR, n=None), _rep(*HAILAR)),
        "REVIEW_NOT_A_REPORT": (_rep(*HAILAR), _rep(*HAILAR, doc_type="news")),
        "PAIR_MISMATCH": (_rep(*HAILAR, n=2024), _rep(*HAILAR, reviewed=2022)),
    }


def test_each_warning_has_its_code_and_the_text_is_unchanged() -> None:
    cases = _cases()
    assert set(cases) == set(WARNING_CODES)
    for code, (plan, review) in cases.items():
        warned = pair_warnings(plan, review, force=True)
        assert [w.code for w in warned] == [code], code
        assert [w.text for w in warned] == check_pair(plan, review, force=True)  # the CLI's English, as before
    both = pair_warnings(_rep(None, None, None, n=None), _rep(*HAILAR, doc_type="news"))
    assert [w.code for w in both] == ["REGION_UNKNOWN", "YEAR_UNKNOWN", "REVIEW_NOT_A_REPORT"]


def test_track_json_adds_warning_codes_beside_warnings(tmp_path) -> None:
    plan = _write(tmp_path, "plan.txt", report("呼伦贝尔市海拉尔区", 2021))
    review = _write(tmp_path, "review.txt", report("呼伦贝尔市", 2022))
    card = json.loads(_track(str(plan), str(review), "--json", "--force").stdout)
    assert card["warning_codes"] == ["PAIR_MISMATCH"] and card["warnings"][0].startswith("PAIR_MISMATCH")
    same = _write(tmp_path, "same.txt", report("呼伦贝尔市海拉尔区", 2022))
    ok = json.loads(_track(str(plan), str(same), "--json").stdout)
    assert ok["warnings"] == [] and ok["warning_codes"] == []


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """A rated card of two small files, and the app whose page renders it."""
    d = tmp_path_factory.mktemp("warn")
    card = track_files(_write(d, "p.txt", report("呼伦贝尔市海拉尔区", 2021)),
                       _write(d, "r.txt", report("呼伦贝尔市海拉尔区", 2022)))
    engine = open_engine(str(d / "w.db"), announce=False)
    yield card, create_app(engine)
    engine.dispose()


def _warned_card(card: dict[str, Any], plan: dict[str, Any], review: dict[str, Any]) -> dict[str, Any]:
    warned = pair_warnings(plan, review, force=True)
    return {**card, "plan": {**card["plan"], **plan}, "review": {**card["review"], **review},
            "warnings": [w.text for w in warned], "warning_codes": [w.code for w in warned]}


def _warnings_on(page: str) -> list[tuple[str, str]]:
    return [(code, html.unescape(re.sub(r"<[^>]+>", "", body)))
            for code, body in re.findall(r'<p class="warning" data-code="([^"]*)">(.*?)</p>', page, re.S)]


def _page(app, card: dict[str, Any], lang: str) -> str:
    request = Request({"type": "http", "method": "GET", "path": "/track/x/2021", "headers": [],
                       "query_string": f"lang={lang}".encode()})
    return app.state.ctx.render(request, "track.html", card=card, verdict_links=True)


def test_the_page_words_each_warning_in_its_language(scene) -> None:
    card, app = scene
    for code, (plan, review) in _cases().items():
        warned = _warned_card(card, plan, review)
        (en_code, en), = _warnings_on(_page(app, warned, "en"))
        (zh_code, zh), = _warnings_on(_page(app, warned, "zh"))
        assert en_code == zh_code == code
        # English: no Chinese but the regions' names (data); Chinese: none of the tracker's English
        names = {r.get(k) for r in (plan, review) for k in ("region", "region_full") if r.get(k)}
        for name in sorted(names, key=len, reverse=True):
            en = en.replace(name, "")
        assert en.startswith("Note: ") and not HAN.search(en), (code, en)
        assert zh.startswith("注意：") and not re.search(r"[a-z]{3,}", zh), (code, zh)
        # the standalone card file is Chinese: the same wording
        (_, alone), = _warnings_on(render_html(warned))
        assert alone == zh, code
    assert "News" in _warnings_on(_page(app, _warned_card(card, *_cases()["REVIEW_NOT_A_REPORT"]), "en"))[0][1]


def test_a_card_without_codes_shows_the_trackers_text(scene) -> None:
    card, app = scene
    old = {**_warned_card(card, *_cases()["YEAR_UNKNOWN"])}
    del old["warning_codes"]  # a card written before the codes (a saved JSON)
    (code, body), = _warnings_on(_page(app, old, "zh"))
    assert code == "" and old["warnings"][0] in body


def test_the_markdown_card_words_each_warning_as_the_html_card_does(scene) -> None:
    card, _ = scene
    for code, (plan, review) in _cases().items():
        warned = _warned_card(card, plan, review)
        (_, alone), = _warnings_on(render_html(warned))
        notes = [line for line in render_markdown(warned).splitlines() if line.startswith("- 注意：")]
        assert notes == [f"- {alone}"], (code, notes)  # Chinese, none of the tracker's English
    old = _warned_card(card, *_cases()["YEAR_UNKNOWN"])
    del old["warning_codes"]  # a saved card from before the codes keeps the tracker's text
    assert f"- 注意：{old['warnings'][0]}" in render_markdown(old)
