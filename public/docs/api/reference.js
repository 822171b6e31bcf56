// The interactive API reference: Swagger UI reading this server's own OpenAPI document.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    // No call to the public validator service: nothing leaves this server.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
