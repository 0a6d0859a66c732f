"""The web pages' chrome in English as well as Chinese: ``?lang=en`` (kept in a cookie) or ``?lang=zh``.

Only the words duixian writes around the data are translated: navigation, headings, labels, buttons, counts,
the error pages' advice. The reports' own text, region names, quotes and the values stored in Chinese are
data and stay as they are. A template writes a phrase in Chinese through ``_``: ``{{ _("报告") }}``, or with
values ``{{ _("共 %(n)s 份", n=data.total) }}`` (the result is escaped as a whole, values included); the
English is looked up here by the Chinese phrase, and a phrase without an English entry stays Chinese (a test
checks every phrase the templates use has one). The language of the page being rendered is a context
variable that :func:`speaking` sets around a render, so macros imported from other templates see it too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment

LANGS = ("zh", "en")
DEFAULT = "zh"
COOKIE = "duixian_lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}

_current: ContextVar[str] = ContextVar("duixian_lang", default=DEFAULT)

EN: dict[str, str] = {
    # base.html: the header, the quick search, the footer, the switch itself
    "概览": "Overview", "报告": "Reports", "搜索": "Search", "上传": "Upload", "搜索报告原文": "Search the reports",
    "每个数据都能追溯到原文字符": "every figure traces back to the characters of its source",
    # _pager.html
    "翻页": "Pages", "← 上一页": "← Previous", "下一页 →": "Next →",
    "第 %(page)s / %(pages)s 页": "page %(page)s of %(pages)s",
    # index.html
    "语料概览": "Corpus overview",
    "报告 %(reports)s 篇 · 目标 %(targets)s · 实绩 %(actuals)s · 承诺 %(pledges)s · 项目 %(projects)s · 术语 %(glossary)s · 兑现判定 %(verdicts)s":
        "Reports %(reports)s · targets %(targets)s · actuals %(actuals)s · pledges %(pledges)s · projects %(projects)s · "
        "glossary terms %(glossary)s · verdicts %(verdicts)s",
    "第 %(page)s 页没有地区（共 %(pages)s 页）。": "Page %(page)s has no regions (there are %(pages)s pages).",
    "回到第一页": "Back to the first page",
    "数据库里还没有报告。用": "No report is stored yet. Store a folder of them with", "文件夹": "FOLDER", "导入": "",
    "，或": " or", "一份": " one", "。": ".", "：": ": ", " 年": " ",
    "共 %(n)s 个地区": "Regions: %(n)s",
    "，按名称排序，每页 %(per)s 个：第 %(page)s/%(pages)s 页": ", by name, %(per)s a page: page %(page)s of %(pages)s",
    "表格较宽：在表格上左右滑动，查看全部 %(n)s 个年份 →": "A wide table: scroll it sideways to see every year (%(n)s) →",
    "地区 × 年份，可左右滚动": "Regions × years, scrolls sideways", "地区": "Region", "文件": "Document",
    "成绩单": "Scorecard", "地区翻页": "Region pages",
    "“报告”是政府工作报告，“新闻”是报道它的新闻稿，“计划”是计划执行报告。单元格中的“成绩单”：该年的计划已有次年报告可以核验（✓ 已评定）。":
        "“Report” is a government work report, “News” a news piece on one, “Plan” a plan-execution report. “Scorecard” in "
        "a cell: that year's plan has the next year's report to check it against (✓ rated).",
    # reports.html
    "年份": "Year", "层级": "Level", "全部": "All", "筛选": "Filter", "回顾": "Reviews", "类型": "Type",
    "目标/实绩/承诺/项目": "Targets/actuals/pledges/projects", "报告翻页": "Report pages",
    "共 %(n)s 份": "Documents: %(n)s", "，第 %(a)s–%(b)s 份（第 %(page)s/%(pages)s 页）": ", %(a)s–%(b)s (page %(page)s of %(pages)s)",
    # search.html
    "如：安置房 或 公路 通车": "e.g. 安置房 or 公路 通车",
    "空格分开的词须在同一段落中同时出现": "Words separated by spaces must all occur in one paragraph",
    "；用 OR 连接表示任一即可（安置房 OR 棚改）；加英文双引号表示整个短语":
        "; OR between two words means either will do (安置房 OR 棚改); double quotes make a phrase one term",
    "筛选：": "Filters:", "去掉这个条件": "Remove this filter",
    "找到 %(n)s 个段落": "Paragraphs found: %(n)s", "找到 超过 %(n)s 个段落": "Paragraphs found: more than %(n)s",
    "，按相关度排列的是其中最先找到的 %(n)s 个": ", of which the first %(n)s found are ranked",
    " · 第 %(page)s/%(pages)s 页": " · page %(page)s of %(pages)s",
    "没有找到“%(q)s”": "Nothing found for “%(q)s”", "（在所选条件下）": " (under the filters chosen)",
    "按条件筛选": "Narrow down",
    "以上计数只统计最先找到的 %(n)s 个段落（共 %(total)s 个）。": "These counts cover the first %(n)s paragraphs found (of %(total)s).",
    "超过 %(n)s": "more than %(n)s",
    # upload.html
    "上传报告": "Upload a report", "已导入：": "Stored: ", "（相同内容此前已导入）": " (the same content was stored before)",
    "错误代码": "Error code", "上传并导入": "Upload and store",
    "接受 %(types)s，不超过 %(mb)s MB。": "Accepts %(types)s, up to %(mb)s MB.",
    # error.html
    "出错了": "Something went wrong", "：按地区和年份浏览全部报告": ": every report by region and year",
    "报告列表": "Report list", "：按地区、年份、层级筛选": ": filter by region, year and level", "搜索原文": "Search the text",
    "搜索报告原文，如：安置房": "Search the reports, e.g. 安置房",
    # the error titles and advice (_zh.html ERROR), by code
    "没有这个页面": "No such page", "地址可能输错了，或者页面已经移动。": "The address may be mistyped, or the page has moved.",
    "没有找到": "Not found",
    "链接里的编号或名称不在这个数据库里：可能是链接有误，也可能已经删除。":
        "The number or name in the link is not in this database: the link may be wrong, or it was deleted.",
    "链接里的报告或地区不在这个数据库里：可能是链接有误，也可能是报告还没有导入。可以在报告列表里按地区、年份查找，或者搜索原文。":
        "The report or region in the link is not in this database: the link may be wrong, or the report is not stored "
        "yet. Look for it in the report list by region and year, or search the text.",
    "这一年还没有成绩单": "No scorecard for this year yet",
    "成绩单要把某年的计划和次年的政府工作报告（用来核验）放在一起比对，两份报告都导入以后才能生成。":
        "A scorecard sets a year's plan against the next year's work report, which reviews it; it can be made once "
        "both reports are stored.",
    "没有找到这条记录": "No such record",
    "链接可能不完整，或者这份报告重新导入后这条记录已经不在了。可以打开报告原文查找。":
        "The link may be incomplete, or the record is gone after the report was stored again. Open the report to look "
        "for it.",
    "没有这一项的兑现判定": "No verdict on this item",
    "链接里的编号应当是某地区某一年计划中的一项目标或承诺；只有这一年的计划和次年的报告都已导入，才能评定。可以打开这个地区的页面查看成绩单。":
        "The number in the link should be a target or pledge of a region's plan for a year; it can be rated only once "
        "that plan and the next year's report are both stored. Open the region's page to see its scorecards.",
    "参数有误": "Bad parameter",
    "请检查输入的年份等条件：年份写成四位数字，例如 2023，也可以留空。":
        "Check the year and other conditions: a year is four digits, e.g. 2023, or left empty.",
    "链接中的数字或条件不在允许的范围内。": "A number or condition in the link is out of range.",
    "不支持这种访问方式": "Not supported this way", "请从页面上的链接或表单进入。": "Use the links and forms on the pages.",
    "表单已过期": "The form has expired", "请刷新上传页面后重新提交。": "Reload the upload page and submit again.",
    "拒绝了来自其他网站的提交": "A submission from another site was refused", "请直接在本站页面上操作。": "Use this site's own pages.",
    "不接受这个访问地址": "This address is not served", "请使用服务器管理员提供的地址访问。": "Use the address the server's administrator gave you.",
    "文件太大": "File too large", "请拆分文件，或者用命令行导入。": "Split the file, or store it with the command line.",
    "上传太频繁": "Too many uploads", "请稍等一分钟再上传。": "Wait a minute before uploading again.",
    "不支持这种文件格式": "Unsupported file format",
    "请上传 .txt、.md、.html、.docx、.pdf 或 .csv 文件。": "Upload a .txt, .md, .html, .docx, .pdf or .csv file.",
    "无法读取这个文件": "This file cannot be read",
    "它不是文本、网页、Word、PDF 或 CSV 文件，请转换后再上传。":
        "It is not a text, web page, Word, PDF or CSV file: convert it and upload it again.",
    "文件里没有文字": "The file holds no text", "请重新导出或下载后再上传。": "Export or download it again, then upload it.",
    # the reader's fragment (web/_reader.html) and where a report came from (_source.html)
    "%(y)s 年": "%(y)s", "（回顾 %(y)s 年）": " (reviews %(y)s)", "%(n)s 字": "%(n)s characters",
    "按内容指纹的永久链接，可在引用时使用": "A permanent link by the content's fingerprint, to cite",
    "永久链接": "Permalink", "高亮": "Highlights", "目录": "Contents", "（未识别出章节）": "(no sections recognised)",
    "关闭": "Close", "（": " (", "）": ")", "来源": "Source", "（%(d)s 发布）": " (published %(d)s)",
    # the 成绩单 (_scorecard.html, web/track.html) and a verdict's permalink (web/_verdict.html)
    "各状态数量": "Items by status",
    "共评定 %(n)s 项（目标 %(t)s 项，承诺 %(p)s 项），其中 %(e)s 项找到证据；规则：":
        "%(n)s items rated (%(t)s targets, %(p)s pledges), %(e)s of them with evidence; rules: ",
    "“左右”增速目标允许±%(tol)s个百分点，“左右”总量目标允许%(lo)s%%—%(hi)s%%；以上/力争/确保为下限，以内/以下/控制在为上限；"
    "数量承诺达到%(exc)s%%及以上为超额兑现，%(kept)s%%—%(exc)s%%为已兑现，人数、金额、面积不足%(short)s%%为未兑现，其余不足为部分兑现":
        "a growth target of “about” a rate allows ±%(tol)s percentage points, a level target of “about” an amount "
        "%(lo)s%%–%(hi)s%%; “at least” words make a target a floor and “within” words a ceiling; an amount pledged "
        "is exceeded at %(exc)s%% or more, kept at %(kept)s%%–%(exc)s%%, not kept below %(short)s%% for people, "
        "money or land, and otherwise partly kept",
    "注意：": "Note: ", "状态": "Status", "类别": "Category", "计划（%(y)s）": "Plan (%(y)s)",
    "证据（%(y)s）": "Evidence (%(y)s)", "理由": "Reason", "序号": "No.", "这一项的永久链接": "This item's permalink",
    "计划": "Plan", "证据": "Evidence", "（间接：次年计划再次提出）": "(indirect: pledged again in the next year's plan) ",
    "置信度": "confidence", "计划：": "Plan: ", "核验：": "Checked against: ", "兑现判定": "Verdict",
    "报告在评定后重新导入过，这一判定有待重新评定。":
        "The report was stored again after it was rated: this verdict waits to be rated again.",
    "证据（%(y)s 年报告）：": "Evidence (the %(y)s report):",
    "核验报告中没有找到相关表述。": "The review report says nothing found about it.",
    "这一判定的永久链接": "This verdict's permalink", "在成绩单中查看": "See it in the scorecard",
    "在下面的计划原文中查看这一项 ↓": "See this item in the plan's text below ↓",
    # region.html
    "区划代码": "Division code", "%(n)s 篇报告": "%(n)s reports", "主要指标": "Headline metrics",
    "%(y)s 年增速": "%(y)s growth", "%(y)s 年目标": "%(y)s target",
    "高于目标 %(n)s 个百分点": "%(n)s points above target", "低于目标 %(n)s 个百分点": "%(n)s points below target",
    "与目标持平": "on target", "承诺兑现": "Pledges kept", "/%(n)s 项": "/%(n)s items",
    "%(y)s 年计划 · 已兑现或超额 %(share)s%%": "%(y)s plan · kept or exceeded %(share)s%%",
    "主要指标：目标与实绩": "Headline metrics: targets and actuals",
    "这个地区的报告里没有识别出主要指标。": "No headline metric was recognised in this region's reports.",
    "%(m)s 目标与实绩": "%(m)s: targets and actuals", "差距": "Gap", "个百分点": " points",
    "承诺统计": "Pledges", "计划年份": "Plan year", "承诺数": "Pledges", "兑现情况": "Verdicts",
    "没有这个地区本级的报告。": "No report of this region's own.", "下辖地区（%(n)s）": "Places inside (%(n)s)",
    "、": ", ",
    # the click panel (static/reader.js) and the chart legend (static/region.js): SCRIPT below
    "记录": "Record", "指标": "Metric", "原文说法": "As written", "目标值": "Target value",
    "数值": "Value", "增长": "Growth", "下降 %(n)s": "down %(n)s", "排位": "Rank", "数量": "Quantity",
    "期限": "Deadline", "项目名称": "Project name", "投资": "Investment", "进度": "Progress", "释义": "Definition",
    "章节": "Section", "位置": "Position", "原文位置": "Position in the file",
    "正文第 %(a)s–%(b)s 字": "characters %(a)s–%(b)s of the clean text",
    "原始文件第 %(a)s–%(b)s 字": "characters %(a)s–%(b)s of the original file",
    "可引用的链接：打开原文并高亮这条记录": "A link to cite: opens the text with this record highlighted",
    "增速目标": "Growth target", "总量目标": "Level target", "比率目标": "Rate target", "上限": "Ceiling",
    "其他": "Other",
    # record kinds and verdict statuses (templating.KIND_ZH, track.model.ZH), named through _zh.html
    "目标": "Target", "实绩": "Actual", "承诺": "Pledge", "项目": "Project", "术语": "Term",
    "已兑现": "Kept", "超额兑现": "Exceeded", "部分兑现": "Partly kept", "推进中": "In progress",
    "未兑现": "Not kept", "未见下文": "Not mentioned", "无法核验": "Unverifiable", "口径变化": "Redefined",
    # values stored in English, named in Chinese by _zh.html (levels, document types)
    "全国": "National", "省级": "Province", "地市级": "City", "区": "District", "县": "County",
    "政府工作报告": "Work report", "新闻报道": "News", "计划执行报告": "Plan execution report", "其他文件": "Other document",
}


# The phrases the page scripts write (static/reader.js, static/region.js): a page puts their English in a
# JSON block (#labels) on an English page, and the script looks each one up there.
SCRIPT = ("目标", "实绩", "承诺", "项目", "术语", "记录", "增速目标", "总量目标", "比率目标", "上限", "其他", "指标",
          "原文说法", "类型", "目标值", "%(y)s 年", "年份", "数值", "增长", "下降 %(n)s", "排位", "类别", "数量", "期限",
          "项目名称", "投资", "进度", "释义", "章节", "位置", "原文位置", "正文第 %(a)s–%(b)s 字",
          "原始文件第 %(a)s–%(b)s 字", "永久链接", "可引用的链接：打开原文并高亮这条记录")


def script_labels() -> dict[str, str]:
    """The page scripts' phrases in the page's language: nothing on a Chinese page (they are written in it)."""
    return {s: EN[s] for s in SCRIPT} if _current.get() == "en" else {}


def say(message: str, **values: Any) -> str:
    """``message`` (Chinese) in the language of the page being rendered, with ``values`` put in."""
    text = EN.get(message, message) if _current.get() == "en" else message
    return text % values if values else text


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Render in ``lang`` within the block (a ContextVar: concurrent requests do not see each other's)."""
    token = _current.set(lang if lang in LANGS else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def chosen(query: Mapping[str, str], cookies: Mapping[str, str]) -> tuple[str, bool]:
    """(language, given): ``?lang=`` when it names one (given: the cookie is to be set), else the cookie, else
    Chinese. Anything else in either is ignored, never echoed."""
    asked = query.get("lang")
    if asked in LANGS:
        return asked, True
    kept = cookies.get(COOKIE)
    return (kept if kept in LANGS else DEFAULT), False


def switch_url(path: str, query: Mapping[str, str], lang: str) -> str:
    """This page's address (path and query only: never the Host a request claims) in ``lang``."""
    params = [(k, v) for k, v in query.items() if k != "lang"] + [("lang", lang)]
    return f"{path}?{urlencode(params)}"


def current() -> str:
    """The language of the page being rendered."""
    return _current.get()


def install(env: Environment) -> None:
    if "_" in env.globals:
        return
    env.globals.update({"_": say, "page_lang": current, "script_labels": script_labels})
    # A template loaded before (the standalone 成绩单 renders _zh.html in the same process) keeps the module
    # Jinja made of it then, a copy of the globals without _: load them again, once.
    if env.cache is not None:
        env.cache.clear()
