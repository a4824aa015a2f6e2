import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import { Ctx, RequestContext } from 'src/common/request-context';
import { HttpErrorFilter } from 'src/common/http-error.filter';
import { ReachExportService } from './reach-export.service';

/** `GET /reports/reach.csv|xlsx`: the reach query as a file, same filter, bearer token and scope. */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class ReachExportController {
  constructor(private readonly exports: ReachExportService) {}

  @Get('reach.csv')
  async csv(@Ctx() ctx: RequestContext, @Query() query: Record<string, string | string[]>, @Res() res: Response) {
    const file = await this.exports.csv(ctx, query);
    await res.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file.name}"`).send(file.body);
  }

  @Get('reach.xlsx')
  async xlsx(@Ctx() ctx: RequestContext, @Query() query: Record<string, string | string[]>, @Res() res: Response) {
    const file = await this.exports.xlsx(ctx, query);
    await res
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${file.name}"`)
      .send(file.body);
  }
}
