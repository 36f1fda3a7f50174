// Progressive enhancement: every page works without this file.
// With it: answers save on change (htmx), dependent matrix facets switch off when they
// do not apply, exclusive choices ("don't know", "none of these") clear the others,
// result charts become interactive (vega-embed) in place of their static SVG, and a
// result's peer section is fetched after the page (htmx) so the page itself stays quick.
(function () {
  "use strict";

  // Show the server's message for refused saves (4xx) instead of dropping it.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.htmx) {
      window.htmx.config.responseHandling = [
        { code: "204", swap: false },
        { code: "[23]..", swap: true },
        { code: "4..", swap: true, error: false },
        { code: "...", swap: false, error: true },
      ];
    }
    document.querySelectorAll("tr[data-item]").forEach(applyDependencies);
    drawCharts(document);
  });

  // Content htmx puts in the page later (a result's peer section) brings charts too.
  document.addEventListener("htmx:load", function (event) {
    drawCharts(event.detail.elt);
  });

  // A save's status says when, in UTC from the server: show it in the visitor's time.
  document.addEventListener("htmx:afterSwap", function (event) {
    event.detail.target.querySelectorAll("time[datetime]").forEach(function (time) {
      var when = new Date(time.getAttribute("datetime"));
      if (!isNaN(when.getTime())) time.textContent = when.toLocaleTimeString();
    });
  });

  // A save that did not reach the database says so beside its question: the answer
  // stays on the page, and Next posts the whole page again.
  function notSaved(event, why) {
    var status = event.target.querySelector(".save-status");
    if (status) status.innerHTML = '<span class="field-error">Not saved: ' + why + ' Your answer is kept on this page; use Next to save it.</span>';
  }
  document.addEventListener("htmx:sendError", function (event) {
    notSaved(event, "no connection.");
  });
  document.addEventListener("htmx:responseError", function (event) {
    notSaved(event, "the server could not store it.");
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement || input instanceof HTMLSelectElement)) return;
    var row = input.closest("tr[data-item]");
    if (row) applyDependencies(row);
    if (input.type === "checkbox" && input.checked) exclusive(input);
  }, true);

  function exclusive(input) {
    var group = input.closest("fieldset, td");
    if (!group) return;
    var special = ["dont_know", "not_applicable", "none"];
    var boxes = group.querySelectorAll('input[type=checkbox][name="' + input.name + '"]');
    var isSpecial = special.indexOf(input.value) >= 0;
    boxes.forEach(function (box) {
      if (box === input) return;
      if (isSpecial || special.indexOf(box.value) >= 0) box.checked = false;
    });
    if (input.value === "dont_know" || input.value === "not_applicable") {
      group.querySelectorAll('input[type=number][name="' + input.name + '"]').forEach(function (n) { n.value = ""; });
    }
  }

  // A facet with data-depends {"status": ["partial", "full"]} only applies when the row's
  // status is one of those; disabled controls are not posted, matching the server's rule.
  function applyDependencies(row) {
    row.querySelectorAll("td[data-depends]").forEach(function (cell) {
      var rules = JSON.parse(cell.getAttribute("data-depends"));
      var applies = Object.keys(rules).every(function (facet) {
        var control = row.querySelector('select[name$=".' + facet + '"]');
        return control && rules[facet].indexOf(control.value) >= 0;
      });
      cell.setAttribute("aria-disabled", String(!applies));
      cell.querySelectorAll("input, select").forEach(function (c) { c.disabled = !applies; });
    });
  }

  // With JavaScript, charts are drawn in the page from their spec (no request for the
  // server's SVG); if that fails, the static SVG is fetched instead. Without JavaScript,
  // the <noscript> image is shown.
  function drawCharts(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll(".chart[data-chart]:not([data-drawing])").forEach(function (holder) {
      holder.setAttribute("data-drawing", "true");
      var script = document.getElementById("spec-" + holder.getAttribute("data-chart"));
      if (!window.vegaEmbed || !script) { staticChart(holder); return; }
      var spec = JSON.parse(script.textContent);
      var mode = holder.getAttribute("data-kind") === "vega" ? "vega" : "vega-lite";
      var target = document.createElement("div");
      window.vegaEmbed(target, spec, { mode: mode, actions: false, ast: true, renderer: "svg" }).then(function () {
        holder.replaceChildren(target);
        target.setAttribute("role", "img");
        target.setAttribute("aria-label", holder.getAttribute("data-alt") || "");
        holder.setAttribute("data-interactive", "true");
      }).catch(function () { staticChart(holder); });
    });
  }

  function staticChart(holder) {
    var img = document.createElement("img");
    img.src = holder.getAttribute("data-svg");
    img.alt = holder.getAttribute("data-alt") || "";
    holder.replaceChildren(img);
  }
})();
