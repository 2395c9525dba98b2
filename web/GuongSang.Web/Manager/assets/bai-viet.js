// The article editor's preview without a page load: the form is posted to the preview address (the same server-side
// rendering as the public page) and the answer shown in the preview pane. Without this file, the "Xem trước" button
// does the same with a page load.
(function () {
  'use strict';
  var form = document.getElementById('bai-viet');
  var pane = document.getElementById('xem-truoc');
  var button = form && form.querySelector('[data-xem-truoc]');
  if (!form || !pane || !button || !window.fetch || !window.FormData) return;
  var timer = null;

  function refresh(clicked) {
    var data = new FormData(form);
    data.delete('photo');
    fetch(button.getAttribute('formaction'), {
      method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Xem-Truoc': '1' },
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (html) {
      // Sanitised on the server by the public page's own pipeline.
      pane.innerHTML = html;
    }).catch(function () {
      // From now on the button posts the form the plain way (a page load), as it does without this script.
      button.removeAttribute('data-xem-truoc');
      if (clicked) button.click();
    });
  }

  button.addEventListener('click', function (event) {
    if (!button.hasAttribute('data-xem-truoc')) return;
    event.preventDefault();
    refresh(true);
  });
  form.addEventListener('input', function (event) {
    if (event.target.name !== 'body' && event.target.name !== 'title') return;
    clearTimeout(timer);
    timer = setTimeout(function () { refresh(false); }, 800);
  });
})();
