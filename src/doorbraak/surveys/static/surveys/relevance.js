// Shows and hides survey questions as their `relevant` expression holds (ADR 0035). The
// expression arrives parsed, as a JSON tree made by surveys.expressions on the server, so
// nothing is evaluated as code here. Without this script every question is shown and the
// server drops the answers to questions that do not apply.
(function () {
  "use strict";
  var form = document.querySelector("form[data-survey]");
  if (!form) { return; }

  function value(name) {
    var fields = Array.prototype.filter.call(form.elements, function (f) { return f.name === name; });
    var chosen = fields.filter(function (f) {
      return !f.closest("[hidden]") && ((f.type !== "radio" && f.type !== "checkbox") || f.checked);
    }).map(function (f) { return f.value; });
    if (fields.length && fields[0].type === "checkbox") { return chosen; }
    return chosen.length ? chosen[0] : "";
  }
  function empty(v) { return v === "" || v === null || v === undefined || (Array.isArray(v) && !v.length); }
  function number(v) { var n = Number(v); return typeof v === "number" || (v !== "" && !isNaN(n)) ? n : null; }
  function truth(v) { return Array.isArray(v) ? v.length > 0 : !(v === "" || v === null || v === false || v === 0); }
  function compare(op, a, b) {
    if (empty(a) || empty(b)) { return op === "!=" && !(empty(a) && empty(b)); }
    var x = number(a), y = number(b);
    if (x === null || y === null) { x = String(a); y = String(b); }
    switch (op) {
      case "=": return x === y;
      case "!=": return x !== y;
      case "<": return x < y;
      case "<=": return x <= y;
      case ">": return x > y;
      case ">=": return x >= y;
    }
    return false;
  }
  function evaluate(node) {
    switch (node[0]) {
      case "or": return truth(evaluate(node[1])) || truth(evaluate(node[2]));
      case "and": return truth(evaluate(node[1])) && truth(evaluate(node[2]));
      case "not": return !truth(evaluate(node[1]));
      case "compare": return compare(node[1], evaluate(node[2]), evaluate(node[3]));
      case "selected":
        var given = evaluate(node[1]);
        var list = Array.isArray(given) ? given : String(given || "").split(/\s+/);
        return list.indexOf(String(node[2][1])) >= 0;
      case "ref": return value(node[1]);
      case "literal": return node[1];
    }
    return "";
  }
  function update() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-relevant]"), function (element) {
      element.hidden = !truth(evaluate(JSON.parse(element.getAttribute("data-relevant"))));
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
}());
