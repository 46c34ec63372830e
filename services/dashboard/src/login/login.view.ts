import { html, Html } from '../html/html';
import { csrfField, messagePage } from '../layout/layout.view';

export function loginPage(csrfToken: string, problem?: string): Html {
  return messagePage(
    'Sign in',
    "Sign in with your organisation's API key: you see what the platform lets that key see, nothing more.",
    html`<form method="post" action="/login" class="login">
      ${csrfField(csrfToken)}
      <label>API key <input type="password" name="apiKey" autocomplete="current-password" required autofocus /></label>
      ${problem ? html`<p class="problem" role="alert">${problem}</p>` : null}
      <button type="submit">Sign in</button>
    </form>`,
  );
}
