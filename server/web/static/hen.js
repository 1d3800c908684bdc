// The booking page's print button (the page works without it).
var p = document.getElementById("print");
if (p) p.addEventListener("click", function () { window.print(); });
