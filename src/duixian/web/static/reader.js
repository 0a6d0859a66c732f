// The reader: kind toggles, a click panel listing every record under the clicked characters, #pos-N jumps.
// Report text only ever reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  var records = JSON.parse(document.getElementById("records").textContent);
  var KIND = { targets: "目标", actuals: "实绩", pledges: "承诺", projects: "项目", glossary: "术语" };
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

  function show(run) {
    document.querySelectorAll(".h.sel").forEach(function (x) { x.classList.remove("sel"); });
    run.classList.add("sel");
    body.replaceChildren();
    run.dataset.r.split(" ").forEach(function (rid) {
      var r = records[rid];
      if (!r || document.body.classList.contains("off-" + r._kind)) return;
      var box = el("div", null, "rec");
      box.dataset.kind = r._kind;
      box.appendChild(el("strong", KIND[r._kind] || r._kind));
      box.appendChild(el("p", r.quote, "quote"));
      var dl = el("dl");
      Object.keys(r).forEach(function (k) {
        if (["_kind", "quote", "record_id"].indexOf(k) >= 0 || r[k] === null || r[k] === "") return;
        var v = r[k];
        if (typeof v === "object") v = JSON.stringify(v);
        dl.appendChild(el("dt", k));
        dl.appendChild(el("dd", v));
      });
      box.appendChild(dl);
      body.appendChild(box);
    });
    panel.hidden = body.children.length === 0;
  }

  document.getElementById("text").addEventListener("click", function (ev) {
    var run = ev.target.closest(".h");
    if (run) show(run);
  });
  panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });

  var m = /^#pos-(\d+)$/.exec(location.hash);
  if (m) {
    var want = Number(m[1]), best = null;
    document.querySelectorAll("#text [data-s]").forEach(function (s) { if (Number(s.dataset.s) <= want) best = s; });
    if (best) { best.scrollIntoView({ block: "center" }); best.classList.add("flash"); }
  }
})();
