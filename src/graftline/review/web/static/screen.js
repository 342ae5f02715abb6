// Keyboard screening and live counts. No inline script, no other origin
// (the page's Content-Security-Policy allows only this file); text from the
// server is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("decide");

  function typing(target) {
    var name = target && target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || (target && target.isContentEditable);
  }

  function press(value) {
    if (!form) return;
    var button = form.querySelector('button[value="' + value + '"]');
    if (button) button.click();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key.toLowerCase();
    if (key === "i") { press("include"); event.preventDefault(); }
    else if (key === "e") { press("exclude"); event.preventDefault(); }
    else if (key === "m") { press("maybe"); event.preventDefault(); }
    else if (key === "u") {
      var undo = document.getElementById("undo");
      if (undo && !undo.querySelector("button").disabled) { undo.submit(); event.preventDefault(); }
    } else if (/^[1-9]$/.test(key) && form) {
      var select = form.querySelector("select[name=reason]");
      if (select && Number(key) < select.options.length) { select.selectedIndex = Number(key); event.preventDefault(); }
    }
  });

  var stage = form ? form.querySelector("input[name=stage]").value : null;
  var panel = document.getElementById("prisma");
  if (panel && stage) {
    setInterval(function () {
      fetch("/api/progress?stage=" + encodeURIComponent(stage), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          Object.keys(data.prisma).forEach(function (key) {
            var cell = document.getElementById("prisma-" + key);
            if (cell) cell.textContent = String(data.prisma[key]);
          });
          var settled = document.querySelector("#bar-settled .done");
          if (settled) settled.textContent = String(data.progress.settled);
        })
        .catch(function () {});
    }, 5000);
  }
})();
