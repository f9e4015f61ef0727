/* Keyboard shortcuts on the review page (linkage/review.html): j / k to the next / previous
   pair, 1 = dezelfde persoon, 2 = verschillende personen, 0 = weet niet (for the pair that has
   focus). A static file for the Content Security Policy (no inline script); without
   JavaScript the buttons work as before. */
(function () {
  "use strict";

  var CHOICES = { "1": "zelfde", "2": "verschillend", "0": "weet-niet" };

  function pairs() {
    return Array.prototype.slice.call(document.querySelectorAll("section.doorbraak-review"));
  }

  function current(all) {
    var active = document.activeElement;
    for (var i = 0; i < all.length; i += 1) {
      if (all[i] === active || all[i].contains(active)) {
        return i;
      }
    }
    return -1;
  }

  function focusPair(section) {
    section.setAttribute("tabindex", "-1");
    section.focus();
    section.scrollIntoView({ block: "start" });
  }

  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var all = pairs();
    if (!all.length) {
      return;
    }
    var at = current(all);
    if (event.key === "j" || event.key === "k") {
      var step = event.key === "j" ? 1 : -1;
      var next = at === -1 ? 0 : Math.min(all.length - 1, Math.max(0, at + step));
      focusPair(all[next]);
      event.preventDefault();
    } else if (Object.prototype.hasOwnProperty.call(CHOICES, event.key)) {
      var section = all[at === -1 ? 0 : at];
      var button = section.querySelector('button[name="besluit"][value="' + CHOICES[event.key] + '"]');
      if (button) {
        event.preventDefault();
        button.click();
      }
    }
  });
})();
