import { signIn } from '../api.js';
import { field, h, setFieldError } from '../dom.js';

/** Sign in with an API key, and how to get one on a first run. */
export async function signInView(ctx) {
  const input = h('input', {
    type: 'password',
    name: 'key',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    placeholder: 'lp_…',
    class: 'mono',
  });
  const status = h('div', { class: 'form-status', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary' }, 'Sign in');

  const form = h(
    'form',
    { class: 'card stack', novalidate: true, 'aria-labelledby': 'signin-title' },
    field('key', 'API key', input, 'Your key stays on this server; the browser keeps only a session cookie.'),
    status,
    button,
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    setFieldError(form, 'key', null);
    status.replaceChildren();
    if (!input.value.trim()) {
      setFieldError(form, 'key', 'Paste your API key (it starts with lp_).');
      input.focus();
      return;
    }
    button.disabled = true;
    button.textContent = 'Signing in…';
    try {
      const session = await signIn(input.value.trim());
      input.value = '';
      ctx.signedIn(session);
    } catch (err) {
      const message =
        err.status === 401 ? 'That key is not valid, or it was revoked. Check it and try again.' : err.message;
      setFieldError(form, 'key', message);
      input.focus();
      input.select();
    } finally {
      button.disabled = false;
      button.textContent = 'Sign in';
    }
  });

  ctx.main.append(
    h(
      'section',
      { class: 'signin' },
      h('h1', { id: 'signin-title' }, 'Sign in to linkpost'),
      ctx.notice ? h('p', { class: 'notice notice-info', role: 'status' }, ctx.notice) : null,
      form,
      h(
        'section',
        { class: 'card help', 'aria-labelledby': 'help-title' },
        h('h2', { id: 'help-title' }, 'Where do I get a key?'),
        h(
          'p',
          {},
          'On the very first ',
          h('code', {}, 'npm start'),
          ', linkpost prints an API key in the terminal, once. Keep it somewhere safe.',
        ),
        h('p', {}, 'Lost it, or need one for a colleague? Make a new key on the server:'),
        h('pre', {}, h('code', {}, 'npm run cli -- keys create --name "your name"')),
        h(
          'p',
          {},
          'If the server was started with ',
          h('code', {}, 'ADMIN_API_KEY'),
          ', that key works here too. List or revoke keys with ',
          h('code', {}, 'npm run cli -- keys list'),
          ' and ',
          h('code', {}, 'keys revoke ID'),
          '.',
        ),
      ),
    ),
  );
  input.focus();
}
