import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';

/**
 * How a file is cached by browsers:
 * - `page`: HTML, revalidated on every visit (ETag → 304);
 * - `versioned`: referenced as `?v=<version>`; that exact version is immutable, any other URL is revalidated;
 * - `worker`: a service worker script, always revalidated, with the scope it may control.
 */
export type AssetKind = 'page' | 'versioned' | 'worker';

export interface AssetSpec {
  contentType: string;
  kind: AssetKind;
  /** `__VERSION__` in the file is replaced by the bundle's content version. */
  templated?: boolean;
  /** Read the file from this path instead of `<dir>/<name>` (e.g. a library's build in node_modules). */
  source?: string;
  /** Also keep a gzip copy, sent to clients that accept it (large text files). */
  gzip?: boolean;
}

export interface StaticAssetOptions {
  /** Re-read the files when they change on disk (outside production, for `nest start --watch`). */
  reload: boolean;
  /** `Service-Worker-Allowed` for `worker` files. */
  serviceWorkerScope?: string;
  /** `Content-Security-Policy` for `page` files. */
  contentSecurityPolicy?: string;
}

interface LoadedAsset {
  spec: AssetSpec;
  body: Buffer;
  etag: string;
  gzipped?: { body: Buffer; etag: string };
}

const VERSION_MARK = /__VERSION__/g;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A folder of static files served from memory, each with a strong content ETag.
 * The version is a hash over every file, written into the templated files so the
 * HTML and the service worker always name the assets of the same build.
 */
export class StaticAssetBundle {
  private loaded = new Map<string, LoadedAsset>();
  private stamp = '';
  private currentVersion = '';

  constructor(
    readonly dir: string,
    private readonly files: Record<string, AssetSpec>,
    private readonly options: StaticAssetOptions,
  ) {
    const missing = Object.keys(files).filter((name) => !existsSync(this.pathOf(name)));
    if (missing.length) {
      throw new Error(`Static assets missing in ${dir}: ${missing.join(', ')} (does nest-cli.json copy them into dist?)`);
    }
    this.load();
  }

  get version(): string {
    this.refresh();
    return this.currentVersion;
  }

  /** Answers `GET <prefix>/:file` for a listed asset; pages are served under their own routes, anything else is 404. */
  sendAsset(name: string, req: Request, res: Response): void {
    if (this.files[name]?.kind === 'page' || !Object.prototype.hasOwnProperty.call(this.files, name)) {
      void res.code(404).type('text/plain').send('Not found');
      return;
    }
    this.send(name, req, res);
  }

  /** Answers a GET or HEAD for one file: 200 with the body, or 304 when the client's copy is current. */
  send(name: string, req: Request, res: Response): void {
    this.refresh();
    const asset = this.loaded.get(name);
    if (!asset) {
      void res.code(404).type('text/plain').send('Not found');
      return;
    }
    const { spec } = asset;
    let { body, etag } = asset;
    if (asset.gzipped) {
      res.header('Vary', 'Accept-Encoding');
      if (acceptsGzip(req.headers['accept-encoding'])) {
        ({ body, etag } = asset.gzipped);
        res.header('Content-Encoding', 'gzip');
      }
    }
    res.header('Content-Type', spec.contentType);
    res.header('ETag', etag);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Cache-Control', this.cacheControl(spec.kind, req));
    if (spec.kind === 'worker' && this.options.serviceWorkerScope) {
      res.header('Service-Worker-Allowed', this.options.serviceWorkerScope);
    }
    if (spec.kind === 'page') {
      res.header('Referrer-Policy', 'no-referrer');
      res.header('X-Frame-Options', 'DENY');
      if (this.options.contentSecurityPolicy) res.header('Content-Security-Policy', this.options.contentSecurityPolicy);
    }
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      void res.code(304).send();
      return;
    }
    // Fastify answers HEAD through the GET route and sends no body then.
    void res.code(200).send(body);
  }

  private cacheControl(kind: AssetKind, req: Request): string {
    if (kind === 'versioned' && (req.query as { v?: unknown }).v === this.currentVersion) return IMMUTABLE;
    return 'no-cache';
  }

  private pathOf(name: string): string {
    return this.files[name]?.source ?? join(this.dir, name);
  }

  private refresh(): void {
    if (this.options.reload && this.diskStamp() !== this.stamp) this.load();
  }

  private diskStamp(): string {
    return Object.keys(this.files)
      .map((name) => {
        try {
          const stat = statSync(this.pathOf(name));
          return `${stat.mtimeMs}:${stat.size}`;
        } catch {
          return 'missing';
        }
      })
      .join('|');
  }

  private load(): void {
    const stamp = this.diskStamp();
    const raw = new Map<string, Buffer>();
    const hash = createHash('sha256');
    for (const name of Object.keys(this.files).sort()) {
      const body = readFileSync(this.pathOf(name));
      raw.set(name, body);
      hash.update(name).update('\0').update(body).update('\0');
    }
    const version = hash.digest('hex').slice(0, 12);
    const loaded = new Map<string, LoadedAsset>();
    for (const [name, spec] of Object.entries(this.files)) {
      const source = raw.get(name)!;
      const body = spec.templated ? Buffer.from(source.toString('utf8').replace(VERSION_MARK, version), 'utf8') : source;
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      // A different representation needs its own strong ETag.
      const gzipped = spec.gzip ? { body: gzipSync(body, { level: 9 }), etag: etag.replace(/"$/, '-gz"') } : undefined;
      loaded.set(name, { spec, body, etag, gzipped });
    }
    this.loaded = loaded;
    this.currentVersion = version;
    this.stamp = stamp;
  }
}

/** `Accept-Encoding` lists gzip with a non-zero quality. */
function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** `If-None-Match` holds the ETag (weak comparison, as RFC 9110 asks for GET). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}
