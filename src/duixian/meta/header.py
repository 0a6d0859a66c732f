"""Report metadata voted from evidence anywhere in the text.

No single pattern decides a field.  Each collector below proposes candidates (a value, a score and the
clean span it was read from) wherever the genre states the fact: the dateline ``——2020年5月8日在X第十五届
人民代表大会第四次会议上``, a news lead ``1月11日，X召开…会议``, the byline ``X人民政府区长 李湛``,
``我代表X人民政府``, review and plan headings, the government's words for itself (全区, 我县), and every
division name the text mentions.  The votes are summed per value; the best value wins and keeps the span of
its strongest candidate as evidence.  A field with no candidate stays None.  The genre's words live in
data/meta_cues.csv.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from duixian.meta import cues as cue
from duixian.meta import regions, scan
from duixian.meta.cues import CN_DIGITS, HAN
from duixian.model import Document, ReportMeta

Span = tuple[int, int]
NUM = "[一二三四五六七八九十百零〇\\d]{1,4}"
_Y = rf"((?:19|20)\d{{2}}|[一二][{CN_DIGITS}]{{3}})"
_M = r"(1[0-2]|0?[1-9]|十[一二]|十|[一二三四五六七八九])"
_D = r"(3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"

_MEETING = re.compile(rf"第?({NUM})届(全国)?(?:人民代表大会|人大)(?:常务委员会)?第?({NUM})次(?:全体)?会议")
_DATE = re.compile(rf"{_Y}\s*年\s*{_M}\s*月(?:\s*{_D}\s*日)?")
_MONTH_DAY = re.compile(rf"(?<![年\d{CN_DIGITS}十])\s*{_M}\s*月\s*{_D}\s*日")
# A dateline that lost its 年 and 月 (``2022324日在…``): read only where one split is a valid date.
_RUN_DATE = re.compile(r"((?:19|20)\d{2})(\d{2,3})日\s*在")
_BARE_DAY = re.compile(r"(?<![\d月年])(3[01]|[12]\d|[1-9])日(?:上午|下午|晚)?")
_AGENCY = re.compile(rf"(?:社|网|报|台|讯)[{HAN}]{{0,6}}?{_Y}?(?:年)?\s*{_M}\s*月\s*{_D}\s*日\s*电")
_LEAD_VERB = re.compile(r"^[^。\n]{0,30}?(?:隆重开幕|开幕|召开|举行|开会|会议上|上[，,。\n]|上$)")
_BACK = re.compile(r"^\s*(?:确定|以来|通过|审议通过|批准|决议|精神|期间|部署|提出的|所作|的(?:决议|决定|精神|要求|部署))")
# An earlier session named as a starting point or authority: 从/自/根据…会议.
_BACK_BEFORE = re.compile(r"(?:从|自|根据|按照|依照|完成了?|落实)\s*$")
# A session said to be held in a year (在一九五四年召开的第一届…会议上) is not the one being held.
_HELD_IN_YEAR = re.compile(rf"{_Y}\s*年[^，。,；;\n]{{0,6}}?(?:召开|举行)的\s*$")
_GENERIC = {"区", "县", "市", "省", "旗", "州", "盟", "自治区", "自治州", "自治县"}
_NOT_PLACE = re.compile(r"(?:召开|举行|隆重召开|隆重举行)$")
_YEAR_MENTION = re.compile(rf"(?<![到至\-—－~～])\s*{_Y}\s*年")
_HAN_TAIL = re.compile(rf"[{HAN}]*$")
_UNDATED = re.compile(rf"(?:{_Y}\s*年|去年|前年|上年)?\s*(?:{_M}\s*月(?:份)?)?\s*$")
_LAST_YEAR = re.compile(r"去年\s*(?:\S{1,3}月(?:份)?)?\s*(?:(?:召开|举行)的?)?\s*$")


def _year_starts(text: str) -> list[int]:
    """Every position where ``{_Y}\\s*年`` can match: four characters before a 年 and the spaces before it.

    A year is four characters that are never whitespace, so the spaces between it and its 年 are the whole
    run of whitespace before the 年.
    """
    return [scan.space_start(text, q) - 4 for q in scan.occurrences(text, "年")]


def _spaced(text: str, starts: list[int]) -> list[int]:
    """``starts`` and the whitespace before each: where a pattern opening on ``\\s*`` can start."""
    return [k for s in starts if s >= 0 for k in range(scan.space_start(text, s), s + 1)]


@dataclass
class Votes:
    """Scored candidates of one field: value → total score, and the span of the strongest candidate."""

    total: dict[object, float] = field(default_factory=lambda: defaultdict(float))
    best: dict[object, tuple[float, Span]] = field(default_factory=dict)

    def add(self, value: object, score: float, span: Span) -> None:
        if value is None or score <= 0:
            return
        self.total[value] += score
        if value not in self.best or score > self.best[value][0]:
            self.best[value] = (score, span)

    def winner(self, floor: float = 0.0) -> tuple[object, Span] | None:
        if not self.total:
            return None
        value = max(self.total, key=lambda v: (self.total[v], self.best[v][0]))
        if self.total[value] <= floor:
            return None
        return value, self.best[value][1]


@dataclass(frozen=True)
class Meeting:
    span: Span  # the meeting as printed, from the region prefix on
    written: str  # the region prefix as printed ("" when none)
    nation: bool
    term: int | None
    session: int | None
    back: bool  # names an earlier session (…会议确定的目标, …会议以来)
    lead: bool  # announced as being held (…会议上, …会议开幕)
    last_year: bool = False  # 去年三月…会议: held the year before this report


@dataclass(frozen=True)
class DateCand:
    year: int | None
    month: int
    day: int | None
    span: Span
    kind: str  # dateline | session | agency


def read_meta(doc: Document) -> ReportMeta:
    text = doc.text
    # every multi-character word this read looks for is found through one index of the text
    ix = scan.Index(text)
    years = _year_starts(text)
    meetings = _meetings(text)
    dates = _dates(text, meetings, years)
    speakers, speaker_regions, title_levels, titles = _speakers(ix)
    evidence: list[tuple[str, Span]] = []
    meta = ReportMeta()

    # Meeting: the session the report is delivered at; earlier sessions it refers back to do not count.
    mv = Votes()
    dated = {_meeting_after(d, meetings, text) for d in dates if d.kind in {"dateline", "session"}}
    for i, m in enumerate(meetings):
        if m.back:
            continue
        mv.add(text[m.span[0] : m.span[1]], 8.0 if i in dated else (3.0 if m.lead else 1.0), m.span)
    won = mv.winner()
    if won:
        meta = replace(meta, meeting=str(won[0]))
        evidence.append(("meeting", won[1]))

    # Region and level.
    region, region_span = _vote_region(ix, meetings, dates, speaker_regions, title_levels)
    if region is not None:
        meta = _with_region(meta, region, text)
        if region_span:
            evidence.append(("region", region_span))

    # Speaker.
    won = speakers.winner(floor=3.5)
    if won:
        name, span = won
        printed = titles.get(str(name)) or _taken_office(text, str(name))
        title = printed.replace("代理", "代") if printed else None
        meta = replace(meta, speaker=str(name), speaker_title=title)
        evidence.append(("speaker", span))

    # Years and delivery date.
    report_year, review_year, year_span = _vote_years(text, meetings, dates, years, meta.level == "nation")
    if review_year is None and report_year is not None and meta.speaker and _delivers_report(ix, meta.speaker):
        # an excerpt of the region's own report (代市长陈冬在政府工作报告中提出…) that shows only the plan:
        # the report still reviews the year before its plan year
        review_year = report_year - 1
    date, date_span = _pick_date(dates, report_year)
    if date and report_year is not None and late_in(date, report_year) and (review_year is not None or "今年以来" in text):
        # delivered late in the year it is filed under (the national reports of 1981年11月30日 and 1982年11月30日):
        # it looks back on that same year (今年以来…, 一九八二年预计…) and plans the next
        review_year = report_year
    if date_span:
        evidence.append(("date", date_span))
    if year_span:
        evidence.append(("report_year", year_span))
    meta = replace(meta, date=date, report_year=report_year, review_year=review_year)

    has_dateline = any(d.kind == "dateline" for d in dates)
    meta = replace(meta, doc_type=_doc_type(text, has_dateline), title=_title(text), evidence=tuple(evidence))
    return meta


def _delivers_report(ix: scan.Index, speaker: str) -> bool:
    """Whether the text has the speaker delivering the work report (…陈冬昨日在政府工作报告中提出, 冯飞作政府
    工作报告), not quoting someone else's (温家宝总理所作的政府工作报告)."""
    text = ix.text
    free = 0
    for start in ix.at(speaker):  # each mention, not overlapping the one before (as a scan for the name finds them)
        if start < free:
            continue
        end = free = start + len(speaker)
        if re.match(r"[^。，,；]{0,12}(?:作|在|代表[^。]{0,12}作)[^。，,；]{0,4}政府工作报告", text[end : end + 30]):
            return True
    return False


# --- meetings -----------------------------------------------------------------------------------


def _meetings(text: str) -> list[Meeting]:
    out = []
    # 第? and one to four numerals before 届.
    for m in scan.matches(_MEETING, text, scan.before(text, "届", 1, 5)):
        run = _HAN_TAIL.search(text[max(0, m.start() - 24) : m.start()])
        prefix = run.group(0) if run else ""
        held_before = bool(_NOT_PLACE.search(prefix))
        prefix = _NOT_PLACE.sub("", prefix)
        listed = _place_suffix(prefix)
        after = text[m.end() : m.end() + 40]
        before = text[max(0, m.start() - len(listed) - 16) : m.start() - len(listed)]
        undated = _UNDATED.sub("", before)
        last_year = bool(_LAST_YEAR.search(before))
        back = last_year or bool(_BACK.match(after) or _BACK_BEFORE.search(undated) or _HELD_IN_YEAR.search(before))
        # An unlisted name is read only at the session being held, where nothing but a place can stand.
        written = listed if back else _written_place(prefix)
        start = m.start() - len(written) if not held_before else m.start()
        before = text[max(0, start - 16) : start]
        # 向X会议作政府工作报告 addresses the session itself.
        addressed = before.endswith("向") and "报告" in after[:12]
        lead = not back and (held_before or addressed or bool(_LEAD_VERB.match(after)))
        out.append(
            Meeting(
                (start, m.end()),
                written,
                bool(m.group(2)),
                cue.cn_int(m.group(1)),
                cue.cn_int(m.group(3)),
                back,
                lead,
                last_year,
            )
        )
    return out


def _place_suffix(run: str) -> str:
    """The longest tail of ``run`` that names a place (``上午周口市川汇区`` → ``周口市川汇区``)."""
    # A place of two characters or more that is no bare suffix (区, 自治州) begins as some name of the table
    # begins: a name, a name's stem, a chain of names, a renamed stem (see _is_place). A tail whose first two
    # characters begin no name is not asked (most tails of a run of text before 届 or a title).
    beginnings = regions.beginnings()
    n = len(run)
    for i in range(n):
        if n - i >= 2 and run[i : i + 2] not in beginnings and run[i:] not in _GENERIC:
            continue
        if _is_place(run[i:]):
            return run[i:]
    return ""


_LEAD_WORDS = re.compile(r"^.*(?:在|于|日|上午|下午|时|召开|举行|、|和)")


def _unlisted_place(run: str) -> str:
    """A place the table does not hold, named where only a place can stand (在X第九届…会议): kept as written."""
    tail = _LEAD_WORDS.sub("", run)
    if 2 <= len(tail) <= 10 and tail[-1] in "省市区县旗州盟" and not re.search(r"[了的是完成我本全]", tail):
        return tail
    return ""


def _written_place(run: str) -> str:
    """The place named at the end of ``run``: a listed one, else an unlisted name rather than a bare 区."""
    listed = _place_suffix(run)
    if listed and listed not in _GENERIC:
        return listed
    return _unlisted_place(run) or listed


def _is_place(s: str) -> bool:
    if s in _GENERIC or regions.lookup(s):
        return True
    chain = regions.split_chain(s)
    if chain and "".join(chain) == s:
        return True
    # A renamed place (清苑县 for today's 清苑区): its stem is in the table under another suffix.
    return len(s) >= 3 and s[-1] in "省市区县旗州盟" and bool(regions.by_short().get(regions.short(s)))


# --- dates --------------------------------------------------------------------------------------


_CHROME_AFTER = re.compile(r"\s*(?:星期|周[一二三四五六日]|\d{1,2}[:：]\d{2})")
_WIRE_AFTER = re.compile(r"\s*电")
# A delivery over two days (1981年11月30日和12月1日在…, 3月5日和6日在…): the second day, in its own month or not,
# belongs to the dateline, which is dated by its first.
_NEXT_DAY = rf"[和至、—－-]\s*(?:{_M}\s*月\s*)?{_D}\s*日"
_AT_AFTER = re.compile(rf"\s*[)）]?\s*(?:{_NEXT_DAY})?\s*在")
_JOINED_DAY = re.compile(rf"\s*{_NEXT_DAY}")
_LINE_DEBRIS = re.compile(r"[\s()（）—\-－]")


def _month_day_starts(text: str) -> list[int]:
    """Where ``_MONTH_DAY`` can start: spaces, a one- or two-character month and spaces before a 月."""
    out: list[int] = []
    for q in scan.occurrences(text, "月"):
        w = scan.space_start(text, q)
        for month in (w - 1, w - 2):
            if month >= 0:
                out.extend(range(scan.space_start(text, month), month + 1))
    return out


def _dates(text: str, meetings: list[Meeting], years: list[int]) -> list[DateCand]:
    chrome = cue.words("chrome")
    starts = sorted(m.span[0] for m in meetings if not m.back)
    held = sorted(m.span[0] for m in meetings if m.lead)
    out: list[DateCand] = []
    taken: set[int] = set()

    def meeting_within(pos: int, width: int, among: list[int] = starts) -> bool:
        return any(pos <= s <= pos + width and "。" not in text[pos:s] for s in among)

    def classify(s: int, e: int, has_day: bool = True) -> str | None:
        before = text[max(0, s - 8) : s]
        after = text[e : e + 60]
        if any(w in before for w in chrome) or _CHROME_AFTER.match(after):
            return "chrome"  # when a page was published, not when the report was delivered
        if _WIRE_AFTER.match(after):
            return "agency"
        if _AT_AFTER.match(after) and meeting_within(e, 40):
            return "dateline"
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line_end = len(text) if line_end < 0 else line_end
        rest = _LINE_DEBRIS.sub("", text[line_start:s] + text[e:line_end])
        if not rest and has_day and any(abs(p - s) < 200 for p in starts):
            return "dateline"  # a date on its own line beside the meeting line: (2008年1月23日)
        if has_day and meeting_within(e, 45, held):
            return "session"  # 1月11日，X召开…会议 / …会议开幕
        return None

    for m in scan.matches(_DATE, text, years):
        year, month = cue.cn_int(m.group(1)), cue.cn_int(m.group(2))
        day = cue.cn_int(m.group(3)) if m.group(3) else None
        kind = classify(*m.span(), has_day=day is not None)
        taken.add(m.end())
        if day is not None and (joined := _JOINED_DAY.match(text, m.end())):
            taken.add(joined.end())  # 和12月1日 is this date's second day, not a date of its own without a year
        if kind and year and month:
            out.append(DateCand(year, month, day, m.span(), kind))
    for m in scan.matches(_MONTH_DAY, text, _month_day_starts(text)):
        if m.end() in taken:
            continue
        kind = classify(m.start(1), m.end())
        month, day = cue.cn_int(m.group(1)), cue.cn_int(m.group(2))
        if kind and month:
            out.append(DateCand(None, month, day, (m.start(1), m.end()), kind))
    # Four and two or three digits before 日.
    for m in scan.matches(_RUN_DATE, text, scan.before(text, "日", 6, 7)):
        digits = m.group(2)
        splits = [(int(digits[:k]), int(digits[k:])) for k in (1, 2) if k < len(digits)]
        valid = [(mo, d) for mo, d in splits if 1 <= mo <= 12 and 1 <= d <= 31]
        if len(valid) == 1 and meeting_within(m.end(), 40):
            out.append(DateCand(int(m.group(1)), valid[0][0], valid[0][1], (m.start(), m.end() - 1), "dateline"))
    out.extend(_bare_days(text, meetings, out))
    return out


def _bare_days(text: str, meetings: list[Meeting], found: list[DateCand]) -> list[DateCand]:
    """``…会议13日开幕`` or ``28日，X作政府工作报告`` in a news piece: the month is the wire dateline's."""
    agency = [d for d in found if d.kind == "agency"]
    if not agency:
        return []
    wire = agency[0]
    out = []
    for m in meetings:
        hit = _BARE_DAY.match(text, m.span[1])
        if hit and re.match(r"\s*(?:在[^。]{0,20})?(?:隆重)?(?:开幕|召开|举行)", text[hit.end() : hit.end() + 30]):
            day = int(hit.group(1))
            if wire.day is None or day <= wire.day:
                out.append(DateCand(wire.year, wire.month, day, hit.span(), "session"))
    if not out:
        window = text[wire.span[1] : wire.span[1] + 120]
        hit = re.search(r"(?:^|[。，,：:\s)）电])(3[01]|[12]\d|[1-9])日[，,]", window)
        if hit:
            sentence = window[hit.end() : hit.end() + 80].split("。")[0]
            day = int(hit.group(1))
            if "报告" in sentence or "会议" in sentence or "答卷" in sentence:
                if wire.day is None or day <= wire.day:
                    start = wire.span[1] + hit.start(1)
                    out.append(DateCand(wire.year, wire.month, day, (start, start + len(hit.group(1)) + 1), "session"))
    return out


def _meeting_after(d: DateCand, meetings: list[Meeting], text: str) -> int | None:
    for i, m in enumerate(meetings):
        between = text[m.span[1] : d.span[0]]
        if 0 <= m.span[0] - d.span[1] <= 45 or (0 <= d.span[0] - m.span[1] <= 4 and "\n" not in between):
            return i
    return None


_DATE_SCORE = {"dateline": 10.0, "session": 8.0, "agency": 1.0, "chrome": 0.0}


def late_in(date: str, year: int) -> bool:
    """Whether an ISO delivery date falls in November or December of ``year``: too late for that year's plan."""
    return date[:4] == str(year) and date[5:7] in ("11", "12")


def _pick_date(dates: list[DateCand], report_year: int | None) -> tuple[str | None, Span | None]:
    best: tuple[float, str, Span] | None = None
    for d in dates:
        if d.day is None:
            continue
        year = d.year
        if year is None and report_year is not None:
            # A session date printed without its year: a December session plans the next year.
            year = report_year - 1 if d.month == 12 else report_year
        if year is None:
            continue
        iso = _iso(year, d.month, d.day)
        score = _DATE_SCORE[d.kind]
        if iso and score and (best is None or score > best[0]):
            best = (score, iso, d.span)
    return (best[1], best[2]) if best else (None, None)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


# --- years --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _year_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A plan heading, a review heading, a report title after a year (built once from the cue words)."""
    plan_head = cue.alternation("plan_head")
    review_head = cue.alternation("review_head")
    return (
        re.compile(rf"{_Y}\s*年[^\n。，,；;“”\"]{{0,12}}?(?:{plan_head})"),
        re.compile(rf"{_Y}\s*年(?:以来)?[^\n。，,；;“”\"]{{0,14}}?(?:{review_head})"),
        re.compile(rf"{_Y}\s*年[^\n。]{{0,16}}?政府工作报告"),
    )


_LOOK_AHEAD = re.compile(rf"展望\s*{_Y}\s*年")
_LOOK_BACK = re.compile(rf"(?:回顾|回眸|刚刚过去的|过去的|报告)\s*{_Y}\s*年")
_ADDRESSED_TERM = re.compile(rf"向\s*第({NUM})届全国人民代表大会\s*(?:作|提出)[^。\n]{{0,6}}报告")
_YEAR_ENDING = re.compile(rf"即将过去的\s*{_Y}\s*年")
_SINCE = re.compile(r"\s*以来")


def _vote_years(
    text: str, meetings: list[Meeting], dates: list[DateCand], years: list[int], national: bool = False
) -> tuple[int | None, int | None, Span | None]:
    """``national``: the report is the State Council's, so last year's session named without a place (去年举行的
    六届人大一次会议) is the National People's Congress's."""
    plan, review = Votes(), Votes()
    head = _head_len(text)

    for d in dates:
        if d.year is not None and d.kind in _DATE_SCORE:
            # Delivered in December: the report plans the next year (the 1964 national report of 12月21日 sets
            # 一九六五年's goals, though sources file it under 1964).
            # A page's publication date is a weak hint of the year; a December delivery plans the next.
            if d.kind == "chrome":
                plan.add(d.year, 0.5, d.span)
            else:
                plan.add(d.year + 1 if d.month == 12 else d.year, {"dateline": 8.0, "session": 7.0}.get(d.kind, 1.0), d.span)

    sessions = cue.npc_sessions()
    for m in meetings:
        if not (m.nation or (national and m.last_year and not m.written)) or m.term is None or m.session is None:
            continue
        if m.last_year and (m.term, m.session) in sessions:
            plan.add(sessions[(m.term, m.session)][0] + 1, 4.0, m.span)
        elif not m.back and (m.term, m.session) in sessions:
            y, mo = sessions[(m.term, m.session)]
            plan.add(y + 1 if mo == 12 else y, (6.0 if m.lead else 4.0) if m.span[0] < head else 2.0, m.span)
        elif m.back and m.session == 1 and (m.term + 1, 1) in sessions and _SINCE.match(text, m.span[1]):
            # "第十一届全国人民代表大会第一次会议以来的五年": the report opens the next term.
            plan.add(sessions[(m.term + 1, 1)][0], 2.0, m.span)

    for m in _ADDRESSED_TERM.finditer(text):
        # 向第五届全国人民代表大会作政府工作报告: a report addressed to a congress by its term alone opens it, at
        # the term's first session.
        term = cue.cn_int(m.group(1))
        if term is not None and (term, 1) in sessions:
            plan.add(sessions[(term, 1)][0], 6.0 if m.start() < head else 2.0, m.span())

    plan_head, review_head, titles = _year_patterns()
    for m in scan.matches(plan_head, text, years):
        if _is_horizon(text, m.start()):
            continue
        year = cue.cn_int(m.group(1))
        plan.add(year, _heading_weight(text, m.start(), m.end()), m.span())
    for m in _LOOK_AHEAD.finditer(text):
        plan.add(cue.cn_int(m.group(1)), 4.0, m.span())
    for m in scan.matches(review_head, text, years):
        year = cue.cn_int(m.group(1))
        review.add(year, _heading_weight(text, m.start(), m.end()), m.span())
    for m in _LOOK_BACK.finditer(text):
        review.add(cue.cn_int(m.group(1)), 4.0, m.span())
    for m in _YEAR_ENDING.finditer(text):
        # Said in a report delivered before the year is out: it plans the next one.
        year = cue.cn_int(m.group(1))
        review.add(year, 4.0, m.span())
        plan.add(year + 1 if year else None, 4.0, m.span())
    titled: set[int | None] = set()
    for m in scan.matches(titles, text, years):
        # Each year counts once: a page's list of links to other reports is not many titles of this one.
        year = cue.cn_int(m.group(1))
        if year not in titled:
            titled.add(year)
            plan.add(year, 5.0 if m.start() < head else 1.0, m.span())

    _sentence_years(text, plan, review, years)

    # A review heading names the year before the plan year.
    for year, score in list(review.total.items()):
        plan.add(int(year) + 1, score * 0.75, review.best[year][1])  # type: ignore[call-overload]
    won = plan.winner()
    report_year = int(won[0]) if won else None  # type: ignore[call-overload]
    span = won[1] if won else None
    if report_year is not None:
        # The year a report looks back on is the one before its plan year: a review that also names the plan
        # year (a term-end report's 1998年…, a December report's 今年) does not move it.
        review.add(report_year - 1, 3.0, span or (0, 0))
        review_year = report_year - 1
        if not (review.total.get(review_year, 0) > 3.0 or _has_review_section(text)):
            review_year = None
    else:
        rv = review.winner()
        review_year = int(rv[0]) if rv else None  # type: ignore[call-overload]
    if report_year is None and review_year is not None:
        report_year = review_year + 1
    return report_year, review_year, span


# A clause ends at a full stop, or where the next year is named (2036年实现…，2037年目标是…).
_CLAUSE_END = re.compile(rf"[。；;\n]|[，,]\s*{_Y}\s*年")


@lru_cache(maxsize=1)
def _time_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(cue.alternation("plan_time")), re.compile(cue.alternation("review_time"))


def _sentence_years(text: str, plan: Votes, review: Votes, years: list[int]) -> None:
    """Every year named in a sentence leans a little to the plan or the review by the sentence's time words."""
    plan_words, review_words = _time_words()
    lean: dict[tuple[bool, int], tuple[float, Span]] = {}
    for m in scan.matches(_YEAR_MENTION, text, _spaced(text, years)):
        year = cue.cn_int(m.group(1))
        if year is None or _is_horizon(text, m.start(1)) or not 1949 <= year <= 2100:
            continue
        end = m.end()
        stop = _CLAUSE_END.search(text, end, end + 80)
        clause = text[max(0, m.start(1) - 6) : stop.start() if stop else end + 80]
        p, r = len(plan_words.findall(clause)), len(review_words.findall(clause))
        if p != r:
            key = (p > r, year)
            score, span = lean.get(key, (0.0, m.span(1)))
            lean[key] = (min(3.0, score + 0.5), span)
    for (is_plan, year), (score, span) in lean.items():
        (plan if is_plan else review).add(year, score, span)


def _head_len(text: str) -> int:
    """The stretch where a title block can be: the first 3000 characters or the first tenth."""
    return max(3000, len(text) // 10)


_HORIZON = re.compile(r"[到至—\-－~～]\s*$")


def _is_horizon(text: str, start: int) -> bool:
    """``到2025年…目标``: a multi-year horizon, not the plan year."""
    before = text[max(0, start - 3) : start]
    return bool(_HORIZON.search(before))


def _heading_weight(text: str, start: int, end: int) -> float:
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    if re.fullmatch(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)?\s*", lead):
        return 5.0  # a heading: 二、2020年工作安排
    if re.match(r"\s*(?:是|为)?\s*[：:]", text[end : end + 4]):
        return 4.0  # the targets sentence: 2020年主要预期目标是：
    if re.search(r"(?:完成|实现|超额|达到|落实)[^，,。；;]{0,6}$", text[max(0, start - 8) : start]):
        return 0.0  # 完成了2019年目标任务: a past year's plan, reported on
    return 1.5


# …and a chapter that reviews the years since the last congress (一、三年来的斗争和新时期的总任务, 1978): a heading, as
# 三年来 inside a sentence may be any span
_REVIEW_SECTION = re.compile(r"过去一年|过去的一年|一年来|工作回顾|过去五年|五年来|(?m:^[一二三四五六七八九十]{1,2}、\s*[两三四五六七八九十]年来)")


def _has_review_section(text: str) -> bool:
    return bool(_REVIEW_SECTION.search(text))


# --- region -------------------------------------------------------------------------------------


Place = object  # a regions.Division, the string of an unlisted (renamed) place, or "nation"
NATION = "nation"

_ON_BEHALF = re.compile(rf"(?:我|受)?代表([{HAN}]{{0,20}}?)人民政府|受([{HAN}]{{1,20}}?)人民政府委托")
_STATE_COUNCIL = re.compile(r"(?:代表|受)国务院")
_REPORT_TITLE = re.compile(rf"([{HAN}]{{2,24}}?)(?:人民)?政府工作报告")
_TO_YEAR = re.compile(rf"^.*?{_Y}\s*年")
_YEAR_END = re.compile(rf"{_Y}\s*年$")
_MENTION_SPAN = 60000  # where a division's first mention is taken as its evidence


def _vote_region(
    ix: scan.Index,
    meetings: list[Meeting],
    dates: list[DateCand],
    speaker_regions: list[tuple[str, float, Span]],
    title_levels: Counter[str],
) -> tuple[Place | None, Span | None]:
    text = ix.text
    votes = Votes()
    levels: Counter[str] = Counter(title_levels)
    dated = {_meeting_after(d, meetings, text) for d in dates if d.kind in {"dateline", "session"}}

    def nominate(written: str, score: float, span: Span) -> None:
        if written in _GENERIC:
            levels[_level_of_suffix(written)] += score  # type: ignore[assignment]  # float weights in a Counter
            return
        place = _resolve(written, ix)
        if place is not None:
            votes.add(place, score, span)

    for i, m in enumerate(meetings):
        score = 10.0 if i in dated else (2.0 if m.back else 6.0)
        if m.nation:
            votes.add(NATION, score, m.span)
        elif m.written:
            nominate(m.written, score, (m.span[0], m.span[0] + len(m.written)))

    # 我代表/受代表/代表 start at or one before 代表; the other branch starts at 受.
    on_behalf = [*ix.before("代表", 0, 1), *ix.at("受")]
    for m in scan.matches(_ON_BEHALF, text, on_behalf):
        written = _place_suffix(m.group(1) or m.group(2) or "")
        if written:
            nominate(written, 6.0, m.span())
    for m in scan.matches(_STATE_COUNCIL, text, ix.before("国务院", 1, 2)):
        votes.add(NATION, 10.0, m.span())
    head = text[: _head_len(text)]
    # Two to 24 characters, and 人民 or nothing, before 政府工作报告.
    for m in scan.matches(_REPORT_TITLE, head, scan.before(head, "政府工作报告", 2, 26)):
        run = _TO_YEAR.sub("", m.group(1))
        run = _YEAR_END.sub("", run)
        if run.endswith("国务院"):
            votes.add(NATION, 6.0, m.span())
            continue
        written = _place_suffix(run)
        if written:
            nominate(written, 5.0, (m.start(1) + m.group(1).rfind(written), m.end(1)))
    for written, score, span in speaker_regions:
        nominate(written, score, span)

    # The government's words for itself (我区, 全县…) tell the level.
    for c in cue.cues().get("selfref", ()):
        n = ix.count(c.word)
        if n:
            levels[c.value] += c.weight * n  # type: ignore[assignment]  # float weights in a Counter
    nation_words = ix.count("我国")
    votes.add(NATION, min(6.0, 0.3 * nation_words), (0, 0))

    # Every division the text names, a little each; its stem counts too.
    mentioned = regions.mentions(text)
    counts = Counter(name for name, _ in mentioned)
    first: dict[str, int] = {}
    for name, pos in mentioned:
        # What mentions(text[:_MENTION_SPAN]) finds: the names that end inside the span.
        if pos + len(name) <= _MENTION_SPAN:
            first.setdefault(name, pos)
    for name, n in counts.items():
        divisions = regions.table().get(name, [])
        place = divisions[0] if len(divisions) == 1 else _resolve(name, ix)
        if place is not None:
            pos = first.get(name, 0)
            votes.add(place, min(4.0, 0.5 * n), (pos, pos + len(name)))
    for place in list(votes.total):
        if isinstance(place, regions.Division):
            stem = regions.short(place.name)
            if stem != place.name and len(stem) >= 2:
                votes.add(place, min(4.0, 0.25 * (ix.count(stem) - counts.get(place.name, 0))), votes.best[place][1])

    total_levels = sum(levels.values())
    if total_levels:
        dominant = max(levels, key=lambda k: levels[k])
        if not any(dominant in _self_levels(p) for p in votes.total):
            _stem_fallback(ix, dominant, votes)
        for place in list(votes.total):
            share = sum(levels[lv] for lv in _self_levels(place)) / total_levels
            votes.add(place, 6.0 * share, votes.best[place][1])
    won = votes.winner(floor=1.0)
    if not won:
        return None, None
    place, span = won
    return place, (span if span != (0, 0) else None)


def _stem_fallback(ix: scan.Index, level: str, votes: Votes) -> None:
    """No named place of the level the text speaks as (我代表区人民政府, 全区): look for stems (渝北发展)."""
    suffix = {"district": "区", "county": "县", "city": "市", "province": "省"}.get(level)
    if not suffix:
        return
    text = ix.text
    for stem, n in regions.stems_in(text).items():
        for d in regions.by_short()[stem]:
            place: Place = d
            if not d.name.endswith(suffix):
                # A county renamed since (清苑县 → 清苑区) is still named by its old suffix in old reports.
                if d.kind != "county" or suffix not in "区县市":
                    continue
                place = stem + suffix
            parents = {d.city, d.province} - {"", d.name}
            parent = 2.0 if any(ix.at(regions.short(p)) for p in parents) else 0.0
            if place is not d and not parent:
                continue  # an old name is only read where the text also names its parent
            pos = text.find(stem)
            votes.add(place, min(4.0, 1.0 * n) + parent, (pos, pos + len(stem)))


def _self_levels(place: Place) -> set[str]:
    """Levels whose self-words fit a place: a province-level 市 speaks of 全市, an autonomous region of 全区."""
    if place == NATION:
        return {"nation"}
    if isinstance(place, regions.Division):
        out = {place.level}
        if place.kind == "province" and place.name.endswith("市"):
            out.add("city")
        if place.name.endswith("自治区"):
            out.add("district")
        return out
    return {_level_of_suffix(str(place)) or ""}


def _level_of_suffix(name: str) -> str:
    if name.endswith(("省", "自治区")) and name != "区":
        return "province"
    if name.endswith("区"):
        return "district"
    if name.endswith(("县", "旗")):
        return "county"
    if name.endswith(("市", "州", "盟")):
        return "city"
    return ""


def _resolve(written: str, ix: scan.Index) -> Place | None:
    chain = regions.split_chain(written)
    if chain and "".join(chain) == written:
        division, candidates = regions.resolve(written, ix.text, count=ix.count)
        if division is not None:
            return division
        if candidates:
            return _prefer(candidates, ix)
    found = regions.lookup(written)
    if found:
        return _prefer(found, ix)
    if _is_place(written) or _unlisted_place(written) == written:
        return written  # a renamed or unlisted place (清苑县): the report's own name wins
    return None


def _prefer(candidates: list[regions.Division], ix: scan.Index) -> regions.Division | None:
    """Several divisions share a name or stem: the one whose parents the text names, else the highest level."""
    if len(candidates) == 1:
        return candidates[0]
    scored = []
    for c in candidates:
        score = sum(ix.count(regions.short(p)) for p in {c.city, c.province} - {"", c.name})
        scored.append((score, -_RANK.get(c.kind, 3), c))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    top = scored[0]
    if len(scored) > 1 and scored[1][:2] == top[:2]:
        return None
    return top[2]


_RANK = {"province": 0, "city": 1, "county": 2}


def _with_region(meta: ReportMeta, place: Place, text: str) -> ReportMeta:
    if place == NATION:
        d = regions.NATION
        return replace(meta, region="中国", region_full="中华人民共和国", admin_code=d.code, level="nation")
    if isinstance(place, regions.Division):
        return replace(meta, region=place.name, region_full=place.full, admin_code=place.code, level=place.level)
    name = str(place)
    parents = [d for d in regions.by_short().get(regions.short(name), [])]
    full = None
    if len(parents) == 1:
        d = parents[0]
        full = "".join(p for p in dict.fromkeys([d.province, d.city]) if p) + name
    return replace(meta, region=name, region_full=full, level=_level_of_suffix(name) or None)


# --- speaker ------------------------------------------------------------------------------------


def _title_re() -> str:
    return rf"((?:代理|代)?(?:{cue.alternation('title')}))"


@lru_cache(maxsize=1)
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A byline line (``[X人民政府]区长 李湛``) and a title anywhere (built once from the cue words)."""
    title = _title_re()
    byline = re.compile(rf"^[ \t　]*([{HAN}]{{0,24}}?){title}[ \t　]*([{HAN}·](?:[ \t　]?[{HAN}·]){{0,4}})[ \t　]*$", re.M)
    return byline, re.compile(title)


_DELIVERER = re.compile(
    rf"(?:^|(?<=[，,。：:\s、]))([{HAN}]{{2,4}}?)(?:代表[{HAN}]{{0,14}}?人民政府|的《?政府工作报告|在政府工作报告中)", re.M
)
_BARE_NAME_LINE = re.compile(rf"^[ \t　]*([{HAN}](?:[ \t　]?[{HAN}]){{1,3}})[ \t　]*$", re.M)
_SESSION_NEAR = re.compile(r"人民代表大会|人大|政府工作报告")
_SPACE = re.compile(r"\s")


def _speakers(ix: scan.Index) -> tuple[Votes, list[tuple[str, float, Span]], Counter[str], dict[str, str]]:
    """Speaker candidates, the places their bylines name, level votes from their titles, and each name's title."""
    text = ix.text
    votes = Votes()
    titles: dict[str, str] = {}
    places: list[tuple[str, float, Span]] = []
    levels: Counter[str] = Counter()
    byline, title = _speaker_patterns()
    title_level = {c.word: c.value for c in cue.cues()["title"]}
    surnames = set(cue.words("surname"))
    followers = cue.words("follower")
    # Every match of either pattern holds a title word: 代理/代 and the word, or the start of its line.
    title_at = [q for word in cue.words("title") for q in ix.at(word)]

    # A byline line: [X人民政府]区长 李湛
    for m in scan.matches(byline, text, [text.rfind("\n", 0, q) + 1 for q in title_at]):
        if text[m.start(2) - 1 : m.start(2)] == "副":
            continue
        name = _SPACE.sub("", m.group(3))
        if not 1 <= len(name) <= 4:
            continue
        votes.add(name, 10.0, (m.start(3), m.end(3)))
        titles[name] = m.group(2)
        levels[title_level.get(_bare(m.group(2)), "")] += 5.0  # type: ignore[assignment]  # float weights in a Counter
        prefix = m.group(1).replace("人民政府", "")
        written = _written_place(prefix)
        if written:
            places.append((written, 7.0, (m.start(1) + prefix.find(written), m.start(1) + prefix.find(written) + len(written))))

    # Title and name inside a sentence: 县长贾建刚向大会作政府工作报告
    for m in scan.matches(title, text, [q - k for q in title_at for k in (0, 1, 2)]):
        if text[m.start() - 1 : m.start()] == "副":
            continue
        name = _name_after(text, m.end())
        # A title is also followed by verbs (总理指出, 区长正在…): a name starts with a surname, or recurs.
        if (
            not name
            or _NOT_NAME.search(name)
            or name.startswith(followers)
            or not (name[0] in surnames or ix.count(name) >= 3)
        ):
            continue
        sentence = _sentence(text, m.start())
        score = 6.0 if ("报告" in sentence or "人民政府" in sentence) else 1.5
        start = m.end()
        votes.add(name, score, (start, start + len(name)))
        if score >= 6 or name not in titles:
            titles.setdefault(name, m.group(1))
        levels[title_level.get(_bare(m.group(1)), "")] += 1.0 if score < 6 else 4.0  # type: ignore[assignment]  # float weights in a Counter
        run = _HAN_TAIL.search(text[max(0, m.start() - 20) : m.start()])
        prefix = (run.group(0) if run else "").replace("人民政府", "")
        written = _place_suffix(prefix)
        if written and score >= 6:
            places.append((written, 4.0, (m.start() - len(written), m.start())))

    # A bare name that delivers the report: 冀文林代表海口市人民政府…, 卫留成的《政府工作报告》
    # A name of two to four characters before 代表, or before 的/的《/在 and 政府工作报告.
    delivered = [*ix.before("代表", 2, 4), *ix.before("政府工作报告", 3, 6)]
    for m in scan.matches(_DELIVERER, text, delivered):
        name = m.group(1)
        if name[0] in surnames and not _NOT_NAME.search(name):
            votes.add(name, 5.0, m.span(1))
    # A bare name on its own line in the title block (a byline without a title).
    for m in _BARE_NAME_LINE.finditer(text[: _head_len(text)]):
        name = _SPACE.sub("", m.group(1))
        if name[0] not in surnames or len(name) < 2:
            continue
        near = text[max(0, m.start() - 120) : m.end() + 40]
        if _SESSION_NEAR.search(near):
            votes.add(name, 6.0, m.span(1))
    return votes, places, levels, titles


def _taken_office(text: str, name: str) -> str | None:
    """The title a news piece gives the speaker as an office taken (卫留成在其履新海南省长近15个月后, 张某出任
    市长以来), when no byline or sentence prints it before the name."""
    m = re.search(rf"{re.escape(name)}[^。\n]{{0,8}}?(?:履新|出任|就任|担任|当选)[{HAN}]{{0,6}}?{_title_re()}", text)
    return m.group(1) if m else None


_NOT_NAME = re.compile(r"[我们在现的了是今本要和等对为把将这那其指示出正向作说]")


def _bare(title: str) -> str:
    return re.sub(r"^(?:代理|代)", "", title)


_NAME_RUN = re.compile(rf"[{HAN}·]{{1,5}}")
_HAN_CHAR = re.compile(rf"[{HAN}]")


def _name_after(text: str, i: int) -> str | None:
    """The name after a title: up to the word that follows names (代表, 作, 说 …), or to the end of the run."""
    run = _NAME_RUN.match(text, i, i + 5)
    if not run:
        return None
    s = run.group(0)
    followers = cue.words("follower")
    for k in range(1, min(4, len(s)) + 1):
        rest = text[i + k : i + k + 4]
        if rest.startswith(followers):  # a tuple of words: any of them
            if k >= 2 or rest.startswith(("代表", "说", "作政府", "做政府")):
                return s[:k]
    if len(s) <= 4 and len(s) >= 2 and not _HAN_CHAR.match(text, i + len(s), i + len(s) + 1):
        return s
    return None


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_candidates = [e for e in (text.find("。", pos), text.find("\n", pos)) if e >= 0]
    end = min(end_candidates) if end_candidates else len(text)
    return text[start:end]


# --- type and title ---------------------------------------------------------------------------------


def _doc_type(text: str, has_dateline: bool) -> str:
    head = text[:400]
    if any(w in head for w in cue.words("plan_exec")):
        return "plan_execution"
    news = sum(c.weight for c in cue.cues().get("news", ()) if c.word in head)
    if news >= 2 or "政府工作报告解读" in text[:5000]:
        return "news"
    if has_dateline or "政府工作报告" in head or re.search(r"各位代表[：:！!]", text[:2000]):
        return "report"
    return "news" if news else "other"


def _title(text: str) -> str | None:
    for line in text[:400].split("\n")[:6]:
        if "报告" in line and len(line) <= 40:
            return line.lstrip("—").strip()
    return None
