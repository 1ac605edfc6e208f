// The header's search box as a combobox (ARIA 1.2): htmx fills #search-suggestions as the
// visitor types; this moves through the suggestions with the arrow keys, opens the chosen one
// with Enter, and closes the list with Escape, a click elsewhere or leaving the box.
(function () {
  "use strict";
  var box = document.getElementById("site-search-q");
  var popup = document.getElementById("search-suggestions");
  if (!box || !popup) return;

  function options() {
    return Array.prototype.slice.call(popup.querySelectorAll('[role="option"]'));
  }

  function active() {
    var id = box.getAttribute("aria-activedescendant");
    return id ? document.getElementById(id) : null;
  }

  function choose(option) {
    options().forEach(function (each) {
      each.setAttribute("aria-selected", each === option ? "true" : "false");
    });
    if (option) {
      box.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  function isOpen() {
    return box.getAttribute("aria-expanded") === "true";
  }

  function close() {
    choose(null);
    popup.hidden = true;
    box.setAttribute("aria-expanded", "false");
  }

  function open() {
    var found = options().length > 0;
    popup.hidden = !found;
    box.setAttribute("aria-expanded", found ? "true" : "false");
    choose(null);
  }

  popup.addEventListener("htmx:afterSwap", function () {
    if (document.activeElement === box) open(); else close();
  });

  box.addEventListener("keydown", function (event) {
    var all = options();
    var index = all.indexOf(active());
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      if (!isOpen()) { open(); }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = index === -1 ? (step === 1 ? 0 : all.length - 1) : (index + step + all.length) % all.length;
      choose(all[next]);
    } else if (event.key === "Enter" && isOpen() && index !== -1) {
      event.preventDefault();
      window.location.assign(all[index].href);
    } else if (event.key === "Escape" && isOpen()) {
      event.preventDefault();  // the list closes; what was typed stays
      close();
    }
  });

  box.addEventListener("focus", function () {
    if (options().length) open();
  });

  document.addEventListener("pointerdown", function (event) {
    if (isOpen() && event.target !== box && !popup.contains(event.target)) close();
  });

  box.addEventListener("blur", function (event) {
    // A click on a suggestion moves the focus to it, and follows its link.
    if (!popup.contains(event.relatedTarget)) close();
  });
})();
