// Region charts: each headline metric's target and actual per year, drawn by the plotly.js that ships
// inside the plotly Python package (served from /static/vendor, no CDN).
(function () {
  "use strict";
  var metrics = JSON.parse(document.getElementById("metrics").textContent);
  var labels = document.getElementById("labels");  // the English of the trace names on an English page
  var L = labels ? JSON.parse(labels.textContent) : {};
  document.querySelectorAll("[data-chart]").forEach(function (div) {
    var m = metrics[Number(div.dataset.chart)];
    var years = m.rows.map(function (r) { return String(r.year); });
    function series(key) { return m.rows.map(function (r) { return r[key] ? r[key].value : null; }); }
    var unit = (m.rows.find(function (r) { return r.actual || r.target; }) || {});
    unit = (unit.actual || unit.target || {}).unit || "";
    var traces = [
      { type: "bar", name: L["目标"] || "目标", x: years, y: series("target"), marker: { color: "#93c5fd" } },
      { type: "bar", name: L["实绩"] || "实绩", x: years, y: series("actual"), marker: { color: "#16a34a" } }
    ];
    Plotly.newPlot(div, traces, {
      barmode: "group", margin: { l: 40, r: 10, t: 10, b: 30 }, legend: { orientation: "h" },
      xaxis: { type: "category" }, yaxis: { title: { text: unit } }
    }, { displayModeBar: false, responsive: true });
  });
})();
