import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { AssetSpec, StaticAssetBundle } from './static-assets';

/**
 * The folder next to this file: src/web/feedback under ts-jest and ts-node,
 * dist/src/web/feedback after `nest build` (nest-cli.json copies it there).
 */
export const FEEDBACK_ASSET_DIR = join(__dirname, 'feedback');

export const FEEDBACK_ASSETS: Record<string, AssetSpec> = {
  'index.html': { contentType: 'text/html; charset=utf-8', kind: 'page', templated: true },
  'app.js': { contentType: 'text/javascript; charset=utf-8', kind: 'versioned' },
  'app.css': { contentType: 'text/css; charset=utf-8', kind: 'versioned' },
  'sw.js': { contentType: 'text/javascript; charset=utf-8', kind: 'worker', templated: true },
};

/** Everything the page loads comes from this service: no CDN, no inline script or style. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The attendee feedback page (issue 9): one static page, opened from a QR code
 * as `/feedback/<token>`, that reads `feedbackForm` and sends `submitFeedback`.
 * No login: the signed token in the URL is the permission, and the script reads it
 * from the path. Assets live under `/feedback/assets/` so no file name can be taken
 * for a token; the service worker sits at `/feedback/sw.js`, so its default scope
 * `/feedback/` covers every link. `/feedback` alone serves the same page (the shell
 * the worker keeps), which asks to scan the QR code again.
 */
@Controller('feedback')
export class FeedbackPageController {
  private readonly assets: StaticAssetBundle;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.assets = new StaticAssetBundle(FEEDBACK_ASSET_DIR, FEEDBACK_ASSETS, {
      reload: !config.isProduction,
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    });
  }

  @Get()
  shell(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('index.html', req, res);
  }

  @Get('sw.js')
  worker(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('sw.js', req, res);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    if (file === 'sw.js') {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    this.assets.sendAsset(file, req, res);
  }

  /** The same page for every token; the token is never read on the server here (feedbackForm checks it). */
  @Get(':token')
  page(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('index.html', req, res);
  }
}
