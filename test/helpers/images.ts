import { crc32, deflateSync } from 'node:zlib';

/**
 * Real images for the tests of uploads and documents, made here rather than read from files:
 * a PNG of any size, built chunk by chunk, and one small JPEG (120 × 48 pixels, two rectangles,
 * rendered for this project by pdftoppm from a two-rectangle PDF).
 */

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of `width` × `height`; `noise` fills it with bytes that do not compress, to make a heavy file. */
export function pngImage(width: number, height: number, options: { noise?: boolean } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width * 3; x += 1) {
      rows[y * (width * 3 + 1) + 1 + x] = options.noise ? (Math.imul(x + 1, 2654435761) ^ Math.imul(y + 7, 40503)) >>> 24 : x % 3 === 2 ? 0x6f : 0x20;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: options.noise ? 0 : 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG of 120 × 48 pixels. */
export const jpegImage = (): Buffer => Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAwAHgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDyyiivVfB/g/QdV8K2V7e2Hm3Em/e/nOucOwHAYDoBXdmua0csoqtWTabtpbs31a7HBhsNPEzcINXtfU8qor3H/hX3hf8A6Bn/AJMS/wDxVH/CvvC//QM/8mJf/iq8H/XfL/5J/dH/AOSO/wDsav3X4/5Hh1Fe4/8ACvvC/wD0DP8AyYl/+Ko/4V94X/6Bn/kxL/8AFUf675f/ACT+6P8A8kH9jV+6/H/I8Oorc8Yafa6V4qvbKyi8q3j2bE3FsZRSeSSepNYdfV4avHEUYVobSSav5q55dSDpzcHunYKKKK2ICiiigAooooAKKKKACvcfh9/yI+nf9tf/AEY1eHV7j8Pv+RH07/tr/wCjGr47jf8A5F8P8a/9Jkevk38d+n6o6aiiivyw+lCiiigDw74g/wDI8aj/ANsv/Ra1zNdN8Qf+R41H/tl/6LWuZr9zyj/kX0P8Ef8A0lHxWK/jz9X+YUUUV6JgFFFFABRRRQAUUUUAFeq+D/GGg6V4VsrK9v8AyriPfvTyXbGXYjkKR0IryqivMzXKqOZ0VRrNpJ30t2a6p9zow2JnhpucEr2tqe4/8LB8L/8AQT/8l5f/AImj/hYPhf8A6Cf/AJLy/wDxNeHUV4P+pGX/AM8/vj/8id/9s1+y/H/M9x/4WD4X/wCgn/5Ly/8AxNH/AAsHwv8A9BP/AMl5f/ia8Ooo/wBSMv8A55/fH/5EP7Zr9l+P+ZueMNQtdV8VXt7ZS+bbybNj7SucIoPBAPUGsOiivq8NQjh6MKMNopJX8lY8upN1Jub3buFFFFbEBRRRQAUUUUAFFFFAH//Z', 'base64');

/** A GIF of 1 × 1 pixel: header, a two-colour table, one image block, the trailer. */
export const gifImage = (): Buffer =>
  Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0]),
    Buffer.from([0x3b]),
  ]);
