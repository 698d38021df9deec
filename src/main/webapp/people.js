// The admin's list of people who log in: add one with a first password, disable or enable,
// set a new password. The server checks every rule and says why it refuses; this only shows it.
import { t } from './i18n.js';

/** Fills the table; {@code api} and {@code say} are the page's, {@code me} the admin's own name. */
export async function loadPeople(api, say, me) {
  const people = await api('GET', '/people');
  const body = document.getElementById('people').tBodies[0];
  body.replaceChildren();
  for (const p of people) {
    const tr = document.createElement('tr');
    tr.dataset.name = p.name;
    const td = (text) => {
      const c = document.createElement('td');
      c.textContent = text;
      tr.appendChild(c);
      return c;
    };
    td(p.name);
    td(t('role_' + p.role));
    td(p.enabled ? t('enabled') : t('disabled'));
    const actions = td(p.configured ? t('configured') : '');
    if (!p.configured) {
      const toggle = button(p.enabled ? t('disable') : t('enable'), async () => {
        await api('POST', `/people/${encodeURIComponent(p.name)}/${p.enabled ? 'disable' : 'enable'}`);
        say(t(p.enabled ? 'personDisabled' : 'personEnabled').replace('{name}', p.name));
      });
      toggle.disabled = p.name === me;
      // typed, not shown: a new password is told to the person, never to the screen behind
      const field = document.createElement('input');
      field.type = 'password';
      field.autocomplete = 'new-password';
      field.placeholder = t('newPassword');
      field.setAttribute('aria-label', t('newPasswordFor').replace('{name}', p.name));
      const reset = button(t('setPassword'), async () => {
        await api('PUT', `/people/${encodeURIComponent(p.name)}/password`, { password: field.value });
        say(t('passwordSet').replace('{name}', p.name));
      });
      actions.append(toggle, ' ', field, ' ', reset);
    }
    body.appendChild(tr);
  }

  function button(text, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', async () => {
      try {
        await action();
        await loadPeople(api, say, me);
      } catch (err) {
        say(t('failed') + ': ' + err.message, true);
      }
    });
    return b;
  }
}

/** The form below the table: name, role, first password. */
export function wireAddPerson(api, say, reload) {
  document.getElementById('person-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = document.getElementById('p-name');
    const password = document.getElementById('p-password');
    try {
      await api('POST', '/people', {
        name: name.value, role: document.getElementById('p-role').value, password: password.value,
      });
      say(t('personAdded').replace('{name}', name.value.trim().toLowerCase()));
      name.value = '';
      password.value = '';
      await reload();
    } catch (err) {
      say(t('failed') + ': ' + err.message, true);
    }
  });
}
