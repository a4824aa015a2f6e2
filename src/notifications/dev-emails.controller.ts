import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import { HttpErrorFilter } from 'src/common/http-error.filter';
import { EmailPreview } from './email-preview';

/** `GET /dev/emails/:template?locale=en&part=html|text|subject|ics`: a template with sample data, outside production. */
@Controller('dev/emails')
@UseFilters(HttpErrorFilter)
export class DevEmailsController {
  constructor(private readonly preview: EmailPreview) {}

  @Get()
  index(@Res() res: Response) {
    const page = this.preview.index();
    void res.type('text/html; charset=utf-8').send(page);
  }

  @Get(':template')
  render(@Param('template') template: string, @Query('locale') locale: string | undefined, @Query('part') part: string | undefined, @Res() res: Response) {
    const { contentType, body } = this.preview.render(template, typeof locale === 'string' ? locale : undefined, typeof part === 'string' ? part : undefined);
    void res.header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body);
  }
}
