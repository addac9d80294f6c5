/* Accessible accordion (WAI-ARIA pattern) on top of the NL Design System accordion CSS.
   Without JavaScript every answer stays visible; with it, each question is a button that shows or
   hides its answer, usable with Tab, Enter and Space. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-accordion] .utrecht-accordion__button").forEach(function (button) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) { return; }
    button.setAttribute("aria-expanded", "false");
    panel.hidden = true;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
      panel.hidden = open;
    });
  });
});
