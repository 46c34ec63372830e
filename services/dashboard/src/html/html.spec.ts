import { html, jsonData, trusted } from './html';

describe('html templates', () => {
  it('escapes text from outside, keeps markup made by the app', () => {
    const reason = '<script>alert("x")</script> & more';
    // prettier-ignore
    const markup = html`<p>${reason}</p>${trusted('<br>')}`;
    expect(markup.text).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p><br>');
  });

  it('joins lists and drops absent values', () => {
    // prettier-ignore
    const markup = html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>${null}${undefined}${false}`;
    expect(markup.text).toBe('<ul><li>a</li><li>b</li></ul>');
  });

  it('puts data for page scripts where no value can end the block', () => {
    expect(jsonData('chart', { site: '</script><script>x' }).text).toBe(
      '<script type="application/json" id="chart">{"site":"\\u003c/script>\\u003cscript>x"}</script>',
    );
  });
});
