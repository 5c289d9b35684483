import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where `npm run build` puts the dashboard (vite build of apps/dashboard). */
export const DASHBOARD_DIR = resolve('dist', 'dashboard');

/**
 * Serves the built dashboard at `/` (index.html, its hashed assets and govuk-frontend's fonts). A service started
 * without a built dashboard answers the API alone.
 */
export function serveDashboard(app: NestFastifyApplication, dir: string = DASHBOARD_DIR): void {
  if (!existsSync(resolve(dir, 'index.html'))) {
    new Logger('Dashboard').warn(`no dashboard built in ${dir}: run npm run build to serve it at /`);
    return;
  }
  app.useStaticAssets({
    root: dir,
    prefix: '/',
    // Swagger UI registers @fastify/static too; only one may decorate the reply.
    decorateReply: false,
    wildcard: false,
    index: 'index.html',
  });
}
