import { fatalLine } from './fatal-line';

describe("a failed command's last line", () => {
  it('is the plain message by default', () => {
    expect(fatalLine('Port 3000 (PORT) is already in use', {})).toBe('Port 3000 (PORT) is already in use');
  });

  it('is one JSON object with LOG_FORMAT=json, as the logs are', () => {
    expect(JSON.parse(fatalLine('Invalid configuration: LOG_LEVEL', { LOG_FORMAT: ' JSON ' }, 1))).toEqual({
      level: 'fatal',
      pid: process.pid,
      timestamp: 1,
      message: 'Invalid configuration: LOG_LEVEL',
    });
  });
});
