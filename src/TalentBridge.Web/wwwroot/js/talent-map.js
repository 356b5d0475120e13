// 人才地图 (analytics/map): draws the figures of the page's JSON block with ECharts (lib/echarts, canvas renderer) —
// a choropleth on the outlines of GET /api/v1/analytics/outlines/{region}, or a bar chart where there are none
// (townships). Clicking a region follows its drill-down link (the URL changes, back works); the metric select redraws
// at once and keeps the choice in the URL. Without JavaScript the table below is the page.
(function () {
  "use strict";
  const block = document.getElementById("talent-map-data");
  const box = document.getElementById("talent-map");
  if (!block || !box || !window.echarts) {
    return;
  }
  const data = JSON.parse(block.textContent);
  const rows = data.rows;
  const metricSelect = document.getElementById("metric");
  const legend = document.getElementById("map-legend");
  let metric = data.metric;

  box.hidden = false;
  const chart = window.echarts.init(box, null, { renderer: "canvas", locale: data.locale });
  window.addEventListener("resize", () => chart.resize());

  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const format = (value, key) => value === null || value === undefined ? data.noData
    : key === "ratio" ? value.toFixed(2) : key === "shortage" ? value.toFixed(1) : Math.round(value).toLocaleString();
  const byCode = new Map(rows.map((r) => [r.code, r]));

  // Every figure of the region in the tooltip, the chosen one first; plain text lines (no inline styles: the CSP forbids them).
  function tooltip(params) {
    const row = byCode.get(params.data && params.data.code);
    if (!row) {
      return escape(params.name) + "<br>" + escape(data.noData);
    }
    const keys = [metric, ...Object.keys(data.metrics).filter((k) => k !== metric)];
    return "<strong>" + escape(row.name) + "</strong><br>" + keys.map((k) => escape(data.metrics[k].label) + "：" + escape(format(row.values[k], k))).join("<br>");
  }

  function values() {
    return rows.map((r) => r.values[metric]).filter((v) => v !== null && v !== undefined);
  }

  function title() {
    return { text: data.metrics[metric].label + " · " + data.region, subtext: data.scope, left: "center", textStyle: { fontSize: 15 } };
  }

  function drawMap() {
    const known = values();
    chart.setOption({
      title: title(),
      tooltip: { trigger: "item", formatter: tooltip },
      visualMap: {
        min: known.length ? Math.min(...known) : 0,
        max: known.length ? Math.max(...known, Math.min(...known) + 1) : 1,
        text: [data.high, data.low],
        calculable: false,
        left: 12,
        bottom: 12,
        inRange: { color: ["#e6f0fa", "#6baed6", "#08519c"] },
        formatter: (v) => format(v, metric),
      },
      series: [{
        type: "map",
        map: "talent-map",
        nameProperty: "code",
        roam: false,
        label: { show: true, fontSize: 11, formatter: (p) => (byCode.get(p.name) || { name: "" }).name },
        itemStyle: { areaColor: "#eeeeee", borderColor: "#ffffff" },
        emphasis: { label: { show: true }, itemStyle: { areaColor: "#fdd49e" } },
        data: rows.map((r) => ({ name: r.code, code: r.code, value: r.values[metric], href: r.href })),
      }],
    }, true);
  }

  function drawBars() {
    // One bar of 22 px per region (a county has up to some 30 townships); set through the CSSOM, which the CSP allows.
    box.style.height = Math.max(box.clientHeight, 96 + rows.length * 22) + "px";
    chart.resize();
    const sorted = [...rows].sort((a, b) => (b.values[metric] ?? -1) - (a.values[metric] ?? -1));
    chart.setOption({
      title: title(),
      tooltip: { trigger: "item", formatter: tooltip },
      grid: { left: 8, right: 24, top: 64, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", inverse: true, data: sorted.map((r) => r.name), axisLabel: { interval: 0 } },
      series: [{
        type: "bar",
        itemStyle: { color: "#2b6cb0" },
        data: sorted.map((r) => ({ value: r.values[metric], code: r.code, href: r.href })),
      }],
    }, true);
  }

  let draw = drawBars;
  chart.on("click", (params) => {
    if (params.data && params.data.href) {
      window.location.assign(params.data.href);
    }
  });

  if (metricSelect) {
    metricSelect.addEventListener("change", () => {
      metric = metricSelect.value;
      if (legend) {
        legend.textContent = data.metrics[metric].counts;
      }
      const url = new URL(window.location.href);
      url.searchParams.set("metric", metric);
      window.history.replaceState(null, "", url);
      draw();
    });
  }

  if (!data.outlines) {
    drawBars();
    box.dataset.drawn = "bars";
    return;
  }
  chart.showLoading();
  fetch(data.outlines, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
    .then((response) => {
      if (!response.ok) {
        throw new Error("outlines " + response.status);
      }
      return response.json();
    })
    .then((geo) => {
      window.echarts.registerMap("talent-map", geo);
      draw = drawMap;
    })
    .catch(() => {
      draw = drawBars;
    })
    .finally(() => {
      chart.hideLoading();
      draw();
      box.dataset.drawn = draw === drawMap ? "map" : "bars";
    });
})();
