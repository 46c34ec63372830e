import { DEFAULT_JAEGER_UI_URL, jaegerUiUrlOf, traceUrlOf } from './trace-link';

describe("an order's trace link", () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

  it('opens the trace in the Jaeger UI, the local one unless another is configured', () => {
    expect(traceUrlOf(traceId)).toBe(`${DEFAULT_JAEGER_UI_URL}/trace/${traceId}`);
    expect(traceUrlOf(traceId, jaegerUiUrlOf({ SMI_JAEGER_UI_URL: 'https://jaeger.example.com/' }))).toBe(
      `https://jaeger.example.com/trace/${traceId}`,
    );
    expect(jaegerUiUrlOf({ SMI_JAEGER_UI_URL: ' ' })).toBe(DEFAULT_JAEGER_UI_URL);
  });

  it('gives no link for an order without a trace, or with anything but a W3C trace id', () => {
    for (const bad of [undefined, null, '', '0'.repeat(32), traceId.toUpperCase(), traceId + '0', '../../admin', 42]) {
      expect(traceUrlOf(bad)).toBeUndefined();
    }
  });
});
