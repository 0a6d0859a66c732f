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
    "注意：": "Note: ",
    # a pair's warnings, by code (track/pair.py; _scorecard.html words them from the card's metadata)
    "计划和核验报告都没有写明地区，无法确认两者是同一地方":
        "neither the plan nor the review names its region: could not check that both are the same place",
    "计划没有写明地区，无法确认它和核验报告是同一地方":
        "the plan does not name its region: could not check that it is the review's place",
    "核验报告没有写明地区，无法确认它和计划是同一地方":
        "the review does not name its region: could not check that it is the plan's place",
    "计划年份和核验报告回顾的年份都不明，无法确认核验报告回顾的是计划那一年":
        "neither the plan's year nor the year the review looks back on is known: could not check that the "
        "review covers the plan's year",
    "计划年份不明，无法确认核验报告回顾的是计划那一年":
        "the plan's year is unknown: could not check that the review covers it",
    "核验报告回顾的年份不明，无法确认它回顾的是计划那一年":
        "the year the review looks back on is unknown: could not check that it is the plan's year",
    "核验报告被识别为%(kind)s，不是政府工作报告，其回顾部分可能不完整":
        "the review was read as another kind of document (%(kind)s), not a work report: its review part may be partial",
    "计划（%(pr)s，%(py)s 年）和核验报告（%(rr)s，回顾 %(ry)s 年）不是同一地区、同一年份的一对报告，仍按要求评定":
        "the plan (%(pr)s, %(py)s) and the review (%(rr)s, looking back on %(ry)s) are not one place's plan "
        "and review of one year; rated anyway, as asked", "状态": "Status", "类别": "Category", "计划（%(y)s）": "Plan (%(y)s)",
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
    # ---- the 督查 workspace (ws_*.html): the tasks, quotes, units, notes and names people typed stay as written
    "督查工作台": "Supervision workspace", "工作台": "Workspaces", "报告库": "Report library", "退出": "Sign out",
    "登录": "Sign in", "每项任务都能追溯到报告原文": "every task traces back to the report's text",
    "督查室": "supervision office", "责任单位": "responsible unit", "只读": "read only",
    # the schedule's lights (supervise.model.STATUSES: values the store keeps, named in the page's language)
    "未开始": "Not started", "红灯": "Red", "黄灯": "Yellow", "绿灯": "Green", "超进度": "Ahead", "已完成": "Done",
    # ws_home.html
    "以下是督查室公开的工作台。": "These are the workspaces the supervision office made public. ",
    "后可查看本单位任务、报送进度。": " to see your unit's tasks and report progress.",
    "编号": "No.", "年度": "Year", "任务数": "Tasks", "公开": "Public", "创建": "Created", "是": "yes", "否": "no",
    "还没有分配给本单位的工作台。": "No workspace has tasks for your unit yet.", "还没有工作台。": "No workspace yet.",
    "从已入库的报告新建工作台": "A new workspace from a stored report", "如：周口市": "e.g. a city's name",
    "共 %(n)s 份可用报告": "Reports to choose from: %(n)s", "选择": "Choose", "标题": "Title",
    "未知地区": "unknown region", "未标明": "not stated", "名称（可不填）": "Name (optional)",
    "如：2024年政府工作报告重点任务分解": "e.g. the 2024 work report's tasks",
    "分解任务并新建": "Split into tasks and create",
    "没有符合条件的政府工作报告或计划执行报告": "No work report or plan-execution report matches",
    "，请放宽筛选条件": ": widen the filters", "：先用": ": store some first with", " 导入报告": "",
    # ws_login.html, ws_error.html
    "登录督查工作台": "Sign in to the supervision workspace", "——": " — ", "用户名": "User name", "密码": "Password",
    "账号由督查室管理员用": "Accounts are made by the office's administrator with", " 创建。": ".",
    "无法完成": "Cannot be done", "无法完成此操作": "This cannot be done", "回到工作台": "Back to the workspaces",
    # ws_table.html
    "任务表": "Task table", "通报": "Notices", "年终核对": "Year-end check", "操作日志": "Audit log",
    "进度计算截至 %(day)s（计划期自 %(start)s 起；落后进度 10 个百分点以上为黄灯，30 个以上为红灯）":
        "Progress as of %(day)s (the plan period starts %(start)s; 10 percentage points behind schedule or more is "
        "yellow, 30 or more red)",
    "只显示": "showing only the tasks", "牵头或配合的任务": "leads or supports",
    "截至日期": "As of", "重新计算": "Recompute", "下载任务分解表（Excel）": "Download the task table (Excel)",
    "当前已公开（无需登录即可查看任务表和通报）": "Public now (the task table and notices can be read without signing in)",
    "当前未公开": "Not public", "取消公开": "Make private", "设为公开": "Make public",
    "任务": "Task", "牵头单位": "Lead units", "配合单位": "Supporting units", "完成时限": "Deadline",
    "（按职能建议）": "(suggested by remit)", "（未写明，按年底）": "(none written: the year's end)",
    "人工认定": "set by the office", "没有任务。": "No tasks.",
    # ws_task.html
    "任务 %(n)s": "Task %(n)s", "已保存。": "Saved.", "已保存进度。": "Progress saved.",
    "已保存责任单位。": "Units saved.", "已保存状态认定。": "Status saved.", "已保存任务修改。": "Task saved.",
    "原文位置 %(a)s–%(b)s": "characters %(a)s–%(b)s of the report", "查看报告": "Open the report",
    "（原文：": " (as written: ", "当前进度": "Progress",
    "人工认定（按进度计算为 %(s)s）：": "set by the office (the schedule says %(s)s): ",
    "单位建议状态：": "The unit proposes: ", "进度记录": "Progress reports", "日期": "Date",
    "进展情况": "What was done", "建议状态": "Proposed status", "报送": "Reported by", "佐证材料": "Evidence",
    "尚无进度记录。": "No progress reported yet.", "报送本月进度": "Report this month's progress",
    "完成进度（%）": "Done (%)", "（不建议）": "(none)",
    "佐证材料（PDF、JPG、PNG、Word、Excel、TXT，每个不超过 10 MB）":
        "Evidence (PDF, JPG, PNG, Word, Excel, TXT; 10 MB each at most)",
    "分配责任单位": "Assign units", "牵头单位（多个用顿号分隔）": "Lead units (several separated by 、 or commas)",
    "保存": "Save", "人工认定状态": "Set the status", "（取消认定，按进度计算）": "(clear it: the schedule decides)",
    "理由（必填）": "Reason (required)", "认定": "Set", "修改任务": "Edit the task", "任务内容": "Task",
    "保存修改": "Save the changes",
    # ws_notices.html
    "督查通报": "Supervision notices", "发布月度通报": "Publish the month's notice", "月份": "Month",
    "生成并发布通报": "Make and publish the notice",
    "按月末（本月按今天）的进度和认定状态生成 Word 与网页两种格式。":
        "Made from the progress and statuses at the month's end (today, for this month), as Word and as a web page; "
        "the notice itself is written in Chinese.",
    "截至": "As of", "各状态任务数": "Tasks by status", "发布": "Published", "下载": "Download", "网页": "Web page",
    "尚未发布通报。": "No notice published yet.",
    # ws_yearend.html (the tracker's reasons and the report's quotes stay as written)
    "次年的政府工作报告尚未入库：入库后即可进行年终核对。":
        "The next year's work report is not stored yet: the year-end check can be made once it is.",
    "对照": "Set against the review part of", "%(y)s 年政府工作报告": "%(y)s work report",
    "的回顾部分：每项任务的兑现判定和原文证据，与督查台账 12 月 31 日的状态并列。":
        ": each task's verdict and the report's evidence, beside its status in the office's ledger on 31 December.",
    "未对应到计划条目": "no plan item matched", "不一致（%(n)s 项）": "Disagreements (%(n)s)",
    "督查台账与次年报告没有不一致。": "The ledger and the next year's report agree.", "逐项对照": "Task by task",
    "督查台账": "Office's ledger", "次年报告证据": "Evidence in the next year's report",
    "（次年计划再次提出）": "(pledged again in the next year's plan)",
    "督查台账已完成，次年报告回顾未提及": "done in the ledger, not mentioned by the next year's review",
    "督查台账已完成，次年报告显示未兑现": "done in the ledger, not kept according to the next year's report",
    "次年报告显示已兑现，督查台账仍为红灯或未开始": "kept according to the next year's report, still red or not started in the ledger",
    # ws_audit.html, with the log's actions, fields and objects (service.ACTION_ZH, FIELD_ZH, OBJECT_ZH)
    "全部日志": "Whole log", "（全部，含登录记录）": " (all of it, sign-ins included)",
    "每一次修改：谁、何时、哪个对象、哪个字段、原值 → 新值（最新的在前，最多显示 1000 条）。":
        "Every change: who, when, which object, which field, old value → new value (newest first, 1,000 at most). ",
    "登录、退出和账号变动见": "Sign-ins, sign-outs and account changes are in the ", "时间（UTC）": "Time (UTC)",
    "操作人": "By", "操作": "Action", "对象": "Object", "字段": "Field", "原值": "Old value", "新值": "New value",
    "地址": "Address", "（未登录）": "(not signed in)",
    "登录失败": "Failed sign-in", "新建账号": "New account", "修改密码": "New password",
    "启用/停用账号": "Account enabled/disabled", "新建工作台": "New workspace", "公开设置": "Public or not",
    "报送进度": "Progress reported", "上传佐证材料": "Evidence uploaded",
    "发布通报": "Notice published", "认定状态": "Status set", "认定理由": "Reason for the status",
    "原因": "Reason", "角色": "Role", "启用": "Enabled", "账号": "Account",
    # the workspace's refusals: every hint, and the messages without values (a message with values in it stays
    # as written, marked as Chinese)
    "检查链接中的编号；它可能已被删除": "Check the number in the link; it may have been deleted",
    "换一个用户名；改密码用 duixian users passwd，停用用 duixian users disable":
        "Choose another user name; change a password with duixian users passwd, disable an account with duixian "
        "users disable",
    "按表单说明填写后重新提交": "Fill in the form as it says and submit it again",
    "检查用户名和密码；忘记密码请联系督查室管理员":
        "Check the user name and password; a forgotten password is reset by the office's administrator",
    "请一分钟后再试": "Try again in a minute", "密码至少 8 个字符": "A password has 8 characters at least",
    "请先登录": "Sign in first", "此操作超出您账号的权限；如有疑问请联系督查室":
        "Your account may not do this; ask the supervision office if in doubt",
    "请刷新页面后重新提交": "Reload the page and submit again",
    "上传 PDF、图片（JPG/PNG）、Word、Excel 或纯文本文件": "Upload a PDF, an image (JPG/PNG), Word, Excel or plain text file",
    "用 duixian users list 查看已有账号（注意用户名的写法）":
        "List the accounts with duixian users list (mind how the name is written)",
    "此操作需要登录": "Signing in is needed for this", "只有督查室账号可以进行此操作": "Only the supervision office may do this",
    "此工作台未公开，请先登录": "This workspace is not public: sign in first",
    "这项任务不属于您的单位": "This task is not your unit's",
    "只有承担这项任务的单位（或督查室）可以报送进度": "Only the units of this task (or the office) may report its progress",
    "这份佐证材料不属于您的单位": "This evidence is not your unit's", "登录失败次数过多": "Too many failed sign-ins",
    "用户名或密码不正确": "Wrong user name or password", "表单缺少有效的令牌": "The form's token is missing or wrong",
    "登录表单已过期": "The sign-in form has expired", "进度日期不能晚于今天": "A progress report cannot be dated after today",
    "缺少日期": "The date is missing", "人工认定状态必须写明理由": "Setting a status needs a reason",
    "任务内容不能为空": "A task cannot be empty", "每项任务至少要有一个牵头单位": "Every task needs a lead unit",
    "佐证材料路径无效": "The evidence's path is not valid",
    "用户名不能为空，且不超过 64 个字符": "A user name is 1 to 64 characters long",
    "单位用户必须指定所属单位（--unit）": "A unit's account needs its unit (--unit)",
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
