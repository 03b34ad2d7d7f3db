import type { Request } from 'express';
import { InvalidError, UnsupportedMediaTypeError } from '../../errors.ts';
import type { BodyFormat } from './defineRoute.ts';
import { parseJsonText } from '../../input/jsonText.ts';
import { decodeUtf8 } from './decodeBody.ts';

/** The media types of each body format. */
export const mediaTypesOf: Readonly<Record<BodyFormat, readonly string[]>> = {
  json: ['application/json'],
  yaml: ['application/yaml', 'application/x-yaml', 'text/yaml'],
  text: ['text/plain'],
};

/** A request body as text, its format, and the parsed document when it is JSON. */
export interface ReadBody {
  text: string;
  format: BodyFormat;
  json?: unknown;
}

/**
 * Reads the body a route declared (the raw bytes are already there, bounded in
 * size): its media type must be one the route reads, its bytes valid UTF-8,
 * and JSON is checked for depth before it is parsed. Undefined when there is no
 * body and the route does not require one.
 */
export function readBody(req: Request, declared: { formats: readonly BodyFormat[]; required?: boolean; parsedElsewhere?: boolean }): ReadBody | undefined {
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (bytes.length === 0) {
    if (declared.required === false) return undefined;
    throw new InvalidError([{ entry: 'body', message: `a request body is required (${acceptedTypes(declared.formats).join(' or ')})` }]);
  }
  const format = formatOf(req.get('content-type'), declared.formats);
  const text = decodeUtf8(bytes, 'body');
  return format === 'json' && !declared.parsedElsewhere ? { text, format, json: parseJsonText(text, 'body') } : { text, format };
}

function formatOf(contentType: string | undefined, formats: readonly BodyFormat[]): BodyFormat {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const charset = /charset=([^;]+)/i.exec(contentType ?? '')?.[1]?.trim().replace(/"/g, '').toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeError(`the body's charset is ${charset}; Trellis reads UTF-8 only`);
  }
  const format = formats.find((f) => mediaType !== undefined && (mediaTypesOf[f].includes(mediaType) || (f === 'json' && mediaType.endsWith('+json'))));
  if (!format) throw new UnsupportedMediaTypeError(`the body's media type is ${mediaType ?? 'not given'}; this route reads ${acceptedTypes(formats).join(', ')}`);
  return format;
}

function acceptedTypes(formats: readonly BodyFormat[]): string[] {
  return formats.flatMap((f) => mediaTypesOf[f]);
}
