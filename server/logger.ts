import { pino, type Logger } from 'pino';

/**
 * The process logger: JSON lines for machines, colourized lines when a person
 * watches a terminal. Logs carry no request headers or bodies (see createApp).
 */
export function createLogger(level: string): Logger {
  if (process.stdout.isTTY) {
    return pino({ level, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino({ level });
}
