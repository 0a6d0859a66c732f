"""reading10: text of unseen reports that cleaning or structure lost or misread (issue reading10).

Each test fails without its rule; every clean text is checked to map back to its raw characters.
"""

from __future__ import annotations

import random
import re

from duixian.clean import clean
from duixian.model import Document, RawText, Source
from duixian.offsets import Tracked

PARA = "全县上下齐心协力，经济运行总体平稳，各项社会事业取得新的进展，人民生活持续改善。"


def _clean(text: str) -> Document:
    doc = clean(RawText(Source("mem", "0", "txt", "utf-8", len(text)), text, Tracked.identity(text)))
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            rs, re_ = doc.raw_span(i, i + 1)
            # a decimal point printed as a middle dot is folded one for one
            assert ch in doc.raw[rs:re_] or re_ - rs > 1 or (ch == "." and doc.raw[rs:re_] in "·•・‧∙⋅"), (i, ch, doc.raw[rs:re_])
    return doc


def _squeezed(doc: Document) -> str:
    return "".join(doc.text.split())


# --- repeated short lines: running headers versus words a web page put on their own line -----------


def test_link_words_split_onto_their_own_lines_are_kept() -> None:
    # A web page breaks a sentence at its links and bold words; the same word on its own line three times
    # is not a running header when it sits inside its sentence.
    cases = [
        ["深入推进民主", "法制", "建设，社会保持稳定。", "加强民主", "法制", "教育。", "健全民主", "法制", "制度。"],
        ["制定了《", "纲要（草案）", "》，已提请大会审议。", "关于《", "纲要（草案）", "》的说明。", "根据《",
         "纲要（草案）", "》的要求，做好各项工作。"],
        ["深化改革，", "组建省", "国有资产监督管理委员会。", "完善体制，", "组建省", "中小企业局。", "加快转制，",
         "组建省", "投资集团。"],
    ]
    for lines in cases:
        doc = _clean("\n".join(["某某省政府工作报告", "各位代表：", PARA, *lines, PARA]))
        assert "".join(lines) in _squeezed(doc), lines


def test_list_ordinals_on_their_own_lines_are_kept() -> None:
    body = []
    for _ in range(3):
        body += ["今年的主要措施包括以下几个方面。", "一是", "发行长期国债。", "二是", "增加转移支付。", "三是", "扩大出口。"]
    doc = _clean("\n".join(["政府工作报告", "各位代表：", PARA, *body]))
    assert _squeezed(doc).count("一是发行长期国债。二是增加转移支付。三是扩大出口。") == 3


def test_running_headers_between_paragraphs_still_go() -> None:
    header = "某某市人民政府工作报告（2031）"
    body = [f"第{k}段" + PARA for k in range(12)]  # past the title block, where a title line repeats
    for k in range(4):
        body += [PARA * 2, f"第{k + 1}节" + PARA, header]
    doc = _clean("\n".join(["某某市政府工作报告", "各位代表：", *body, PARA]))
    assert header not in doc.text


def test_running_headers_of_a_hard_wrapped_pdf_still_go() -> None:
    # A page of a PDF ends mid-sentence on a full line; the header of the next page comes between.
    rng = random.Random(7)
    words = ["发展", "改革", "经济", "城乡", "建设", "产业", "民生", "推进", "加快", "完善", "服务", "体系"]
    text = "".join("".join(rng.choice(words) for _ in range(12)) + "，" + "".join(rng.choice(words) for _ in range(9)) + "。"
                   for _ in range(30))
    lines = [text[i : i + 28] for i in range(0, len(text), 28)]
    header = "某某县2031年政府工作报告"
    out = ["某某县政府工作报告", "各位代表："]
    for i, line in enumerate(lines):
        if i and i % 12 == 0:
            out.append(header)
        out.append(line)
    doc = _clean("\n".join(out))
    assert header not in doc.text
    assert text in _squeezed(doc)


def test_a_sentence_broken_at_a_link_is_one_paragraph() -> None:
    # The pieces of a sentence a web page put on lines of their own join again, whatever the pieces are.
    sentences = [
        ["完善授权经营制度，", "组建省", "工贸、外贸两个资产经营公司。"],
        ["配套改革稳步推进，农村税费管理开始纳入", "法制", "化、规范化轨道。"],
        ["制定了《", "国家中长期科学和技术发展规划纲要", "》，已经开始实施。"],
        ["重点流域水污染防治，", "城市环境综合", "整治", "全面推进。"],
    ]
    for pieces in sentences:
        doc = _clean("\n\n".join(["某某省政府工作报告", "各位代表：", PARA, *pieces, PARA]))
        assert "".join(pieces) in doc.text.split("\n"), (pieces, doc.text)


def test_short_title_lines_still_stand_alone() -> None:
    doc = _clean("\n".join(["某某县政府工作报告", "——2031年1月9日在某某县第九届人民代表大会", "第二次会议上",
                            "县长 某某某", "各位代表：", PARA, "一、过去一年工作回顾", PARA]))
    lines = doc.text.split("\n")
    assert "某某县政府工作报告" in lines and "县长某某某" in lines and "一、过去一年工作回顾" in lines


# --- chapter roles from the form of their titles ---------------------------------------------------------

def _structure(text: str):
    from duixian.pipeline import parse_document

    return parse_document(_clean(text))


def _chapter_roles(sd) -> dict[str, str]:
    return {s.title: s.role for s in sd.sections if s.parent is None and s.number}


REVIEW_PARA = "过去一年，全市地区生产总值完成{}亿元，比上年增长8.1%，财政收入增长10.2%，各项事业取得了新的成绩。"
PLAN_PARA = "今年要{}，力争取得新的突破，确保完成全年目标任务。"


def test_imperative_chapter_titles_after_a_review_are_the_plan() -> None:
    # A national report of the 1990s–2000s, a city report, a county report: each names the review chapter
    # and then titles each task chapter in the imperative, with no role word.
    for header, titles in (
        ("——2001年3月5日在第九届全国人民代表大会第四次会议上", ["加强农业基础地位，努力增加农民收入", "大力推进产业结构优化升级",
                                                  "进一步深化改革和扩大对外开放"]),
        ("——2003年1月8日在某某市第十二届人民代表大会第一次会议上", ["坚持扩大内需方针，发挥投资和消费的拉动作用",
                                                    "以项目建设为抓手，增强发展后劲"]),
        ("——2013年1月9日在某某县第十五届人民代表大会第二次会议上", ["突出质量和效益抓项目，加速建设实力某某", "做好财税金融工作"]),
    ):
        body = ["一、过去一年工作回顾", REVIEW_PARA.format(120)]
        for k, title in enumerate(titles, 2):
            body += [f"{'二三四五六'[k - 2]}、{title}", PLAN_PARA.format("加快建设现代产业体系"),
                     "要抓好重点项目建设，推动产业转型升级。"]
        sd = _structure("\n".join(["政府工作报告", header, "各位代表：", *body]))
        roles = _chapter_roles(sd)
        assert all(roles[t] == "tasks" for t in titles), roles


def test_result_chapter_titles_are_the_review() -> None:
    for titles in (["国民经济持续快速健康发展", "社会事业全面进步"], ["“十一五”期间经济社会发展取得重大成就"]):
        body = []
        for k, title in enumerate(titles):
            body += [f"{'一二三'[k]}、{title}", REVIEW_PARA.format(100 + k), "五年来，城乡居民收入比2005年增长97%，实现了翻番。"]
        body += [f"{'一二三四'[len(titles)]}、2011年工作安排", PLAN_PARA.format("扩大有效投资")]
        sd = _structure("\n".join(["某某县政府工作报告", "——2011年1月9日在某某县第十届人民代表大会第五次会议上", "各位代表：", *body]))
        roles = _chapter_roles(sd)
        assert all(roles[t] == "review" for t in titles), roles


def test_a_title_form_the_sentences_contradict_is_not_taken() -> None:
    # 争取…再上一个新台阶 has a result word but speaks of the plan; 坚持… over a chapter of recalled results.
    body = ["一、争取国民经济再上一个新台阶", PLAN_PARA.format("保持经济平稳增长"), "要加快发展，力争全年增长9%左右。",
            "二、坚持改革开放", REVIEW_PARA.format(300), "去年全省进出口总额比上年增长12.5%，实际利用外资增长9.8%。"]
    sd = _structure("\n".join(["政府工作报告", "——1993年3月15日在第八届全国人民代表大会第一次会议上", "各位代表：", *body]))
    roles = _chapter_roles(sd)
    assert roles["争取国民经济再上一个新台阶"] != "review" and roles["坚持改革开放"] != "tasks", roles


def test_a_role_from_the_title_form_leaves_the_sentence_parts_to_their_words() -> None:
    # the form's role is read from the sentences: it must not turn a recalled result into plan
    body = ["一、过去一年工作回顾", REVIEW_PARA.format(120), "二、坚持长期稳定发展经济的方针",
            "1986年同1978年相比，国民生产总值由3480亿元增加到9380亿元，按可比价格计算增长102%。",
            PLAN_PARA.format("保持经济稳定增长"), "要加快发展，力争全年增长7%左右。", "要抓好农业，确保粮食稳定增产。",
            "要继续控制固定资产投资规模，努力压缩预算外投资，切实加强宏观调控。"]
    sd = _structure("\n".join(["政府工作报告", "——1987年3月25日在第六届全国人民代表大会第五次会议上", "各位代表：", *body]))
    assert _chapter_roles(sd)["坚持长期稳定发展经济的方针"] == "tasks"
    recalled = next(p for p in sd.parts if sd.doc.text[p.start:p.end].startswith("1986年同1978年相比"))
    assert recalled.part == "review", recalled


# --- digits spaced out by an OCR or a scrape ----------------------------------------------------------------


def test_digits_split_by_a_lone_space_are_one_number() -> None:
    cases = {
        "全年新建学校4 0个，新增床位1 2 0 0张。": "全年新建学校40个，新增床位1200张。",
        "地区生产总值增长1 2.5%，财政收入完成3.6 2亿元。": "地区生产总值增长12.5%，财政收入完成3.62亿元。",
        "——1 9 9 8年3月5日在第九届全国人民代表大会第一次会议上": "——1998年3月5日在第九届全国人民代表大会第一次会议上",
        "国内生产总值达到7 4 7 7 2亿元，森林覆盖率达到4 3%。": "国内生产总值达到74772亿元，森林覆盖率达到43%。",
        "建成干线公路33 5.5公里，补偿大病患者8 9 8人。": "建成干线公路335.5公里，补偿大病患者898人。",
    }
    for raw, clean_line in cases.items():
        doc = _clean("\n".join(["政府工作报告", "各位代表：", raw]))
        assert clean_line in doc.text.split("\n"), doc.text
        # the joined number still points at its raw digits
        for m in re.finditer(r"\d+(?:\.\d+)?", clean_line):
            at = doc.text.index(clean_line) + m.start()
            rs, re_ = doc.raw_span(at, at + len(m.group()))
            assert doc.raw[rs:re_].replace(" ", "") == m.group(), (m.group(), doc.raw[rs:re_])


def test_numbers_a_space_truly_separates_stay_apart() -> None:
    kept = [
        "2019 2020年连续两年获评全国文明城市。",  # two years
        "上一页1 2 3 4下一页",  # a pager
        "Date: Tue, 12 Apr 2022 02:27:27 GMT",  # an English header
        "单价分别为1.5 2.5元。",  # two decimals: two numbers
        "项目编号A12 345已经批准。",  # a code
    ]
    for line in kept:
        doc = _clean("\n".join(["政府工作报告", "各位代表：", line]))
        pieces = re.findall(r"\d+(?:\.\d+)?", line)
        found = re.findall(r"\d+(?:\.\d+)?", doc.text)
        assert all(p in found for p in pieces), (line, doc.text)


# --- what cleaning drops is never silent -----------------------------------------------------------------


def test_a_large_share_dropped_as_furniture_is_reported() -> None:
    report = "\n".join(["某某县政府工作报告", "各位代表：", *(f"第{k}项工作，" + PARA for k in range(6))])
    small = _clean(report)
    assert not any("dropped as page chrome" in w for w in small.warnings)
    chrome = "\n".join(f"来源：某某网 第{k}条 相关链接 http://example.gov.cn/{k}.html" for k in range(40))
    big = _clean(chrome + "\n" + report)
    assert any("dropped as page chrome" in w for w in big.warnings), big.warnings
    assert "第5项工作" in big.text


def test_a_middle_dot_inside_a_percentage_is_its_decimal_point() -> None:
    doc = _clean("\n".join(["政府工作报告", "各位代表：", "全社会固定资产投资增长14·1%，外贸出口增长20・9%，物价上涨0•8‰。",
                            "战胜了“96·8”大洪水，成功举办“5·18”经洽会，抗击“7·21”特大暴雨。"]))
    assert "增长14.1%，外贸出口增长20.9%，物价上涨0.8‰" in doc.text
    assert "“96·8”" in doc.text and "“5·18”" in doc.text and "“7·21”" in doc.text


def test_an_unnumbered_part_naming_the_years_main_work_heads_the_plan() -> None:
    for plan_head in ("2031年主要工作及措施", "今年的主要工作", "2031年的主要工作和措施"):
        body = ["2030年工作回顾", "（一）经济建设出现好形势", REVIEW_PARA.format(120), "（二）社会事业全面发展",
                "过去一年，新建学校12所，城乡居民收入比上年增长7.1%。", plan_head,
                "（一）突出加快发展这个主题，保持经济稳健运行", PLAN_PARA.format("扩大有效投资"),
                "（二）全面落实农村政策，大力发展农村经济", PLAN_PARA.format("增加农民收入")]
        sd = _structure("\n".join(["某某省政府工作报告", "——2031年1月9日在某某省第十届人民代表大会第五次会议上", "各位代表：", *body]))
        roles = {s.title: s.role for s in sd.sections}
        assert roles["突出加快发展这个主题，保持经济稳健运行"] == "tasks", (plan_head, roles)
        assert roles["经济建设出现好形势"] == "review", roles


def test_decimal_dot_folding_is_its_pattern() -> None:
    # the dot search (str.find from each dot) is the plain definition, _DOT_DECIMAL, with the same output
    from duixian.clean import chars

    for s in ["19·5%", "a·1%", "5·12", "1·2·3%", "9・9‰x", "·5%", "12·34５%", "²·5%", "３·5%", "7·21”特大", "0•8‰", ""]:
        assert chars.fold_decimal_dots(Tracked.identity(s)).text == chars._DOT_DECIMAL.sub(".", s), s
