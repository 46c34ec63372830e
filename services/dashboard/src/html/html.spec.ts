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
    const data = { site: '"><script>x' };
    const markup = jsonData('chart', data).text;
    expect(markup).toMatch(/^<div hidden id="chart" data-json="[^"<>]*"><\/div>$/);
    const attribute = markup.match(/data-json="([^"]*)"/)![1];
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(JSON.parse(decoded)).toEqual(data);
  });
});
