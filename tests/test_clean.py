"""Cleaning rules for texts as the web serves them, each on invented text.

Every test fails when its rule is removed; every test also checks that the clean text maps back
to the raw characters.
"""

from __future__ import annotations

import re

from duixian.clean import clean
from duixian.model import Document, RawText, Source
from duixian.offsets import Tracked

PARA = "全县上下齐心协力，经济运行总体平稳，各项社会事业取得新的进展，人民生活持续改善。"
TITLE = "某某县政府工作报告"
DATELINE = "——2031年1月9日在某某县第九届人民代表大会第二次会议上"


def _clean(text: str) -> Document:
    doc = clean(RawText(Source("mem", "0", "txt", "utf-8", len(text)), text, Tracked.identity(text)))
    _check_grounded(doc)
    return doc


def _check_grounded(doc: Document) -> None:
    """Every clean character comes from raw characters that spell it (spaces and breaks aside)."""
    for i, ch in enumerate(doc.text):
        if ch.isspace():
            continue
        rs, re_ = doc.raw_span(i, i + 1)
        assert 0 <= rs < re_ <= len(doc.raw)
        assert ch in doc.raw[rs:re_] or len(doc.raw[rs:re_]) > 1, (i, ch, doc.raw[rs:re_])


def _lines(doc: Document) -> list[str]:
    return [ln for ln in doc.text.split("\n") if ln]


def _report(*body: str) -> str:
    return "\n".join([TITLE, DATELINE, "各位代表：", *body])


# --- literal line ends -------------------------------------------------------------------------


def test_literal_backslash_line_ends_become_lines() -> None:
    raw = r"某某县政府工作报告\r\n各位代表：\r\n一、过去一年工作回顾\r\n" + PARA + r"\r\n二、今年工作安排\r\n" + PARA
    doc = _clean(raw)
    assert "\\" not in doc.text
    assert "一、过去一年工作回顾" in _lines(doc)
    assert "二、今年工作安排" in _lines(doc)


def test_a_single_backslash_n_is_left_alone() -> None:
    doc = _clean(_report(PARA + r"路径写作C:\new。"))
    assert r"\n" in doc.text


# --- numbered headings inline after a sentence end ---------------------------------------------


def test_inline_chapter_heading_after_full_stop_on_a_short_line() -> None:
    doc = _clean(_report("一、过去一年工作回顾", "地区生产总值增长8%。二、今年工作安排", PARA))
    assert "二、今年工作安排" in _lines(doc)
    assert "地区生产总值增长8%。" in _lines(doc)


def test_inline_subheading_continues_the_numbering() -> None:
    doc = _clean(_report("（一）稳住经济大盘", "投资增长6%。（二）扩大有效需求", PARA + "（三）加快产业升级。" + PARA))
    lines = _lines(doc)
    assert any(ln.startswith("（二）扩大有效需求") for ln in lines)
    assert any(ln.startswith("（三）加快产业升级") for ln in lines)


def test_out_of_sequence_or_enumeration_numbers_stay_inline() -> None:
    doc = _clean(_report("一、过去一年工作回顾", PARA + "（五）类项目另行安排。一、二、三产业协调发展。"))
    assert not any(ln.startswith("（五）") or ln.startswith("一、二、三") for ln in _lines(doc))


def test_chapter_title_run_into_its_first_sentence_is_split() -> None:
    doc = _clean(TITLE + " " + DATELINE + " 各位代表： 现在我代表县政府作报告。一、2030年工作回顾过去一年，" + PARA * 3)
    lines = _lines(doc)
    assert "一、2030年工作回顾" in lines
    assert any(ln.startswith("过去一年，") for ln in lines)


# --- page-chunk prefixes of doc previews -------------------------------------------------------


def test_page_chunk_numbers_are_removed_and_pages_glued() -> None:
    page1 = "政府工作报告各位代表：" + PARA * 4 + "深入落实党中央"
    page2 = "决策部署，" + PARA * 4 + "城乡居民收入分别增长6%、8"
    page3 = ".5%。" + PARA * 3
    doc = _clean("\n".join(["1、" + page1, "2、" + page2, "3、" + page3]))
    assert "深入落实党中央决策部署" in doc.text
    assert "分别增长6%、8.5%" in doc.text
    assert not re.search(r"(?m)^\d、", doc.text)


def test_a_numbered_list_of_whole_sentences_keeps_its_numbers() -> None:
    items = [f"{i}、" + PARA * 3 for i in range(1, 4)]
    doc = _clean(_report("一、过去一年工作回顾", *items))
    assert sum(1 for ln in _lines(doc) if re.match(r"\d、", ln)) == 3


# --- web page head and tail --------------------------------------------------------------------


def test_collector_header_block_goes_and_the_title_stays() -> None:
    head = [
        "标题：某某县2031年政府工作报告",
        "发文单位：某某县人民政府",
        "发文时间：2031-05-01",
        "来源URL：http://example.gov.cn/a.html",
        "正文：",
    ]
    doc = _clean("\n".join(head) + "\n" + _report("一、过去一年工作回顾", PARA))
    assert _lines(doc)[0] == "某某县2031年政府工作报告"
    for word in ("发文", "来源", "正文", "2031-05-01"):
        assert word not in doc.text


def test_navigation_menu_before_the_report_goes() -> None:
    nav = ["首页", "新闻中心", "政府信息公开", "|", "政务服务", "当前位置：首页 > 政务公开", "【字体：大 中 小】"]
    menu_row = "首 页 走进某某 新闻中心 政府信息公开 政务服务 互动交流"
    doc = _clean("\n".join([menu_row, *nav]) + "\n" + _report("一、过去一年工作回顾", PARA))
    assert _lines(doc)[0] == TITLE
    assert "首页" not in doc.text and "新闻中心" not in doc.text


def test_reading_widget_and_preview_banner_go() -> None:
    banner = "《某某县政府工作报告.docx》由会员分享,可在线阅读,更多相关《某某县政府工作报告.docx(27页珍藏版)》请在某某文库网上搜索。"
    doc = _clean("本篇文章1607字,读完约4分钟\n" + banner + "\n" + _report("一、过去一年工作回顾", PARA))
    assert "读完" not in doc.text and "会员分享" not in doc.text
    assert _lines(doc)[0] == TITLE


def test_web_footer_after_the_report_goes_but_the_glossary_stays() -> None:
    tail = ["名词解释：", "【1】“三保”：保工资、保运转", "责任编辑：某某", "【打印】", "【关闭】", "相关文章", "某市2031年政府工作报告", "京ICP备00000000号"]
    doc = _clean(_report("一、过去一年工作回顾", PARA, *tail))
    assert "【1】“三保”：保工资、保运转" in doc.text
    for word in ("责任编辑", "打印", "相关文章", "ICP", "某市2031年"):
        assert word not in doc.text


def test_link_directory_at_the_end_goes() -> None:
    names = ["甲市", "乙市", "丙市", "丁市", "戊市", "己市", "庚市", "辛市", "壬市"]
    doc = _clean(_report("一、过去一年工作回顾", PARA, *names))
    assert doc.text.rstrip().endswith(PARA)


def test_a_short_closing_line_after_the_report_stays() -> None:
    doc = _clean(_report("一、过去一年工作回顾", PARA, "某某县人民政府", "2031年1月9日"))
    assert "某某县人民政府" in doc.text


# --- spam ----------------------------------------------------------------------------------------


def test_spam_line_goes_and_injected_phrase_is_cut_from_a_sentence() -> None:
    spam = "精品一级片免费看,无码毛片在线,特黄视频下载"
    sentence = "全县上下贯彻落实上级888体育投注,888体育备用网址重要批示精神，" + PARA
    doc = _clean(spam + "\n" + _report("一、过去一年工作回顾", sentence))
    assert "一级片" not in doc.text
    assert "全县上下贯彻落实上级重要批示精神，" in doc.text


def test_one_spam_word_in_a_report_line_keeps_the_line() -> None:
    doc = _clean(_report("一、过去一年工作回顾", "严厉打击赌场和三级以上网络诈骗团伙。" + PARA))
    assert "严厉打击赌场和三级以上网络诈骗团伙。" in doc.text


# --- repeats -------------------------------------------------------------------------------------


def test_lead_passage_above_the_full_text_goes() -> None:
    lead = TITLE + DATELINE + "各位代表：现在我代表县政府作报告。一、过去一年工作回顾全县上下齐心协力，经济运行......"
    doc = _clean("\n".join([lead, TITLE, DATELINE, "各位代表：", "现在我代表县政府作报告。", "一、过去一年工作回顾", PARA]))
    assert doc.text.count("现在我代表县政府作报告") == 1
    assert "......" not in doc.text


def test_copies_that_differ_in_page_chrome_collapse() -> None:
    body = "\n".join(
        f"（{n}）第{i}项工作完成投资{i * 37}亿元，同比增长{i}.{i}%，带动就业{i * 113}人，新建项目{i * 7}个，惠及{i * 9}个乡镇。"
        for i, n in enumerate("一二三四五六七八九", 1)
    )
    page = _report("一、过去一年工作回顾", body)
    crumbs = ["当前位置：首页>>专题", "", "来源：新华社"]
    doc = _clean("\n".join(page + "\n" + crumb for crumb in crumbs))
    assert doc.text.count("第9项工作") == 1


def test_html_comments_go() -> None:
    doc = _clean("<!--\n  \n-->\n<!--\n" + _report("一、过去一年工作回顾", PARA))
    assert "<!--" not in doc.text and "-->" not in doc.text
