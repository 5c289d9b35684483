import { Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, problem, problemType } from '#http';
import { DATABASE, type Database } from '../storage/storage.module.js';

/**
 * A backup of the embedded data folder, taken inside the service (PGlite serves one session, so the dump sees no
 * half-done transaction). On a PostgreSQL server use pg_dump (docs/operations.md).
 */
@ApiTags('admin')
@Controller('api/v1/admin/backup')
export class BackupController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  @Access({ roles: ['admin'], la: 'none', audit: 'change' })
  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'A gzipped tar of the embedded database (restore it with the CLI: restore --file ...)' })
  @ApiProduces('application/gzip')
  @ApiOkResponse({ description: 'The embedded data folder as .tar.gz' })
  async backup(@Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    if (this.database.dump === undefined) {
      throw problem(
        501,
        'Not Implemented',
        'The service runs on a PostgreSQL server: back it up with pg_dump (see docs/operations.md)',
        problemType('backup-not-embedded'),
      );
    }
    const archive = Buffer.from(await (await this.database.dump()).arrayBuffer());
    void reply
      .header('content-type', 'application/gzip')
      .header(
        'content-disposition',
        `attachment; filename="ehcp-monitor-${new Date().toISOString().slice(0, 10)}.tar.gz"`,
      )
      .header('cache-control', 'no-store');
    return archive;
  }
}
