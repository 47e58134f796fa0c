// SPDX-License-Identifier: EUPL-1.2
// Buttons marked data-print print the page (no inline scripts: the CSP allows files only).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
