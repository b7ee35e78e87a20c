/* Draws every <canvas data-wt-chart="<id of a json_script block>"> with Chart.js.
   The data comes from the page as JSON (no inline script, so the strict CSP holds).
   Series differ by line style and marker as well as colour (WCAG 1.4.1), and the same
   numbers are always in the table beside the chart. */
(function () {
  "use strict";
  var COLOURS = ["#154273", "#a4000f", "#1b5e20", "#6d4c00", "#5b2c83", "#00596b", "#4a4a4a"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2], [12, 6], [4, 4]];
  var MARKERS = ["circle", "rect", "triangle", "rectRot", "cross", "star", "crossRot"];

  function dataset(series, index, kind) {
    var colour = COLOURS[index % COLOURS.length];
    return {
      label: series.label,
      data: series.values,
      borderColor: colour,
      backgroundColor: kind === "bar" ? colour : colour,
      borderDash: kind === "line" ? DASHES[index % DASHES.length] : [],
      pointStyle: MARKERS[index % MARKERS.length],
      pointRadius: 5,
      spanGaps: false,
      borderWidth: 2
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-wt-chart"));
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var y = { beginAtZero: spec.yMin === null, title: { display: !!spec.yLabel, text: spec.yLabel } };
    if (spec.yMin !== null) { y.min = spec.yMin; }
    if (spec.yMax !== null) { y.max = spec.yMax; }
    if (spec.yStep !== null) { y.ticks = { stepSize: spec.yStep }; }
    new Chart(canvas, {
      type: spec.kind,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) { return dataset(s, i, spec.kind); })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
        scales: { x: { title: { display: !!spec.xLabel, text: spec.xLabel } }, y: y }
      }
    });
  }

  function drawAll() {
    var canvases = document.querySelectorAll("canvas[data-wt-chart]");
    for (var i = 0; i < canvases.length; i++) { draw(canvases[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
