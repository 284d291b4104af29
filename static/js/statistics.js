// Trend charts of the dashboard (templates/jobcenter/dashboard.html), drawn with Chart.js from static/vendor.
// The figures come from the <script type="application/json" id="stat-trend-data"> block; the same figures
// are in a table beside the charts for screen readers and copying. Lines differ by dash and point shape
// as well as colour, so that colour is never the only difference.
(function () {
  "use strict";
  var STYLES = [
    { color: "#0b4f8a", dash: [], point: "circle" },
    { color: "#a3161a", dash: [6, 4], point: "rect" },
    { color: "#17623a", dash: [2, 3], point: "triangle" },
    { color: "#6b4a00", dash: [10, 3, 2, 3], point: "rectRot" },
  ];
  var charts = [];

  function dataset(series, index) {
    var style = STYLES[index % STYLES.length];
    return {
      label: series.label,
      data: series.values,
      borderColor: style.color,
      backgroundColor: style.color,
      borderDash: style.dash,
      pointStyle: style.point,
      pointRadius: 3,
      spanGaps: false,
      tension: 0.2,
    };
  }

  function draw(canvasId, labels, seriesList, yTitle) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !window.Chart) return;
    charts.push(
      new window.Chart(canvas, {
        type: "line",
        data: { labels: labels, datasets: seriesList.map(dataset) },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { labels: { usePointStyle: true } } },
          scales: { y: { beginAtZero: true, title: { display: !!yTitle, text: yTitle || "" } } },
        },
      })
    );
  }

  function render() {
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    var block = document.getElementById("stat-trend-data");
    if (!block) return;
    var data = JSON.parse(block.textContent);
    var counts = data.series.filter(function (s) { return s.key !== "placement_rate"; });
    var rates = data.series.filter(function (s) { return s.key === "placement_rate"; });
    draw("stat-chart-counts", data.labels, counts);
    draw("stat-chart-rate", data.labels, rates, "%");
  }

  document.addEventListener("DOMContentLoaded", render);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "figures") render();
  });
})();
