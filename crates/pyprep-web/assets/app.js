// pyprep's progressive enhancement. Every page works without this file; it only makes
// things quicker: filters apply as soon as they change, search updates as you type, and
// pages that have keyboard keys get them.
"use strict";

(function () {
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }
  window.pyprep = { csrfToken: csrfToken };

  // Filters apply on change; the submit button stays for keyboard users and no-JS.
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    var form = el.closest("form");
    if (!form) return;
    el.addEventListener("change", function (event) {
      if (event.target instanceof HTMLSelectElement) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
  });

  // Instant search: fetch the results fragment for what is typed, newest answer wins.
  var searchForm = document.querySelector("form[data-instant-search]");
  if (searchForm) {
    var input = searchForm.querySelector('input[name="q"]');
    var results = document.getElementById("search-results");
    var timer = 0;
    var latest = 0;
    var run = function () {
      var params = new URLSearchParams(new FormData(searchForm));
      Array.from(params.keys()).forEach(function (key) {
        if (!params.get(key)) params.delete(key);
      });
      var query = params.toString();
      var ticket = ++latest;
      params.set("partial", "1");
      fetch("/search?" + params.toString(), { headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error("search failed: " + response.status);
          return response.text();
        })
        .then(function (html) {
          if (ticket !== latest) return;
          results.innerHTML = html;
          history.replaceState(null, "", "/search" + (query ? "?" + query : ""));
        })
        .catch(function () {
          // The form still works by submitting it; nothing to undo here.
        });
    };
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    // Put the caret at the end of an existing query.
    if (document.activeElement === input) {
      var length = input.value.length;
      input.setSelectionRange(length, length);
    }
  }

  // "/" focuses search from anywhere but a text field.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable) return;
    var box = document.getElementById("search-q") || document.getElementById("site-q");
    if (box) {
      event.preventDefault();
      box.focus();
    }
  });
})();

// Study: Space reveals the answer, 1-4 grade, Enter in the answer box still types newlines.
(function () {
  var face = document.querySelector("[data-study]");
  if (!face) return;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement;
    if (face.dataset.study === "front") {
      if (event.key === " " && !typing) {
        event.preventDefault();
        face.querySelector('[data-key="reveal"]').click();
      }
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing) {
        face.querySelector('[data-key="reveal"]').click();
      }
      return;
    }
    if (typing) return;
    var button = face.querySelector('[data-key="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
})();

// Mock interview: a visible clock for the current question, red once over its share.
(function () {
  var timer = document.querySelector("[data-timer]");
  if (!timer) return;
  var shownAt = Number(timer.dataset.shownAt);
  var allotted = Number(timer.dataset.allotted);
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var tick = function () {
    var seconds = Math.max(0, Math.floor((Date.now() - shownAt) / 1000));
    timer.innerHTML = "";
    var strong = document.createElement("strong");
    strong.textContent = Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    timer.append(strong, " of " + Math.floor(allotted / 60) + ":" + pad(allotted % 60));
    timer.classList.toggle("over", seconds > allotted);
  };
  tick();
  setInterval(tick, 1000);
})();
