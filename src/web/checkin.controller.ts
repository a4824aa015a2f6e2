import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { AssetSpec, StaticAssetBundle } from './static-assets';

/**
 * The folder next to this file: src/web/checkin under ts-jest and ts-node,
 * dist/src/web/checkin after `nest build` (nest-cli.json copies it there).
 */
export const CHECKIN_ASSET_DIR = join(__dirname, 'checkin');

export const CHECKIN_ASSETS: Record<string, AssetSpec> = {
  'index.html': { contentType: 'text/html; charset=utf-8', kind: 'page', templated: true },
  'app.js': { contentType: 'text/javascript; charset=utf-8', kind: 'versioned' },
  'app.css': { contentType: 'text/css; charset=utf-8', kind: 'versioned' },
  'manifest.webmanifest': { contentType: 'application/manifest+json; charset=utf-8', kind: 'versioned', templated: true },
  'icon.svg': { contentType: 'image/svg+xml', kind: 'versioned' },
  'sw.js': { contentType: 'text/javascript; charset=utf-8', kind: 'worker', templated: true },
};

/** Everything the page loads comes from this service: no CDN, no inline script or style. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The volunteer check-in page (DESIGN.md section 6): one static page that talks
 * to /graphql. `/checkin/join/:token` serves the same page; its script reads the token.
 */
@Controller('checkin')
export class CheckInPageController {
  private readonly assets: StaticAssetBundle;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.assets = new StaticAssetBundle(CHECKIN_ASSET_DIR, CHECKIN_ASSETS, {
      reload: !config.isProduction,
      // The worker lives at /checkin/sw.js but must also control /checkin itself (no trailing slash).
      serviceWorkerScope: '/checkin',
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    });
  }

  @Get()
  page(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('index.html', req, res);
  }

  @Get('join/:token')
  joinPage(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('index.html', req, res);
  }

  @Get(':file')
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    this.assets.sendAsset(file, req, res);
  }
}
