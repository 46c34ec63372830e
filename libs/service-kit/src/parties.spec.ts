import { PartyDirectory, sha256Hex } from './parties';

const record = (fields: Record<string, unknown>) => ({ kind: 'buyer', name: 'Acme', apiKeySha256: sha256Hex('key-acme'), ...fields });

describe('the parties file', () => {
  it('keeps each webhook secret apart from the party a request carries', () => {
    const parties = new PartyDirectory([
      record({ id: 'acme', webhookUrl: 'http://acme/hooks', webhookSecret: 'whsec_acme', email: 'alerts@acme.example' }),
    ] as never);
    expect(parties.partyForKey('key-acme')).toEqual({
      id: 'acme',
      kind: 'buyer',
      name: 'Acme',
      webhookUrl: 'http://acme/hooks',
      email: 'alerts@acme.example',
    });
    expect(parties.party('acme')).not.toHaveProperty('webhookSecret');
    expect(parties.webhookSecretOf('acme')).toBe('whsec_acme');
    expect(parties.webhookSecretOf('nobody')).toBeUndefined();
  });

  it('refuses an empty secret, webhook or address, naming the party and the field', () => {
    expect(() => new PartyDirectory([record({ id: 'acme', webhookSecret: ' ' })] as never)).toThrow(
      'invalid parties file:\n  party acme: webhookSecret must be a non-empty string when given',
    );
  });
});
