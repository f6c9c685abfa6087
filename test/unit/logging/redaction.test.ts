import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../../electron/logging/log';

describe('log redaction', () => {
  it.each([
    ['Authorization: Basic ZGVtbzpkZW1v', 'ZGVtbzpkZW1v'],
    ['Authorization: Basic YWJjOmRlZg==', 'YWJjOmRlZg=='],
    ['sent Token 3f2a9c1e-77aa-4b1c-9d2e-0a1b2c3d4e5f', '3f2a9c1e-77aa-4b1c-9d2e-0a1b2c3d4e5f'],
    ['Bearer 11111111-2222-3333-4444-555555555555 refused', '11111111-2222-3333-4444-555555555555'],
    ['login failed for password=hunter2 user=demo', 'hunter2'],
    ['{"password":"s3cret!"}', 's3cret!'],
  ])('removes the credential from %j', (text, secret) => {
    expect(scrubSecrets(text)).not.toContain(secret);
  });

  it('keeps the words a server uses about tokens readable', () => {
    expect(scrubSecrets('401 Token expired')).toBe('401 Token expired');
  });
});
