/* Draws every monitor chart: a <figure data-chart="ID"> holds an empty canvas, and the
   Vega-Lite spec sits in <script type="application/json" id="ID"> (Django's json_script).
   The figure stays hidden until its chart is drawn; without JavaScript, or when drawing
   fails, the page's tables carry the same numbers. */
(function () {
  "use strict";

  function draw(figure) {
    var source = document.getElementById(figure.dataset.chart);
    /* the canvas (role="img") carries the chart's name; Vega draws into the element inside
       it and would otherwise put its own roles and label on the named element */
    var canvas = figure.querySelector(".monitor-chart__drawing");
    if (!source || !canvas || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec = JSON.parse(source.textContent);
    /* unhide before drawing: a hidden container has no width for "width": "container" */
    figure.hidden = false;
    window
      /* CSP-safe: expressions run in Vega's interpreter, not through eval (no
         'unsafe-eval'), and neither vega-embed nor its tooltip handler adds a <style>
         element (the charts have no tooltips: the tables beside them carry the numbers) */
      .vegaEmbed(canvas, spec, {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: window.vega.expressionInterpreter,
        defaultStyle: false,
        tooltip: false,
      })
      .then(function () {
        /* the drawing repeats what the name and the table say: hide it from screen readers */
        canvas.setAttribute("aria-hidden", "true");
        var svg = canvas.querySelector("svg");
        if (svg) {
          svg.setAttribute("focusable", "false");
        }
      })
      .catch(function (error) {
        figure.hidden = true;
        if (window.console) {
          window.console.warn("monitor chart", figure.dataset.chart, error);
        }
      });
  }

  function drawAll() {
    document.querySelectorAll("figure[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
