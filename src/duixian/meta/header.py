"""Report metadata read from the text itself: region, years, delivery date, meeting, speaker.

Every value comes from a pattern of the genre (the dateline ``——2020年5月8日在X第十五届人民代表
大会第四次会议上``, the speaker line ``X人民政府区长 李湛``, review/plan headings, a news lead
``2月2日上午，X第十六届人民代表大会第三次会议开幕``).  What no pattern finds stays None.
"""

from __future__ import annotations

import re
from dataclasses import replace

from duixian.meta import regions
from duixian.model import Document, ReportMeta

NUM = "[一二三四五六七八九十百零〇\\d]{1,4}"
HAN = "\u4e00-\u9fff"
_MEETING = re.compile(rf"((?:(?![在日])[{HAN}]){{0,16}}?第{NUM}届(?:全国)?人民代表大会(?:常务委员会)?第{NUM}次(?:全体)?会议)")
_DATELINE = re.compile(rf"(\d{{4}})年(\d{{1,2}})月(\d{{1,2}})日\s*在\s*([{HAN}]{{0,20}}?)第{NUM}届(全国)?人民代表大会")
_NEWS_DATE = re.compile(
    rf"(?:(\d{{4}})年)?(\d{{1,2}})月(\d{{1,2}})日(?:上午|下午|晚上|晚)?[，,]?\s*([{HAN}]{{0,16}}?)第{NUM}届(?:全国)?人民代表大会第{NUM}次会议"
    rf"[^。\n]{{0,30}}?(?:开幕|召开|举行|隆重开幕)"
)
_TITLES = r"代理?(?:区|县|市|省|州|旗|盟)长|(?:区|县|市|省|州|旗|盟)长|自治区主席|代主席|主席|国务院总理|总理"
_SPEAKER_LINE = re.compile(rf"^(.{{0,30}}?)({_TITLES})\s*([{HAN}·]{{2,5}})$", re.M)
_SPEAKER_NEWS = re.compile(
    rf"({_TITLES})([{HAN}]{{2,4}}?)(?:代表[{HAN}]{{0,12}}人民政府|受[{HAN}]{{0,10}}委托)[^。\n]{{0,12}}作[^。\n]{{0,6}}政府工作报告"
)
_GOV = re.compile(rf"(?:我代表|代表)([{HAN}]{{2,20}}?)人民政府")
_REVIEW = re.compile(rf"(?:(\d{{4}})年[{HAN}“”\"\d]{{0,12}}?(?:工作)?回顾|回眸(\d{{4}})年)")
_PLAN = re.compile(
    r"(?:(\d{4})年(?:政府|的)?(?:工作安排|工作任务|重点工作|主要工作|工作建议|工作总体要求|总体要求|经济社会发展(?:的)?(?:主要)?预期目标|主要预期目标)"
    r"|展望(\d{4})年)"
)
_TITLE_YEAR = re.compile(rf"(\d{{4}})年[{HAN}]{{0,12}}?政府工作报告")
_NEWS = re.compile(r"本报讯|新华社|记者|通讯员|据.{0,6}报道|解读|来源[:：]")
_PLAN_EXEC = re.compile(r"计划执行情况|国民经济和社会发展计划(?:草案)?的报告|预算执行情况")

HEADER_CHARS = 600


def read_meta(doc: Document) -> ReportMeta:
    text = doc.text
    head = text[:HEADER_CHARS]
    evidence: list[tuple[str, tuple[int, int]]] = []
    meta = ReportMeta()

    dateline = _DATELINE.search(head)
    news_date = None if dateline else _NEWS_DATE.search(text)
    meeting_m = _MEETING.search(head) if dateline else (_MEETING.search(news_date.group(0)) if news_date else None)
    if meeting_m:
        base = 0 if dateline else news_date.start()  # type: ignore[union-attr]
        meeting = _trim_meeting(meeting_m.group(1))
        evidence.append(("meeting", (base + meeting_m.end() - len(meeting), base + meeting_m.end())))
        meta = replace(meta, meeting=meeting)

    # Region: who is speaking for which government.
    written = None
    nation = False
    if dateline:
        written = dateline.group(4) or None
        nation = bool(dateline.group(5))
    elif news_date:
        written = news_date.group(4) or None
        nation = "全国" in news_date.group(0)
    speaker_m = _SPEAKER_LINE.search(head)
    if speaker_m and not written:
        written = _strip_gov(speaker_m.group(1)) or None
    if not written:
        gov = _GOV.search(text[:3000])
        if gov and gov.group(1) not in {"区", "县", "市", "省", "本级", "本届"}:
            written = gov.group(1)
    if not written:
        title = _TITLE_YEAR.search(text[:3000])
        if title:
            written = _region_before(text[max(0, title.start() - 20) : title.start()]) or _region_in(title.group(0))
    if nation or (speaker_m and "总理" in speaker_m.group(2)):
        meta = replace(meta, region="中国", region_full="中华人民共和国", admin_code=regions.NATION.code, level="nation")
    elif written:
        meta = _with_region(meta, written, text)

    # Speaker.
    if speaker_m:
        meta = replace(meta, speaker=speaker_m.group(3), speaker_title=_bare_title(speaker_m.group(2)))
        evidence.append(("speaker", (speaker_m.start(3), speaker_m.end(3))))
    else:
        sn = _SPEAKER_NEWS.search(text)
        if sn:
            meta = replace(meta, speaker=sn.group(2), speaker_title=_bare_title(sn.group(1)))
            evidence.append(("speaker", (sn.start(2), sn.end(2))))

    # Years.
    review = _first_year(_REVIEW, text[: max(4000, len(text) // 2)])
    plan = _first_year(_PLAN, text)
    title_year = _first_year(_TITLE_YEAR, text[:3000])
    date_year = None
    date = None
    if dateline:
        y, m, d = (int(g) for g in dateline.group(1, 2, 3))
        date = _iso(y, m, d)
        date_year = y + 1 if m == 12 else y  # delivered in December for the next year
        evidence.append(("date", dateline.span(0)))
    report_year = plan or title_year or date_year or (review + 1 if review else None)
    if news_date and report_year:
        y = int(news_date.group(1)) if news_date.group(1) else report_year
        date = _iso(y, int(news_date.group(2)), int(news_date.group(3)))
        evidence.append(("date", news_date.span(0)))
    if review is None and report_year is not None and _has_review_section(text):
        review = report_year - 1
    meta = replace(meta, date=date, report_year=report_year, review_year=review)

    meta = replace(meta, doc_type=_doc_type(text, bool(dateline)), title=_title(text), evidence=tuple(evidence))
    return meta


def _with_region(meta: ReportMeta, written: str, text: str) -> ReportMeta:
    division, _candidates = regions.resolve(written, text)
    if division is not None:
        return replace(meta, region=division.name, region_full=division.full, admin_code=division.code, level=division.level)
    chain = regions.split_chain(written)
    name = chain[-1] if chain else written
    level = _level_from_suffix(name)
    return replace(meta, region=name, level=level)


def _level_from_suffix(name: str) -> str | None:
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith("区"):
        return "district"
    if name.endswith(("县", "旗")):
        return "county"
    if name.endswith(("市", "州", "盟")):
        return "city"
    return None


def _strip_gov(s: str) -> str:
    return s.replace("人民政府", "").strip()


def _region_before(s: str) -> str | None:
    m = re.search(rf"([{HAN}]{{2,12}}(?:省|市|区|县|旗|自治区|自治州))$", s)
    return m.group(1) if m else None


def _region_in(s: str) -> str | None:
    m = re.search(rf"\d{{4}}年([{HAN}]{{2,12}}?(?:省|市|区|县|旗|自治区|自治州))政府工作报告", s)
    return m.group(1) if m else None


def _trim_meeting(m: str) -> str:
    # "上午周口市川汇区第十六届…" → keep from the region name on
    m = re.sub(r"^(?:上午|下午|晚上|在)", "", m)
    return m


def _bare_title(t: str) -> str:
    return t.replace("国务院", "").replace("代理", "代")


def _first_year(pattern: re.Pattern[str], text: str) -> int | None:
    for m in pattern.finditer(text):
        for g in m.groups():
            if g and 1949 < int(g) < 2200:
                return int(g)
    return None


def _has_review_section(text: str) -> bool:
    return bool(re.search(r"(?:过去一年|过去的一年|一年来)(?:工作回顾)?|工作回顾", text[: len(text) // 2 + 1]))


def _iso(y: int, m: int, d: int) -> str | None:
    import datetime as dt

    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _doc_type(text: str, has_dateline: bool) -> str:
    head = text[:400]
    if _PLAN_EXEC.search(head):
        return "plan_execution"
    if _NEWS.search(head) or re.search(r"政府工作报告解读", text[:5000]):
        return "news"
    if has_dateline or "政府工作报告" in head or re.search(r"各位代表[：:！!]", text[:2000]):
        return "report"
    return "other"


def _title(text: str) -> str | None:
    for line in text[:400].split("\n")[:6]:
        if "报告" in line and len(line) <= 40:
            return line.lstrip("—").strip()
    return None
