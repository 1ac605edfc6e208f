// The owner of a list drags its titles into a new order. Each drop is sent as the same form
// the Up and Down buttons post, with action "before" or "after" the neighbour it landed next
// to; without JavaScript, or on a touch screen, those buttons move a title one step at a time.
// Listeners sit on the document: htmx replaces the whole list after Up, Down or Remove.
(() => {
  const ITEM = "ol[data-reorder] > li[data-title]";
  let dragged = null;

  const markDraggable = () => {
    document.querySelectorAll(ITEM).forEach((item) => { item.draggable = true; });
  };
  markDraggable();
  document.body.addEventListener("htmx:afterSwap", markDraggable);

  document.addEventListener("dragstart", (event) => {
    dragged = event.target.closest(ITEM);
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.dataset.title);
    dragged.classList.add("is-dragged");
  });

  document.addEventListener("dragover", (event) => {
    const over = event.target.closest(ITEM);
    if (!dragged || !over || over.parentElement !== dragged.parentElement) return;
    event.preventDefault();
    if (over === dragged) return;
    const box = over.getBoundingClientRect();
    over[event.clientY > box.top + box.height / 2 ? "after" : "before"](dragged);
  });

  document.addEventListener("drop", (event) => {
    if (dragged) event.preventDefault();
  });

  document.addEventListener("dragend", () => {
    if (!dragged) return;
    const moved = dragged;
    dragged = null;
    moved.classList.remove("is-dragged");
    const next = moved.nextElementSibling;
    const previous = moved.previousElementSibling;
    const [action, beside] = next && next.dataset.title
      ? ["before", next.dataset.title]
      : ["after", previous && previous.dataset.title];
    const form = moved.querySelector("form");
    if (!beside || !form) return;
    const body = new FormData(form);
    body.set("action", action);
    body.set("beside", beside);
    // getAttribute: the buttons named "action" shadow the form's own property.
    fetch(form.getAttribute("action"), { method: "POST", body, credentials: "same-origin" })
      .then((response) => { if (!response.ok) throw new Error(String(response.status)); })
      .catch(() => window.location.reload());  // show the order the server kept
  });
})();
