// Swagger UI started from a file, not an inline script, so the page runs under CSP default-src 'self'.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the default validator is a remote service: nothing leaves this machine
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
