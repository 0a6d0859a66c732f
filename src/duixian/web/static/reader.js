// The reader: kind toggles, a click panel listing every record under the clicked characters, #pos-N jumps,
// and permalinks (/records/ID, /verdicts/ID, #rec-ID) that open the reader at their record, highlighted.
// Report text only ever reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records").textContent);
  // the page's language: the server puts the English of these labels in #labels on an English page
  var labels = document.getElementById("labels");
  var L = labels ? JSON.parse(labels.textContent) : {};
  function t(s, values) {
    var out = L[s] || s;
    Object.keys(values || {}).forEach(function (k) { out = out.split("%(" + k + ")s").join(String(values[k])); });
    return out;
  }
  var KIND = { targets: "目标", actuals: "实绩", pledges: "承诺", projects: "项目", glossary: "术语" };
  var TARGET_KIND = { growth: "增速目标", level: "总量目标", rate: "比率目标", cap: "上限", other: "其他" };
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");

  document.querySelectorAll(".toggles input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("off-" + box.dataset.kind, !box.checked);
    });
  });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function given(v) {
    return v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
  }

  // numbers as the report prints them: 6 not 6.0, no exponent
  function num(v) { return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4))); }
  function amount(v, unit) { return given(v) ? num(v) + (unit || "") : null; }

  // [label, value] rows for a record, in the order a reader asks: what, how much, when, where
  function rows(r) {
    var out = [];
    function add(label, v) { if (given(v)) out.push([t(label), v]); }
    if (r._kind === "targets") {
      add("指标", r.metric);
      if (r.metric_raw !== r.metric) add("原文说法", r.metric_raw);
      add("类型", TARGET_KIND[r.kind] ? t(TARGET_KIND[r.kind]) : r.kind);
      var goal = given(r.value) ? amount(r.value, r.unit)
        : (given(r.low) && given(r.high) ? num(r.low) + "–" + num(r.high) + (r.unit || "")
          : amount(given(r.low) ? r.low : r.high, r.unit));
      add("目标值", goal && goal + (r.qualifier || ""));
      add("年份", r.year && t("%(y)s 年", { y: r.year }));
    } else if (r._kind === "actuals") {
      add("指标", r.metric);
      if (r.metric_raw !== r.metric) add("原文说法", r.metric_raw);
      add("年份", r.year && t("%(y)s 年", { y: r.year }));
      add("数值", amount(r.value, r.unit));
      if (given(r.growth_pct)) add("增长", (r.growth_pct < 0 ? t("下降 %(n)s", { n: num(-r.growth_pct) }) : num(r.growth_pct)) + "%");
      add("排位", r.rank);
    } else if (r._kind === "pledges") {
      add("类别", r.category);
      add("数量", (r.quantities || []).map(function (q) {
        return (given(q.value) ? num(q.value) : "") + (q.unit || "") + (q.object ? " " + q.object : "");
      }).filter(given).join("；"));
      add("期限", r.deadline_raw || r.deadline);
    } else if (r._kind === "projects") {
      add("项目名称", r.name);
      add("投资", amount(r.investment, r.unit));
      add("进度", r.status);
    } else if (r._kind === "glossary") {
      add("术语", r.term);
      add("释义", r.definition);
    }
    add("章节", r.section_title);
    add("位置", t("正文第 %(a)s–%(b)s 字", { a: r.span[0], b: r.span[1] }));
    add("原文位置", t("原始文件第 %(a)s–%(b)s 字", { a: r.raw_span[0], b: r.raw_span[1] }));
    return out;
  }

  function card(r, focused) {
    var box = el("div", null, "rec" + (focused ? " focused" : ""));
    box.dataset.kind = r._kind;
    box.appendChild(el("strong", t(KIND[r._kind] || "记录")));
    box.appendChild(el("p", r.quote, "quote"));
    var dl = el("dl");
    rows(r).forEach(function (row) {
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1]));
    });
    box.appendChild(dl);
    var link = el("a", t("永久链接"), "permalink");
    link.href = "/records/" + encodeURIComponent(r.record_id);
    link.title = t("可引用的链接：打开原文并高亮这条记录");
    box.appendChild(link);
    // on a record's permalink, its verdict (the page names it in the page's language)
    var ds = document.body.dataset;
    if (focused && ds.focusVerdict) {
      var verdict = el("a", ds.focusVerdictLabel, "verdict-link s-" + ds.focusVerdictStatus);
      verdict.href = ds.focusVerdict;
      box.appendChild(el("br"));
      box.appendChild(verdict);
    }
    return box;
  }

  function show(run, focus) {
    document.querySelectorAll(".h.sel").forEach(function (x) { x.classList.remove("sel"); });
    run.classList.add("sel");
    body.replaceChildren();
    var rids = run.dataset.r.split(" ");
    if (focus && rids.indexOf(focus) > 0) rids = [focus].concat(rids.filter(function (x) { return x !== focus; }));
    rids.forEach(function (rid) {
      var r = records[rid];
      if (!r || document.body.classList.contains("off-" + r._kind)) return;
      body.appendChild(card(r, rid === focus));
    });
    panel.hidden = body.children.length === 0;
  }

  document.getElementById("text").addEventListener("click", function (ev) {
    var run = ev.target.closest(".h");
    if (run) show(run);
  });
  panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });

  function runsFrom(start, end) {
    var out = [];
    document.querySelectorAll("#text [data-s]").forEach(function (s) {
      var a = Number(s.dataset.s);
      if (a >= start && a < end) out.push(s);
    });
    return out;
  }

  // a permalink: the record's id (on the page's body, or #rec-ID), highlighted with the panel open
  function focusRecord(id, start, end, scroll) {
    var pageRid = null;
    Object.keys(records).forEach(function (k) { if (records[k].record_id === id && pageRid === null) pageRid = k; });
    if (pageRid !== null) { start = records[pageRid].span[0]; end = records[pageRid].span[1]; }
    if (!(end > start)) return false;
    var hit = runsFrom(start, end);
    if (!hit.length) return false;
    hit.forEach(function (s) { s.classList.add("focus"); });
    var clickable = hit.filter(function (s) { return s.classList.contains("h") && (!pageRid || s.dataset.r.split(" ").indexOf(pageRid) >= 0); });
    if (clickable.length) show(clickable[0], pageRid);
    // after the panel opened: it takes a column, so the text reflows before we scroll to it
    if (scroll) hit[0].scrollIntoView({ block: "center" });
    return true;
  }

  var ds = document.body.dataset;
  var hash = /^#rec-([a-z0-9]+)$/.exec(location.hash);
  var m = /^#pos-(\d+)$/.exec(location.hash);
  // a verdict's page keeps its rating in view on arrival; its "view in the text" link jumps (#rec-ID)
  var verdict = document.querySelector("section.verdict");
  window.addEventListener("hashchange", function () {
    var h = /^#rec-([a-z0-9]+)$/.exec(location.hash);
    if (h) focusRecord(h[1], NaN, NaN, true);
  });
  if (ds.focus) {
    focusRecord(ds.focus, Number(ds.focusStart), Number(ds.focusEnd), !verdict);
  } else if (hash) {
    focusRecord(hash[1], NaN, NaN, true);
  } else if (m) {
    var want = Number(m[1]), best = null;
    document.querySelectorAll("#text [data-s]").forEach(function (s) { if (Number(s.dataset.s) <= want) best = s; });
    if (best) { best.scrollIntoView({ block: "center" }); best.classList.add("flash"); }
  }
})();
