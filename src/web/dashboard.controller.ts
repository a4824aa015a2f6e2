import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from 'src/config/app-config';
import { AssetSpec, StaticAssetBundle } from './static-assets';

/**
 * The folder next to this file: src/web/dashboard under ts-jest and ts-node,
 * dist/src/web/dashboard after `nest build` (nest-cli.json copies it there).
 */
export const DASHBOARD_ASSET_DIR = join(__dirname, 'dashboard');

export const DASHBOARD_ASSETS: Record<string, AssetSpec> = {
  'index.html': { contentType: 'text/html; charset=utf-8', kind: 'page', templated: true },
  'app.js': { contentType: 'text/javascript; charset=utf-8', kind: 'versioned' },
  'app.css': { contentType: 'text/css; charset=utf-8', kind: 'versioned' },
  'icon.svg': { contentType: 'image/svg+xml', kind: 'versioned' },
  // Apache ECharts from the npm package, served by this service (no CDN): about 1.1 MB, 0.35 MB gzipped,
  // immutable under its `?v=` so a browser fetches it once per release.
  'echarts.min.js': {
    contentType: 'text/javascript; charset=utf-8',
    kind: 'versioned',
    source: require.resolve('echarts/dist/echarts.min.js'),
    gzip: true,
  },
};

/** Everything the page loads comes from this service; downloads are saved from blob: URLs. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The reach dashboard (DESIGN.md section 6) for head office and branch managers:
 * one static page that reads /graphql and downloads /reports/reach.{csv,xlsx}.
 */
@Controller('dashboard')
export class DashboardPageController {
  private readonly assets: StaticAssetBundle;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.assets = new StaticAssetBundle(DASHBOARD_ASSET_DIR, DASHBOARD_ASSETS, {
      reload: !config.isProduction,
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    });
  }

  @Get()
  page(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('index.html', req, res);
  }

  @Get(':file')
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    this.assets.sendAsset(file, req, res);
  }
}
