import type { FastifyReply } from 'fastify';

/**
 * A person's stored document sent to whoever may have it: saved as a file, never shown in the
 * page, never kept by a cache (a shared computer, a proxy), never sniffed into another type.
 */
export function sendDownload(reply: FastifyReply, download: { fileName: string; contentType: string; content: Buffer }) {
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${download.fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-length', download.content.length)
    .send(download.content);
}
