// Composite indices (analytics/indices): the rank-band chart of a run or publication — each unit's 5–95 % band of
// Monte Carlo ranks as a bar, its median and nominal rank as points — drawn with ECharts from the page's JSON block
// (the table beside it holds the same numbers, and is the page without JavaScript); and a status line while a run's
// form is being computed.
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy]").forEach((form) => {
    form.addEventListener("submit", () => {
      const status = document.getElementById(form.dataset.busy);
      if (status) {
        status.hidden = false;
      }
      form.querySelectorAll("button[type=submit]").forEach((b) => b.setAttribute("aria-disabled", "true"));
    });
  });

  const block = document.getElementById("rank-bands-data");
  const box = document.getElementById("rank-bands");
  if (!block || !box || !window.echarts) {
    return;
  }
  const data = JSON.parse(block.textContent);
  if (data.units.length === 0) {
    return;
  }
  box.hidden = false;
  const chart = window.echarts.init(box, null, { renderer: "canvas", locale: data.locale });
  window.addEventListener("resize", () => chart.resize());
  const names = data.units.map((u) => u.name);
  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  chart.setOption({
    grid: { left: 110, right: 24, top: 32, bottom: 32 },
    legend: { data: [data.bandLabel, data.medianLabel, data.rankLabel], top: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params) => {
        const u = data.units[params[0].dataIndex];
        return "<strong>" + escape(u.name) + "</strong><br>" + escape(data.rankLabel) + "：" + u.rank + "<br>" +
          escape(data.medianLabel) + "：" + u.median + "<br>" + escape(data.bandLabel) + "：" + u.p5 + "–" + u.p95;
      },
    },
    xAxis: { type: "value", name: data.rankLabel, inverse: false, min: 1, minInterval: 1 },
    yAxis: { type: "category", data: names, inverse: true },
    series: [
      { name: "base", type: "bar", stack: "band", itemStyle: { color: "transparent" }, data: data.units.map((u) => u.p5), tooltip: { show: false }, silent: true },
      { name: data.bandLabel, type: "bar", stack: "band", itemStyle: { color: "#9ec5e8" }, data: data.units.map((u) => Math.max(u.p95 - u.p5, 0.15)) },
      { name: data.medianLabel, type: "scatter", symbol: "diamond", symbolSize: 10, itemStyle: { color: "#1f5f99" }, data: data.units.map((u) => u.median) },
      { name: data.rankLabel, type: "scatter", symbol: "circle", symbolSize: 7, itemStyle: { color: "#c0392b" }, data: data.units.map((u) => u.rank) },
    ],
  });
  box.style.height = Math.max(240, 60 + data.units.length * 22) + "px";
  chart.resize();
})();
