// « Domiciliés »: the results follow the typing. Without this file the form posts as usual.
// The text travels in a POST body (never in the URL); the server answers the results only.
const form = document.querySelector('form[data-search-form]');
const results = document.getElementById('resultats');
const announcer = document.getElementById('resultats-annonce');

if (form && results) {
  let timer = 0;
  let pending = null;

  const show = async (body) => {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(body),
        headers: { 'x-fragment': '1' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const html = await response.text();
      if (controller !== pending) return;
      results.innerHTML = html;
      const summary = results.querySelector('[data-count-message]');
      if (announcer && summary) announcer.textContent = summary.getAttribute('data-count-message');
    } catch (error) {
      // A failed update falls back to the plain form: the page reloads with the results.
      if (error.name !== 'AbortError') form.submit();
    }
  };

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => show(new FormData(form)), 250);
  };

  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    show(new FormData(form));
  });
  // « Page suivante » of a search: the same request with the page number.
  results.addEventListener('submit', (event) => {
    const pageForm = event.target.closest('form[data-search-page]');
    if (!pageForm) return;
    event.preventDefault();
    show(new FormData(pageForm)).then(() => results.scrollIntoView({ block: 'start' }));
  });
}
