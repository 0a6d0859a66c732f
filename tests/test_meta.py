"""Report metadata voted from evidence anywhere in the text, on invented reports and news pieces.

Place names are real divisions (the table resolves them); speakers, figures and wording are made up.
"""

from __future__ import annotations

from duixian.meta.cues import cn_int

BODY = "一、过去一年工作回顾\n过去一年，全区地区生产总值增长6.1%。\n二、今年工作安排\n今年要稳中求进。\n"


def test_december_session_plans_the_next_year(meta_of) -> None:
    m = meta_of(
        "12月28日上午，长沙市岳麓区第五届人民代表大会第三次会议开幕。区人民政府区长万青禾向大会作政府工作报告。"
        "报告指出，2041年是岳麓爬坡过坎的一年，预计地区生产总值增长5%。\n全区上下要再接再厉。"
    )
    assert (m.region, m.level, m.report_year, m.review_year) == ("岳麓区", "district", 2042, 2041)
    assert m.date == "2041-12-28"
    assert (m.speaker, m.speaker_title) == ("万青禾", "区长")


def test_region_named_before_zhaokai_and_speaker_in_a_news_lead(meta_of) -> None:
    m = meta_of(
        "1月9日，婺源召开第十七届人民代表大会第二次会议，县长程立新作政府工作报告。"
        "程立新说，2036年全县实现地区生产总值增长7%，2037年主要预期目标是：地区生产总值增长6%左右。\n"
    )
    assert (m.region, m.level, m.report_year, m.review_year) == ("婺源县", "county", 2037, 2036)
    assert m.date == "2037-01-09"
    assert (m.speaker, m.speaker_title) == ("程立新", "县长")


def test_abbreviated_meeting_and_nine_oclock(meta_of) -> None:
    m = meta_of(
        "本报讯 据江西日报消息，1月20日上午9时，江西省十九届人大一次会议开幕，江西省省长祁远航作政府工作报告时表示，"
        "2042年全省经济稳中向好，2043年预期目标增长6%左右。\n"
    )
    assert (m.region, m.level, m.report_year) == ("江西省", "province", 2043)
    assert m.date == "2043-01-20"
    assert (m.speaker, m.speaker_title) == ("祁远航", "省长")
    assert m.doc_type == "news"


def test_collector_header_date_is_not_the_delivery_date(meta_of) -> None:
    m = meta_of(
        "标题：通山县2039年政府工作报告发文单位：通山县人民政府发文时间：2039-03-30来源URL：http://example.invalid/a\n"
        "正文：\n政府工作报告\n——2039年1月15日在通山县第十届人民代表大会第四次会议上\n通山县人民政府县长 华梓潼\n"
        "各位代表：\n现在，我代表县人民政府向大会报告工作。\n" + BODY.replace("全区", "全县")
    )
    assert m.date == "2039-01-15"
    assert (m.region, m.level, m.report_year, m.review_year) == ("通山县", "county", 2039, 2038)
    assert m.meeting == "通山县第十届人民代表大会第四次会议"
    assert (m.speaker, m.speaker_title) == ("华梓潼", "县长")
    assert any(f == "date" for f, _ in m.evidence)


def test_wire_dateline_and_publication_date_are_not_the_delivery_date(meta_of) -> None:
    m = meta_of(
        "新华社北京2011年3月16日电\n政府工作报告\n——2011年3月5日在第十一届全国人民代表大会第四次会议上\n"
        "国务院总理 钟鸣远\n各位代表：\n现在，我代表国务院，向大会作政府工作报告。\n一、2010年工作回顾\n我国经济平稳。\n"
    )
    assert (m.region, m.level, m.report_year, m.review_year, m.date) == ("中国", "nation", 2011, 2010, "2011-03-05")
    assert (m.speaker, m.speaker_title) == ("钟鸣远", "国务院总理")
    page = meta_of("您的位置：首页>>内地>>正文\n2012年3月9日星期五\n江西今年经济增速预期目标定为9%，江西省长祁远航表示有信心。\n")
    assert page.date is None


def test_national_report_without_a_header_is_dated_by_its_session(meta_of) -> None:
    m = meta_of(
        "各位代表：\n现在，我代表国务院，向大会报告政府工作。\n"
        "从去年3月第十二届全国人民代表大会第一次会议到这次会议召开，我国经济稳中有进。\n"
    )
    assert (m.region, m.report_year) == ("中国", 2014)


def test_earlier_session_named_in_the_text_is_not_the_meeting(meta_of) -> None:
    m = meta_of(
        "——2038年2月3日在通山县第十届人民代表大会第三次会议上\n各位代表：\n"
        "一年来，较好完成了县十届人大二次会议确定的目标任务，全县经济平稳。\n"
    )
    assert m.meeting == "通山县第十届人民代表大会第三次会议"
    assert m.report_year == 2038


def test_bare_byline_without_title(meta_of) -> None:
    m = meta_of("政府工作报告\n——2035年2月4日在通山县第九届人民代表大会第三次会议上\n黄 远 山\n各位代表：\n" + BODY)
    assert (m.speaker, m.speaker_title) == ("黄远山", None)


def test_slogan_is_not_a_region(meta_of) -> None:
    m = meta_of(
        "各位代表：\n现在，我代表区人民政府向大会报告工作。\n一年来，全区上下推动成渝地区双城经济圈建设，"
        "落实重庆市委部署，璧山经济增长6%，璧山高新区加快建设，全区就业稳定。\n"
    )
    assert (m.region, m.level) == ("璧山区", "district")


def test_renamed_county_keeps_the_name_the_report_uses(meta_of) -> None:
    m = meta_of(
        "各位代表：\n现在，我代表县政府向大会报告工作。\n一年来，全县上下在保定市委的领导下，"
        "徐水经济稳步增长，徐水的工业加快发展，全县人民生活改善。\n"
    )
    assert (m.region, m.level) == ("徐水县", "county")


def test_plan_execution_report(meta_of) -> None:
    m = meta_of(
        "各位代表：\n受市人民政府委托，现将2040年国民经济和社会发展计划执行情况及2041年计划草案提请大会审查。\n"
        "一、2040年国民经济和社会发展计划执行情况\n全市经济恢复，重庆制造业增长。\n"
    )
    assert m.doc_type == "plan_execution"
    assert (m.region, m.report_year, m.review_year) == ("重庆市", 2041, 2040)


def test_chinese_numeral_dateline(meta_of) -> None:
    m = meta_of("政府工作报告\n——二〇三二年一月六日在江西省第十六届人民代表大会第五次会议上\n各位代表：\n" + BODY)
    assert (m.date, m.report_year, m.region) == ("2032-01-06", 2032, "江西省")


def test_bare_day_after_a_wire_dateline(meta_of) -> None:
    m = meta_of("中新社南昌1月31日电 28日，祁远航向江西省人民代表大会作政府工作报告。江西2045年将继续扩大投资。\n")
    assert m.date == "2045-01-28"


def test_numbers_of_the_genre() -> None:
    assert cn_int("十二") == 12 and cn_int("二十一") == 21 and cn_int("二〇一二") == 2012 and cn_int("7") == 7


def test_unlisted_place_at_the_session_is_kept_as_written(meta_of) -> None:
    m = meta_of("政府工作报告\n——2033年1月8日在松禾区第三届人民代表大会第二次会议上\n各位代表：\n" + BODY)
    assert (m.region, m.level, m.meeting) == ("松禾区", "district", "松禾区第三届人民代表大会第二次会议")


def test_an_excerpt_of_the_regions_own_report_still_reviews_the_year_before() -> None:
    from duixian.meta.header import _delivers_report as delivers
    from duixian.meta.scan import Index

    def _delivers_report(text: str, speaker: str) -> bool:
        return delivers(Index(text), speaker)

    assert _delivers_report("代市长林某昨日在政府工作报告中提出今年的预期目标。", "林某")
    assert _delivers_report("区长林某代表区人民政府作政府工作报告。", "林某")
    assert not _delivers_report("林某表示，总理所作的政府工作报告将目标定为7.5%。", "林某")


def test_a_national_report_without_header_dated_by_the_sessions_it_names(meta_of) -> None:
    # State Council reports reprinted without title or date: last year's session, named without a place,
    # dates the report; a session said to be held in a named year is not the one being held
    m = meta_of(
        "各位代表：\n我代表国务院向大会作政府工作报告，请予审议。\n"
        "根据一九八三年六月第六届全国人民代表大会第一次会议的决议，各级政府进行了不懈的努力。一年来，形势很好。"
        "一九八三年，农业生产又获得丰收。去年举行的六届人大一次会议曾经指出，要继续贯彻这一方针。"
        "提前两年达到或超过第六个五年计划规定的一九八五年指标。今年第一季度，工业生产继续增长。\n"
    )
    assert (m.level, m.report_year, m.review_year) == ("nation", 1984, 1983)
    m = meta_of(
        "中华人民共和国国务院向第一届全国人民代表大会第二次会议提出关于发展国民经济的议案。\n"
        "在一九五四年召开的第一届全国人民代表大会第一次会议上，陈云同志已经详细地说明了粮食问题。"
        "现在请求第一届全国人民代表大会第二次会议予以审议和通过。\n"
    )
    assert m.report_year == 1955


def test_a_december_national_report_plans_the_next_year(meta_of) -> None:
    # the 1964 report (12月21日, 三届人大一次会议) sets 一九六五年's goals: its plan year is 1965, as for any report
    # delivered in December, though its sources file it under the delivery year
    m = meta_of(
        "政府工作报告（摘要）\n——1964年12月21日在第三届全国人民代表大会第一次会议上\n国务院总理 钟鸣远\n"
        "五年来，我国各族人民团结一致。一九六五年，我们要继续做好调整工作。\n"
    )
    assert (m.level, m.report_year) == ("nation", 1965)


def test_a_report_addressed_to_a_congress_by_its_term_is_at_its_first_session(meta_of) -> None:
    # 向第五届全国人民代表大会作政府工作报告: no session number, no date; the term's first session dates it
    m = meta_of(
        "各位代表！\n现在，我代表国务院，向第五届全国人民代表大会作政府工作报告。\n"
        "一、三年来的斗争和新时期的总任务\n从第四届全国人民代表大会以来，我国经历了严峻的考验。一九七六年，形势复杂。\n"
    )
    assert (m.level, m.report_year) == ("nation", 1978)
    m = meta_of("各位代表：\n我受国务院的委托，向第六届全国人民代表大会提出政府工作报告，请予审议。\n一九八二年，经济好转。\n")
    assert m.report_year == 1983


def test_a_news_piece_gives_the_speakers_title_as_an_office_taken(meta_of) -> None:
    # no byline and no title before the name: 履新/出任…省长 after it says which office delivers the report
    m = meta_of(
        "中新网1月31日电 28日，钟鸣远在其履新江西省长近15个月后，向全省人民交上“答卷”。\n"
        "钟鸣远的《政府工作报告》显示，2040年，江西全省生产总值增长8%。\n"
    )
    assert (m.speaker, m.speaker_title) == ("钟鸣远", "省长")
    m = meta_of(
        "本报讯 1月9日，华梓潼自去年出任通山县县长以来首次作政府工作报告。华梓潼在政府工作报告中说，"
        "2040年全县经济增长6%，2041年预期目标增长6%左右。\n"
    )
    assert (m.speaker, m.speaker_title) == ("华梓潼", "县长")
