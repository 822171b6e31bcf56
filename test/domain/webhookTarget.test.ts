import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateAddress, isPrivateName } from '../../src/domain/webhookTarget.js';
import { isAppError } from '../../src/domain/index.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return isAppError(err) ? err.code : String(err);
  }
};

describe('webhook targets', () => {
  it('counts loopback, private, link-local, CGNAT and reserved ranges as private, in any spelling', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('counts names that only mean something inside a network as private', () => {
    for (const n of ['localhost', 'app.localhost', 'printer.local', 'db.internal', 'router.home.arpa', 'intranet'])
      expect(isPrivateName(n), n).toBe(true);
    for (const n of ['hooks.example.com', 'zapier.com']) expect(isPrivateName(n), n).toBe(false);
  });

  it('without WEBHOOK_ALLOW_PRIVATE accepts only https on public hosts', () => {
    expect(checkWebhookUrl('https://hooks.example.com/in', false).href).toBe('https://hooks.example.com/in');
    expect(code(() => checkWebhookUrl('http://hooks.example.com/in', false))).toBe('invalid_webhook_url');
    for (const u of [
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://0x7f.1/',
      'https://2130706433/',
      'https://localhost/',
      'https://169.254.169.254/latest',
      'https://db.internal/',
    ]) {
      expect(
        code(() => checkWebhookUrl(u, false)),
        u,
      ).toBe('private_webhook_target');
    }
    expect(code(() => checkWebhookUrl('https://user:pw@hooks.example.com/', false))).toBe('invalid_webhook_url');
    expect(code(() => checkWebhookUrl('ftp://hooks.example.com/', true))).toBe('invalid_webhook_url');
  });

  it('with WEBHOOK_ALLOW_PRIVATE accepts http and loopback', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', true).host).toBe('127.0.0.1:8080');
    expect(checkWebhookUrl('http://localhost/hook', true).hostname).toBe('localhost');
  });
});
