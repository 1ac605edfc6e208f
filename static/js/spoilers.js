// Inline spoilers in members' text (core/markup.py): a click, Enter or Space shows or hides
// one. One listener on the document, so text that htmx swaps in later works as well.
(function () {
  "use strict";

  function toggle(spoiler) {
    var shown = spoiler.classList.toggle("is-revealed");
    spoiler.setAttribute("title", shown ? "Spoiler: select to hide" : "Spoiler: select to show");
    if (!shown) spoiler.blur(); // focus shows a spoiler too (site.css)
  }

  // The spoiler a click means: the outermost hidden one around it (a spoiler in a hidden
  // spoiler cannot show by itself), else the innermost.
  function spoilerOf(target) {
    var chosen = target instanceof Element ? target.closest("span.spoiler") : null;
    for (var up = chosen; up; up = up.parentElement && up.parentElement.closest("span.spoiler")) {
      if (!up.classList.contains("is-revealed")) chosen = up;
    }
    return chosen;
  }

  document.addEventListener("click", function (event) {
    var spoiler = spoilerOf(event.target);
    if (!spoiler) return;
    // A link in a shown spoiler works; in a hidden one the click only shows it.
    if (event.target.closest("a") && spoiler.classList.contains("is-revealed")) return;
    event.preventDefault();
    toggle(spoiler);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var spoiler = event.target;
    if (!(spoiler instanceof Element) || !spoiler.matches("span.spoiler")) return; // a link inside follows
    event.preventDefault(); // Space would scroll the page
    toggle(spoiler);
  });
})();
