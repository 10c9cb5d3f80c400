// « Afficher le mot de passe »: a button after each password field of a form marked
// data-password-toggle, worded by the page in its language (data-show, data-hide).
// Without this file the control is simply absent and the fields stay masked.
for (const form of document.querySelectorAll('form[data-password-toggle]')) {
  const fields = [...form.querySelectorAll('input[type="password"]')];
  const setVisible = (input, button, visible) => {
    input.type = visible ? 'text' : 'password';
    button.firstChild.textContent = visible ? form.dataset.hide : form.dataset.show;
  };

  for (const input of fields) {
    // Shown as text, a password must not be capitalised, corrected or sent to a spell checker.
    input.setAttribute('autocapitalize', 'none');
    input.setAttribute('autocorrect', 'off');
    input.spellcheck = false;

    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button-secondary password-toggle';
    button.setAttribute('aria-controls', input.id);
    button.append(document.createTextNode(''));
    // Several fields on one form: each button also names its field for screen readers.
    const label = fields.length > 1 ? form.querySelector(`label[for="${input.id}"]`) : null;
    if (label) {
      const which = document.createElement('span');
      which.className = 'visually-hidden';
      which.textContent = ` (${label.textContent.trim()})`;
      button.append(which);
    }
    setVisible(input, button, false);
    button.addEventListener('click', () => setVisible(input, button, input.type === 'password'));
    input.after(button);
  }

  // Masked again before sending: a browser may keep what text fields held in its form history.
  form.addEventListener('submit', () => {
    for (const button of form.querySelectorAll('.password-toggle')) {
      const input = document.getElementById(button.getAttribute('aria-controls'));
      if (input) setVisible(input, button, false);
    }
  });
}
