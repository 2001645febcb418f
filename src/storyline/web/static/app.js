/* storyline web app: small progressive enhancements. Everything works without this file;
   it adds live job progress, highlight toggles and nothing else. No innerHTML anywhere:
   text from the server is only ever set through textContent. */
"use strict";

(function () {
  var POLL_MS = 400;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function stateText(job) {
    if (job.state === "queued") return "Waiting for the previous job…";
    if (job.state === "running") {
      var text = "Running: " + (job.stage || "starting");
      if (job.total) text += " (" + job.done + " of " + job.total + ")";
      return text;
    }
    if (job.state === "done") return "Done.";
    return "Failed: " + (job.error || "unknown error");
  }

  function sourceLink(id) {
    var a = el("a", null, id);
    a.href = "/sources/" + encodeURIComponent(id);
    return a;
  }

  function renderJob(panel, job) {
    panel.dataset.job = job.id;
    panel.dataset.state = job.state;
    panel.replaceChildren();
    panel.appendChild(el("h2", null, "Adding " + plural(job.inputs.length, "input")));
    panel.appendChild(el("p", "job-state", stateText(job))).id = "job-state";
    var bar = el("progress");
    bar.id = "job-progress";
    bar.max = job.total || 1;
    if (job.state === "done") bar.value = job.total || 1;
    else if (job.total) bar.value = job.done;
    panel.appendChild(bar);
    if (job.error && job.state !== "failed") panel.appendChild(el("p", "error-message", job.error));
    var result = el("div");
    result.id = "job-result";
    if (job.state === "done") {
      var added = job.added.concat(job.updated);
      var counts = job.counts || {};
      var count = function (key, listed) { return key in counts ? counts[key] : listed; };
      var nNew = count("added", job.added.length) + count("updated", job.updated.length);
      var nSame = count("unchanged", job.unchanged.length);
      var dupes = Object.keys(job.duplicates);
      var nDupes = count("duplicates", dupes.length);
      var line = plural(nNew, "article") + " added";
      if (nSame) line += ", " + nSame + " already stored";
      if (nDupes) line += ", " + plural(nDupes, "duplicate") + " of stored articles";
      if (nNew > added.length) line += " (the first " + added.length + " listed)";
      result.appendChild(el("p", null, line + "."));
      if (added.length) {
        var list = el("ul", "job-added");
        added.forEach(function (id) {
          list.appendChild(el("li")).appendChild(sourceLink(id));
        });
        result.appendChild(list);
      }
      if (dupes.length) {
        var dl = el("ul", "job-dupes");
        dupes.forEach(function (src) {
          var li = dl.appendChild(el("li", null, src + " = "));
          li.appendChild(sourceLink(job.duplicates[src]));
        });
        result.appendChild(dl);
      }
    }
    if (job.skipped.length) {
      result.appendChild(el("h3", null, "Not added"));
      var skipped = el("ul", "job-skipped");
      job.skipped.forEach(function (s) {
        var li = skipped.appendChild(el("li"));
        li.appendChild(el("code", null, s.source));
        li.appendChild(document.createTextNode(" — " + s.reason));
      });
      result.appendChild(skipped);
    }
    panel.appendChild(result);
  }

  function poll(panel, id) {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("job status " + response.status);
        return response.json();
      })
      .then(function (job) {
        renderJob(panel, job);
        if (job.state === "queued" || job.state === "running") {
          window.setTimeout(function () { poll(panel, id); }, POLL_MS);
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(panel, id); }, POLL_MS * 5);
      });
  }

  function showError(slot, message) {
    slot.replaceChildren(el("p", "error-message", message));
  }

  var form = document.getElementById("add-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var slot = document.getElementById("job-slot");
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch("/api/jobs", { method: "POST", body: new FormData(form) })
        .then(function (response) {
          return response.json().then(function (body) { return [response, body]; });
        })
        .then(function (pair) {
          var response = pair[0], body = pair[1];
          if (!response.ok) {
            showError(slot, body.error || "request refused (" + response.status + ")");
            return;
          }
          var panel = el("section", "job card");
          panel.id = "job";
          panel.setAttribute("aria-live", "polite");
          slot.replaceChildren(panel);
          renderJob(panel, body);
          form.reset();
          if (body.state === "queued" || body.state === "running") poll(panel, body.id);
        })
        .catch(function (error) {
          showError(slot, "could not send the articles: " + error.message);
        })
        .finally(function () { button.disabled = false; });
    });
  }

  var jobPanel = document.getElementById("job");
  if (jobPanel && !form && (jobPanel.dataset.state === "queued" || jobPanel.dataset.state === "running")) {
    poll(jobPanel, jobPanel.dataset.job);
  }

  var legend = document.getElementById("legend");
  var text = document.getElementById("doctext");
  if (legend && text) {
    legend.addEventListener("change", function (event) {
      var kind = event.target.dataset.kind;
      if (kind) text.classList.toggle("hide-" + kind, !event.target.checked);
    });
  }
})();
