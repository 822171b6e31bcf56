import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createNodeLogger } from '../../src/node/logger.js';
import { createConsoleLogger } from '../../src/worker/logger.js';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => (text += d));
  return { stream, text: () => text };
}

describe('the Node logger', () => {
  it('writes one JSON object a line: ISO time, level as a word, message, fields, and an error with its stack', () => {
    const out = collect();
    const logger = createNodeLogger({ destination: out.stream });
    logger.info('hello', { requestId: 'r-1' });
    logger.error('it broke', { err: new Error('boom') });
    logger.debug('not at info');
    const lines = out
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ time: expect.any(String), level: 'info', message: 'hello', requestId: 'r-1' });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
    expect(lines[1]).toMatchObject({
      level: 'error',
      message: 'it broke',
      err: { type: 'Error', message: 'boom', stack: expect.stringContaining('Error: boom') },
    });
  });

  it('writes readable lines for a terminal', () => {
    const out = collect();
    createNodeLogger({ pretty: true, destination: out.stream }).warn('disk nearly full', { waiting: 3 });
    expect(out.text()).toMatch(/WARN.*disk nearly full/);
    expect(out.text()).toContain('waiting: 3');
    expect(out.text().trim().startsWith('{')).toBe(false);
  });
});

describe('the Workers logger', () => {
  it('writes the same JSON lines through console, above its level', () => {
    const lines: string[] = [];
    const logger = createConsoleLogger('info', (l) => void lines.push(l));
    logger.debug('quiet');
    logger.warn('queue refused a click', { messageId: 'm1', err: new TypeError('no') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: expect.any(String),
      level: 'warn',
      message: 'queue refused a click',
      messageId: 'm1',
      err: { type: 'TypeError', message: 'no', stack: expect.any(String) },
    });
  });
});
