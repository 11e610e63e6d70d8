// The import-export "select all" checkbox, bound here instead of an inline onchange attribute
// (which the Content-Security-Policy blocks). onSelectToggleChange comes from the library.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      if (typeof window.onSelectToggleChange === "function") {
        window.onSelectToggleChange(event);
      }
    });
  });
});
